package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryLogRepositoryTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("query_log_repository");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theLatestSimulatedTimeIsTheSimulatorsNewestStatementNotTheNewestRow() throws SQLException {
        QueryLogRepository logs = new QueryLogRepository(database.systemPool());
        assertThat(logs.latestSimulatedAt()).isEmpty();
        QueryIds ids = new QueryIds(database.systemPool(), 10);
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofMillis(10))) {
            writer.offer(entry(
                    ids.tryNext(),
                    Instant.parse("2026-12-02T10:00:00Z"),
                    Optional.of(Instant.parse("2026-11-03T08:00:00Z"))));
            writer.offer(entry(
                    ids.tryNext(),
                    Instant.parse("2026-12-02T10:00:01Z"),
                    Optional.of(Instant.parse("2026-11-04T09:30:00Z"))));
            writer.offer(entry(
                    ids.tryNext(),
                    Instant.parse("2026-12-02T10:00:02Z"),
                    Optional.of(Instant.parse("2026-11-02T00:00:00Z"))));
            // a statement sent without the simulator's clock, later on the wall clock than all of them
            writer.offer(entry(ids.tryNext(), Instant.parse("2026-12-03T00:00:00Z"), Optional.empty()));
        }
        assertThat(logs.latestSimulatedAt()).contains(Instant.parse("2026-11-04T09:30:00Z"));
    }

    @Test
    void aUsersScopeReadsOnlyItsOwnExecutionsAndThePlansCapturedFromThem() throws SQLException {
        QueryLogRepository logs = new QueryLogRepository(database.systemPool());
        QueryIds ids = new QueryIds(database.systemPool(), 10);
        long ann = ids.tryNext().orElseThrow();
        long bob = ids.tryNext().orElseThrow();
        Instant at = Instant.parse("2026-12-05T10:00:00Z");
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofMillis(10))) {
            writer.offer(entry(ann, "ann", "SELECT * FROM t WHERE secret = 'ann-1'", at));
            writer.offer(entry(bob, "bob", "SELECT * FROM t WHERE secret = 'bob-2'", at.plusSeconds(1)));
        }
        // the fingerprint's plan was captured from bob's statement, literal and all
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO metadata.query_execution_plans (query_id, fingerprint, execution_plan) VALUES ("
                    + bob + ", 'fp-shared', '[{\"Plan\": {\"Filter\": \"secret = bob-2\"}}]')");
        }
        QueryScope annOnly = QueryScope.ownedBy("ann");

        assertThat(logs.find(ann, annOnly))
                .hasValueSatisfying(q -> assertThat(q.userId()).isEqualTo("ann"));
        assertThat(logs.find(bob, annOnly)).isEmpty();
        assertThat(logs.find(bob, QueryScope.EVERYONE)).isPresent();
        assertThat(logs.latestPlan("fp-shared", annOnly)).isEmpty();
        assertThat(logs.latestPlan("fp-shared", QueryScope.ownedBy("bob")))
                .hasValueSatisfying(plan -> assertThat(plan).contains("bob-2"));
        assertThat(logs.latestPlan("fp-shared", QueryScope.EVERYONE)).isPresent();

        StatisticsFilter shared = new StatisticsFilter(
                annOnly,
                Optional.empty(),
                Optional.empty(),
                Optional.of("fp-shared"),
                Optional.empty(),
                StatisticsSort.TOTAL,
                10);
        assertThat(logs.statistics(shared))
                .singleElement()
                .satisfies(s -> assertThat(s.executions()).isEqualTo(1));
        assertThat(logs.statistics(new StatisticsFilter(
                        QueryScope.EVERYONE,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("fp-shared"),
                        Optional.empty(),
                        StatisticsSort.TOTAL,
                        10)))
                .singleElement()
                .satisfies(s -> assertThat(s.executions()).isEqualTo(2));
    }

    private static QueryLogEntry entry(OptionalLong id, Instant executedAt, Optional<Instant> simulatedAt) {
        return QueryLogEntry.builder()
                .queryId(id)
                .queryText("SELECT 1")
                .fingerprint(Optional.of("fp"))
                .normalizedText(Optional.of("select ?"))
                .statementKind(Optional.of("select"))
                .userId("sim")
                .userRole("admin")
                .status(ExecutionStatus.OK)
                .executionTimeMs(Optional.of(1.0))
                .queueTimeMs(Optional.of(0.0))
                .rowsReturned(Optional.of(1L))
                .executedAt(executedAt)
                .simulatedAt(simulatedAt)
                .build();
    }

    private static QueryLogEntry entry(long id, String user, String sql, Instant executedAt) {
        return QueryLogEntry.builder()
                .queryId(OptionalLong.of(id))
                .queryText(sql)
                .fingerprint(Optional.of("fp-shared"))
                .normalizedText(Optional.of("SELECT * FROM t WHERE secret = ?"))
                .statementKind(Optional.of("select"))
                .userId(user)
                .userRole("analyst")
                .status(ExecutionStatus.OK)
                .executionTimeMs(Optional.of(1.0))
                .queueTimeMs(Optional.of(0.0))
                .rowsReturned(Optional.of(1L))
                .tablesAccessed(List.of("t"))
                .executedAt(executedAt)
                .build();
    }
}
