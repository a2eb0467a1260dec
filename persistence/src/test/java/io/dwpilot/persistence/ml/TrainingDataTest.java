package io.dwpilot.persistence.ml;

import static io.dwpilot.persistence.query.ExecutionStatus.ERROR;
import static io.dwpilot.persistence.query.ExecutionStatus.OK;
import static io.dwpilot.persistence.query.ExecutionStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.query.ExecutionStatus;
import io.dwpilot.persistence.query.FeatureRow;
import io.dwpilot.persistence.query.QueryIds;
import io.dwpilot.persistence.query.QueryLogEntry;
import io.dwpilot.persistence.query.QueryLogWriter;
import io.dwpilot.persistence.query.QueryScope;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Executions written by the query log writer and read back for training, on real PostgreSQL. */
class TrainingDataTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    /** A bulk of executions a year earlier, to read a realistic window. */
    private static final Instant BULK_START = Instant.parse("2025-03-02T00:00:00Z");

    private static final int BULK_ROWS = 40_000;
    private static final Map<String, Double> SMALL = Map.of("joins", 0.0, "est_rows", 5.0);
    private static final Map<String, Double> LARGE = Map.of("joins", 3.0, "est_rows", 1.25e6);

    private static Database db;
    private static TrainingData data;
    private static long first;
    private static long tied;
    private static long failed;
    private static long unparsed;
    private static long outside;
    private static long replayed;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.newWarehouse("training_data");
        data = new TrainingData(db.systemPool());
        QueryIds ids = new QueryIds(db.systemPool(), 10);
        tied = ids.tryNext().orElseThrow();
        first = ids.tryNext().orElseThrow();
        failed = ids.tryNext().orElseThrow();
        unparsed = ids.tryNext().orElseThrow();
        outside = ids.tryNext().orElseThrow();
        replayed = ids.tryNext().orElseThrow();
        try (QueryLogWriter writer = new QueryLogWriter(db.systemPool(), 100, 100, Duration.ofMillis(10))) {
            writer.offer(new Logged(first, OK, T0.plusSeconds(5))
                    .fingerprint("fp-a")
                    .time(12.5)
                    .predicted(10.0)
                    .concurrent(2)
                    .features(new FeatureRow(1, LARGE))
                    .entry());
            writer.offer(new Logged(tied, OK, T0.plusSeconds(10))
                    .fingerprint("fp-a")
                    .time(3.0)
                    .predicted(4.0)
                    .concurrent(1)
                    .features(new FeatureRow(1, SMALL))
                    .entry());
            writer.offer(new Logged(failed, ERROR, T0.plusSeconds(10))
                    .fingerprint("fp-b")
                    .predicted(5.0)
                    .concurrent(0)
                    .features(new FeatureRow(1, SMALL))
                    .entry());
            writer.offer(new Logged(unparsed, REJECTED, T0.plusSeconds(20))
                    .features(new FeatureRow(2, Map.of("tokens", 7.0)))
                    .entry());
            writer.offer(
                    new Logged(outside, OK, T1).fingerprint("fp-a").time(1.0).entry());
            // run on the wall clock a year later, but at T0 + 30 s of the simulator's clock
            writer.offer(new Logged(replayed, OK, Instant.parse("2027-01-01T00:00:00Z"))
                    .simulated(T0.plusSeconds(30))
                    .fingerprint("fp-c")
                    .time(8.0)
                    .entry());
        }
        insertBulk();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void executionsOfTheWindowInWorkloadTimeOrderWithTheirFeatures() throws SQLException {
        List<LoggedExecution> rows = data.executions(T0, T1, 1);
        assertThat(rows).extracting(LoggedExecution::queryId).containsExactly(first, tied, failed, unparsed, replayed);

        LoggedExecution ok = rows.get(0);
        assertThat(ok.fingerprint()).isEqualTo("fp-a");
        assertThat(ok.at()).isEqualTo(T0.plusSeconds(5));
        assertThat(ok.status()).isEqualTo(OK);
        assertThat(ok.statementKind()).isEqualTo("select");
        assertThat(ok.executionMs()).isEqualTo(12.5);
        assertThat(ok.predictedMs()).isEqualTo(OptionalDouble.of(10.0));
        assertThat(ok.concurrentQueries()).isEqualTo(OptionalInt.of(2));
        assertThat(ok.tables()).containsExactly("silver.sales_cleaned", "gold.sales_summary");
        assertThat(ok.features()).isEqualTo(LARGE);

        LoggedExecution error = rows.get(2);
        assertThat(error.status()).isEqualTo(ERROR);
        assertThat(error.executionMs()).isNaN();
        assertThat(error.features()).isEqualTo(SMALL);

        LoggedExecution bare = rows.get(3);
        assertThat(bare.fingerprint()).isEmpty();
        assertThat(bare.predictedMs()).isEmpty();
        assertThat(bare.concurrentQueries()).isEmpty();
        assertThat(bare.features()).isEmpty(); // it has features of version 2 only

        assertThat(rows.get(4).at()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void anotherFeatureVersionJoinsOnlyItsOwnRows() throws SQLException {
        List<LoggedExecution> rows = data.executions(T0, T1, 2);
        assertThat(rows).hasSize(5);
        assertThat(rows)
                .filteredOn(r -> !r.features().isEmpty())
                .singleElement()
                .satisfies(r -> assertThat(r.queryId()).isEqualTo(unparsed))
                .satisfies(r -> assertThat(r.features()).isEqualTo(Map.of("tokens", 7.0)));
    }

    @Test
    void theWindowIsHalfOpen() throws SQLException {
        assertThat(data.executions(T0.plusSeconds(10), T0.plusSeconds(20), 1))
                .extracting(LoggedExecution::queryId)
                .containsExactly(tied, failed);
        assertThat(data.executions(T1, T1.plusSeconds(1), 1))
                .extracting(LoggedExecution::queryId)
                .containsExactly(outside);
        assertThat(data.executions(T0, T0, 1)).isEmpty();
        assertThatThrownBy(() -> data.executions(T1, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLargeWindowStreamsInAFewSeconds() throws SQLException {
        long start = System.nanoTime();
        List<LoggedExecution> rows = data.executions(BULK_START, T0, 1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(rows).hasSize(BULK_ROWS);
        assertThat(rows).allSatisfy(r -> assertThat(r.features()).hasSize(12));
        assertThat(rows).extracting(LoggedExecution::at).isSorted();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void countsAndBoundsByWorkloadTime() throws SQLException {
        assertThat(data.countSince(T0)).isEqualTo(6);
        assertThat(data.countSince(T0.plusSeconds(11))).isEqualTo(3);
        assertThat(data.earliest()).contains(BULK_START.plusSeconds(1));
        // the replayed row ran on the wall clock in 2027 but belongs to T0 + 30 s
        assertThat(data.latest()).contains(T1);
    }

    @Test
    void oneNormalizedTextPerFingerprintFromTheScopesExecutions() throws SQLException {
        Map<String, String> texts = Map.of("fp-a", "SELECT ? FROM fp-a", "fp-c", "SELECT ? FROM fp-c");
        assertThat(data.normalizedTexts(List.of("fp-a", "fp-c", "fp-a", "unknown"), QueryScope.EVERYONE))
                .isEqualTo(texts);
        assertThat(data.normalizedTexts(List.of("fp-a", "fp-c"), QueryScope.ownedBy("trainer-test")))
                .isEqualTo(texts);
        assertThat(data.normalizedTexts(List.of("fp-a", "fp-c"), QueryScope.ownedBy("someone-else")))
                .isEmpty();
        assertThat(data.normalizedTexts(List.of(), QueryScope.EVERYONE)).isEmpty();
    }

    /** 40k successful executions a second apart, each with 12 features of version 1. */
    private static void insertBulk() throws SQLException {
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO metadata.query_logs (query_text, fingerprint, statement_kind, user_id, user_role, status,
                        execution_time_ms, predicted_time_ms, tables_accessed, executed_at, concurrent_queries)
                    SELECT 'SELECT ' || i, 'bulk-' || i %% 50, 'select', 'bulk', 'analyst', 'ok', i %% 100,
                           i %% 100 + 1, '{silver.sales_cleaned}', '%s'::timestamptz + i * interval '1 second', i %% 8
                    FROM generate_series(1, %d) i""".formatted(BULK_START, BULK_ROWS));
            s.execute("""
                    INSERT INTO ml.feature_store (query_id, fingerprint, feature_version, features, label_time_ms)
                    SELECT query_id, fingerprint, 1,
                           (SELECT jsonb_object_agg('f' || k, (query_id % 97) * k + 0.5) FROM generate_series(0, 11) k),
                           execution_time_ms
                    FROM metadata.query_logs WHERE user_id = 'bulk'""");
        }
    }

    /** An execution to log, with what these tests vary. */
    private static final class Logged {
        private final long id;
        private final ExecutionStatus status;
        private final Instant executedAt;
        private Optional<Instant> simulatedAt = Optional.empty();
        private Optional<String> fingerprint = Optional.empty();
        private Optional<Double> time = Optional.empty();
        private Optional<Double> predicted = Optional.empty();
        private OptionalInt concurrent = OptionalInt.empty();
        private Optional<FeatureRow> features = Optional.empty();

        Logged(long id, ExecutionStatus status, Instant executedAt) {
            this.id = id;
            this.status = status;
            this.executedAt = executedAt;
        }

        Logged simulated(Instant at) {
            simulatedAt = Optional.of(at);
            return this;
        }

        Logged fingerprint(String value) {
            fingerprint = Optional.of(value);
            return this;
        }

        Logged time(double ms) {
            time = Optional.of(ms);
            return this;
        }

        Logged predicted(double ms) {
            predicted = Optional.of(ms);
            return this;
        }

        Logged concurrent(int queries) {
            concurrent = OptionalInt.of(queries);
            return this;
        }

        Logged features(FeatureRow row) {
            features = Optional.of(row);
            return this;
        }

        QueryLogEntry entry() {
            return QueryLogEntry.builder()
                    .queryId(OptionalLong.of(id))
                    .queryText("SELECT 1")
                    .fingerprint(fingerprint)
                    .normalizedText(fingerprint.map(fp -> "SELECT ? FROM " + fp))
                    .statementKind(Optional.of("select"))
                    .userId("trainer-test")
                    .userRole("analyst")
                    .status(status)
                    .executionTimeMs(time)
                    .predictedTimeMs(predicted)
                    .tablesAccessed(List.of("silver.sales_cleaned", "gold.sales_summary"))
                    .executedAt(executedAt)
                    .simulatedAt(simulatedAt)
                    .concurrentQueries(concurrent)
                    .features(features)
                    .build();
        }
    }
}
