package io.dwpilot.persistence.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The optimization history on real PostgreSQL: round trips, filtered lists, status transitions, unknown ids. */
class OptimizationRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final OptimizationIndexRef INDEX =
            new OptimizationIndexRef("silver", "dwp_idx_sales_customer", "silver.sales_cleaned", 8192);
    private static Database db;
    private static OptimizationRepository repo;

    @BeforeAll
    static void setUp() {
        db = TestPostgres.newWarehouse("optimizations");
        repo = new OptimizationRepository(db.systemPool());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static NewOptimization recommended(String agent, String type, OptimizationStatus status, Instant at) {
        return new NewOptimization(
                agent,
                type,
                List.of("fp-1", "fp-2"),
                Optional.of("CREATE INDEX CONCURRENTLY dwp_idx_sales_customer ON silver.sales_cleaned (customer_id)"),
                "saves 40% of fp-1",
                status,
                Optional.of(INDEX),
                OptionalDouble.of(0.4),
                "{\"candidates\": 3, \"cost_before\": 120.5}",
                at);
    }

    @Test
    void insertAndFindReadEveryColumnBack() throws SQLException {
        long id = repo.insert(recommended("indexer", "create_index", OptimizationStatus.RECOMMENDED, T0));

        OptimizationRecord r = repo.find(id).orElseThrow();
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.agent()).isEqualTo("indexer");
        assertThat(r.recommendationType()).isEqualTo("create_index");
        assertThat(r.fingerprints()).containsExactly("fp-1", "fp-2");
        assertThat(r.target()).hasValueSatisfying(t -> assertThat(t).startsWith("CREATE INDEX CONCURRENTLY"));
        assertThat(r.reason()).isEqualTo("saves 40% of fp-1");
        assertThat(r.status()).isEqualTo(OptimizationStatus.RECOMMENDED);
        assertThat(r.applied()).isFalse();
        assertThat(r.estimatedGain()).hasValue(0.4);
        assertThat(r.performanceGain()).isEmpty();
        assertThat(r.pValue()).isEmpty();
        assertThat(r.detailsJson()).isEqualTo("{\"candidates\": 3, \"cost_before\": 120.5}");
        assertThat(r.index()).contains(INDEX);
        assertThat(r.recommendedAt()).isEqualTo(T0);
        assertThat(r.appliedAt()).isEmpty();
        assertThat(r.verifiedAt()).isEmpty();
        assertThat(r.droppedAt()).isEmpty();
        assertThat(repo.find(987_654)).isEmpty();
    }

    @Test
    void aBareOptimizationHasNoIndexTargetOrGain() throws SQLException {
        long id = repo.insert(new NewOptimization(
                "tuner",
                "work_mem",
                List.of(),
                Optional.empty(),
                "memory",
                OptimizationStatus.ANALYZED,
                Optional.empty(),
                OptionalDouble.empty(),
                null,
                T0.minusSeconds(7200)));

        OptimizationRecord r = repo.find(id).orElseThrow();
        assertThat(r.fingerprints()).isEmpty();
        assertThat(r.target()).isEmpty();
        assertThat(r.index()).isEmpty();
        assertThat(r.estimatedGain()).isEmpty();
        assertThat(r.detailsJson()).isEqualTo("{}");
        assertThat(r.status()).isEqualTo(OptimizationStatus.ANALYZED);
    }

    @Test
    void appliedThenKeptRecordsTheVerdictAndMergesDetails() throws SQLException {
        long id = repo.insert(recommended("indexer", "create_index", OptimizationStatus.RECOMMENDED, T0));
        repo.markApplied(id, T0.plusSeconds(60));
        OptimizationRecord applied = repo.find(id).orElseThrow();
        assertThat(applied.status()).isEqualTo(OptimizationStatus.APPLIED);
        assertThat(applied.applied()).isTrue();
        assertThat(applied.appliedAt()).contains(T0.plusSeconds(60));

        repo.markVerified(
                id,
                OptimizationStatus.KEPT,
                OptionalDouble.of(0.35),
                OptionalDouble.of(0.001),
                "{\"cost_before\": 99, \"test\": \"mann_whitney\"}",
                T0.plusSeconds(600));
        OptimizationRecord kept = repo.find(id).orElseThrow();
        assertThat(kept.status()).isEqualTo(OptimizationStatus.KEPT);
        assertThat(kept.applied()).isTrue();
        assertThat(kept.performanceGain()).hasValue(0.35);
        assertThat(kept.pValue()).hasValue(0.001);
        assertThat(kept.verifiedAt()).contains(T0.plusSeconds(600));
        assertThat(kept.droppedAt()).isEmpty();
        assertThat(kept.detailsJson())
                .isEqualTo("{\"test\": \"mann_whitney\", \"candidates\": 3, \"cost_before\": 99}");
    }

    @Test
    void aRevertIsNoLongerAppliedAndDroppedAtTheVerdict() throws SQLException {
        long id = repo.insert(recommended("indexer", "create_index", OptimizationStatus.RECOMMENDED, T0));
        repo.markApplied(id, T0.plusSeconds(60));
        repo.markVerified(
                id,
                OptimizationStatus.REVERTED,
                OptionalDouble.of(-0.1),
                OptionalDouble.empty(),
                null,
                T0.plusSeconds(900));

        OptimizationRecord r = repo.find(id).orElseThrow();
        assertThat(r.status()).isEqualTo(OptimizationStatus.REVERTED);
        assertThat(r.applied()).isFalse();
        assertThat(r.appliedAt()).contains(T0.plusSeconds(60));
        assertThat(r.verifiedAt()).contains(T0.plusSeconds(900));
        assertThat(r.droppedAt()).contains(T0.plusSeconds(900));
        assertThat(r.performanceGain()).hasValue(-0.1);
        assertThat(r.pValue()).isEmpty();
        assertThat(r.detailsJson()).isEqualTo("{\"candidates\": 3, \"cost_before\": 120.5}");
    }

    @Test
    void rejectedFailedAndDroppedEndTheOptimization() throws SQLException {
        long rejected = repo.insert(recommended("indexer", "create_index", OptimizationStatus.RECOMMENDED, T0));
        repo.markStatus(rejected, OptimizationStatus.REJECTED, "{\"why\": \"write heavy\"}", T0.plusSeconds(5));
        OptimizationRecord r = repo.find(rejected).orElseThrow();
        assertThat(r.status()).isEqualTo(OptimizationStatus.REJECTED);
        assertThat(r.detailsJson()).contains("\"why\": \"write heavy\"").contains("\"rejected_at\"");

        long failed = repo.insert(recommended("indexer", "create_index", OptimizationStatus.APPLIED, T0));
        assertThat(repo.find(failed).orElseThrow().applied()).isTrue();
        repo.markStatus(failed, OptimizationStatus.FAILED, "{\"sqlstate\": \"23505\"}", T0.plusSeconds(5));
        OptimizationRecord f = repo.find(failed).orElseThrow();
        assertThat(f.status()).isEqualTo(OptimizationStatus.FAILED);
        assertThat(f.applied()).isFalse();
        assertThat(f.detailsJson()).contains("\"sqlstate\": \"23505\"").contains("\"failed_at\"");

        long dropped = repo.insert(recommended("indexer", "create_index", OptimizationStatus.RECOMMENDED, T0));
        repo.markApplied(dropped, T0.plusSeconds(1));
        repo.markStatus(dropped, OptimizationStatus.DROPPED, null, T0.plusSeconds(86_400));
        OptimizationRecord d = repo.find(dropped).orElseThrow();
        assertThat(d.status()).isEqualTo(OptimizationStatus.DROPPED);
        assertThat(d.applied()).isFalse();
        assertThat(d.droppedAt()).contains(T0.plusSeconds(86_400));
        assertThat(d.detailsJson()).isEqualTo("{\"candidates\": 3, \"cost_before\": 120.5}");
    }

    @Test
    void unknownIdsAndWrongStatusesAreRefused() throws SQLException {
        assertThatThrownBy(() -> repo.markApplied(555_555, T0))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("555555");
        assertThatThrownBy(() -> repo.markVerified(
                        555_555, OptimizationStatus.KEPT, OptionalDouble.empty(), OptionalDouble.empty(), "{}", T0))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> repo.markStatus(555_555, OptimizationStatus.DROPPED, "{}", T0))
                .isInstanceOf(NoSuchElementException.class);

        long id = repo.insert(recommended("indexer", "create_index", OptimizationStatus.RECOMMENDED, T0));
        assertThatThrownBy(() -> repo.markVerified(
                        id, OptimizationStatus.APPLIED, OptionalDouble.empty(), OptionalDouble.empty(), "{}", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.markStatus(id, OptimizationStatus.KEPT, "{}", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(repo.find(id).orElseThrow().status()).isEqualTo(OptimizationStatus.RECOMMENDED);
    }

    @Test
    void listFiltersByAgentTypeAndStatusNewestFirstWithLimitAndOffset() throws SQLException {
        Instant day = Instant.parse("2026-05-01T00:00:00Z");
        long a = repo.insert(recommended("lister", "create_index", OptimizationStatus.RECOMMENDED, day));
        long b = repo.insert(recommended("lister", "create_index", OptimizationStatus.ANALYZED, day.plusSeconds(10)));
        long c = repo.insert(recommended("lister", "drop_index", OptimizationStatus.RECOMMENDED, day.plusSeconds(10)));
        long d =
                repo.insert(recommended("lister", "create_index", OptimizationStatus.RECOMMENDED, day.plusSeconds(20)));
        long other =
                repo.insert(recommended("other", "create_index", OptimizationStatus.RECOMMENDED, day.plusSeconds(30)));

        assertThat(repo.list(filter("lister", null, Set.of(), 100, 0)))
                .extracting(OptimizationRecord::id)
                .containsExactly(d, c, b, a);
        assertThat(repo.list(filter("lister", "create_index", Set.of(), 100, 0)))
                .extracting(OptimizationRecord::id)
                .containsExactly(d, b, a);
        assertThat(repo.list(filter("lister", null, EnumSet.of(OptimizationStatus.RECOMMENDED), 100, 0)))
                .extracting(OptimizationRecord::id)
                .containsExactly(d, c, a);
        assertThat(repo.list(filter(
                        "lister", null, EnumSet.of(OptimizationStatus.ANALYZED, OptimizationStatus.KEPT), 100, 0)))
                .extracting(OptimizationRecord::id)
                .containsExactly(b);
        assertThat(repo.list(filter("lister", null, Set.of(), 2, 1)))
                .extracting(OptimizationRecord::id)
                .containsExactly(c, b);
        assertThat(repo.list(filter(null, "create_index", Set.of(), 2, 0)))
                .extracting(OptimizationRecord::id)
                .containsExactly(other, d);
        assertThat(repo.list(OptimizationFilter.all()))
                .extracting(OptimizationRecord::id)
                .startsWith(other, d, c, b, a);
    }

    @Test
    void filtersAndStatusesValidate() {
        assertThatThrownBy(() -> filter(null, null, Set.of(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> filter(null, null, Set.of(), 1001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> filter(null, null, Set.of(), 10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OptimizationFilter.all().limit()).isEqualTo(OptimizationFilter.MAX_LIMIT);
        assertThat(OptimizationStatus.of("kept")).isEqualTo(OptimizationStatus.KEPT);
        assertThat(OptimizationStatus.DROPPED.dbValue()).isEqualTo("dropped");
        assertThatThrownBy(() -> OptimizationStatus.of("pending")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableAcceptsEveryStatusAndTheNewColumns() throws SQLException {
        for (OptimizationStatus s : OptimizationStatus.values()) {
            long id = repo.insert(recommended("statuses", "create_index", s, T0));
            assertThat(repo.find(id).orElseThrow().status()).isEqualTo(s);
        }
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO metadata.optimization_history (agent,"
                            + " recommendation_type, reason, status) VALUES ('x', 'y', 'z', 'pending')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("optimization_history_status_check");
            try (ResultSet rs = s.executeQuery("""
                    SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY column_name)
                    FROM information_schema.columns
                    WHERE table_schema = 'metadata' AND table_name = 'optimization_history'
                      AND column_name IN ('index_schema', 'index_name', 'table_name', 'size_bytes', 'dropped_at')""")) {
                rs.next();
                assertThat(rs.getString(1))
                        .isEqualTo("dropped_at:timestamp with time zone,index_name:text,"
                                + "index_schema:text,size_bytes:bigint,table_name:text");
            }
        }
    }

    private static OptimizationFilter filter(
            String agent, String type, Set<OptimizationStatus> statuses, int limit, int offset) {
        return new OptimizationFilter(
                Optional.ofNullable(agent), Optional.ofNullable(type), statuses, Optional.empty(), limit, offset);
    }
}
