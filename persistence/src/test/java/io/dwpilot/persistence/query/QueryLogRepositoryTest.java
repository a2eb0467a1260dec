package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
            writer.offer(entry(ids.tryNext(), Instant.parse("2026-12-02T10:00:00Z"), Optional.of(Instant.parse("2026-11-03T08:00:00Z"))));
            writer.offer(entry(ids.tryNext(), Instant.parse("2026-12-02T10:00:01Z"), Optional.of(Instant.parse("2026-11-04T09:30:00Z"))));
            writer.offer(entry(ids.tryNext(), Instant.parse("2026-12-02T10:00:02Z"), Optional.of(Instant.parse("2026-11-02T00:00:00Z"))));
            // a statement sent without the simulator's clock, later on the wall clock than all of them
            writer.offer(entry(ids.tryNext(), Instant.parse("2026-12-03T00:00:00Z"), Optional.empty()));
        }
        assertThat(logs.latestSimulatedAt()).contains(Instant.parse("2026-11-04T09:30:00Z"));
    }

    private static QueryLogEntry entry(OptionalLong id, Instant executedAt, Optional<Instant> simulatedAt) {
        return new QueryLogEntry(id, "SELECT 1", Optional.of("fp"), Optional.of("select ?"), Optional.of("select"), "sim",
                "admin", "ok", Optional.empty(), Optional.empty(), Optional.of(1.0), Optional.of(0.0), Optional.empty(),
                Optional.of(1L), false, List.of(), Optional.empty(), executedAt, simulatedAt, OptionalInt.empty(),
                Optional.empty());
    }
}
