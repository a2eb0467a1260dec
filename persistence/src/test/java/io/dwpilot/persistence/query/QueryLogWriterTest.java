package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryLogWriterTest {
    private static Database database;
    private static QueryIds IDS;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("query_log");
        IDS = new QueryIds(database.systemPool(), 1000);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void everyAcceptedEntryIsWrittenOrCounted() throws SQLException {
        int entries = 10_000;
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 20_000, 500, Duration.ofMillis(50))) {
            for (int i = 0; i < entries; i++) {
                assertThat(writer.offer(entry(i, "complete"))).isTrue();
            }
        }
        assertThat(count("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'complete'")).isEqualTo(entries);
        assertThat(count("SELECT count(DISTINCT query_text) FROM metadata.query_logs"
                + " WHERE user_id = 'complete' AND tables_accessed = '{silver.sales_cleaned}'")).isEqualTo(entries);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofSeconds(1));
        int offered = 5_000;
        int taken = 0;
        for (int i = 0; i < offered; i++) {
            taken += writer.offer(entry(i, "overflow")) ? 1 : 0;
        }
        writer.close();
        QueryLogWriter.Stats stats = writer.stats();
        assertThat(stats.dropped()).isPositive().isEqualTo(offered - taken);
        assertThat(stats.accepted()).isEqualTo(taken);
        assertThat(stats.written() + stats.failed()).isEqualTo(stats.accepted());
    }

    @Test
    void awkwardTextSurvivesTheCopy() throws SQLException {
        String sql = "SELECT 'tab\there', E'back\\slash' AS \"quoted \"\"name\"\"\"\n  FROM t -- naïve ✓";
        List<String> tables = List.of("public.\"odd\"\"name\"", "back\\slash", "with,comma", "curly{}");
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofMillis(10))) {
            writer.offer(new QueryLogEntry(IDS.next(), sql, Optional.empty(), Optional.empty(), Optional.empty(),
                    "awkward", "admin", "error", Optional.of("42601"), Optional.of("line 1\nline 2"), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), false, tables, Optional.empty(),
                    Instant.parse("2026-01-02T03:04:05.123456Z"), Optional.of(Instant.parse("2030-06-07T08:09:10Z")),
                    OptionalInt.empty(), Optional.empty()));
        }
        try (Connection c = database.systemPool().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT query_text, tables_accessed, error_message, executed_at, simulated_at"
                     + " FROM metadata.query_logs WHERE user_id = 'awkward'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(sql);
            assertThat((String[]) rs.getArray(2).getArray()).containsExactlyElementsOf(tables);
            assertThat(rs.getString(3)).isEqualTo("line 1\nline 2");
            assertThat(rs.getTimestamp(4).toInstant()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
            assertThat(rs.getTimestamp(5).toInstant()).isEqualTo(Instant.parse("2030-06-07T08:09:10Z"));
        }
    }

    @Test
    void concurrencyAndFeaturesLandWithTheLogRows() throws SQLException {
        FeatureRow features = new FeatureRow(1, Map.of("joins", 2.0, "est_rows", 1.5e7));
        long ok = IDS.next();
        long failed = IDS.next();
        long plain = IDS.next();
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofMillis(10))) {
            writer.offer(entry(ok, 1, "features", "ok", OptionalInt.of(3), Optional.of(features)));
            writer.offer(entry(failed, 1, "features", "error", OptionalInt.of(0), Optional.of(features)));
            writer.offer(entry(plain, 1, "features", "ok", OptionalInt.empty(), Optional.empty()));
        }
        assertThat(strings("SELECT query_id || ':' || coalesce(concurrent_queries::text, '-') FROM metadata.query_logs"
                + " WHERE user_id = 'features' ORDER BY query_id"))
                .containsExactly(ok + ":3", failed + ":0", plain + ":-");
        // only successful executions are labelled with their time
        assertThat(strings("SELECT query_id || ':' || fingerprint || ':' || feature_version || ':'"
                + " || (features ->> 'joins')::float8 || ':' || (features ->> 'est_rows')::float8 || ':'"
                + " || coalesce(label_time_ms::text, '-') FROM ml.feature_store WHERE query_id IN ("
                + ok + ", " + failed + ", " + plain + ") ORDER BY query_id"))
                .containsExactly(ok + ":fp:1:2:15000000:1.5", failed + ":fp:1:2:15000000:-");
    }

    @Test
    void aBatchWhoseFeaturesCannotBeStoredLeavesNoLogRowsEither() throws SQLException {
        try (Connection c = database.systemPool().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE ml.feature_store ADD CONSTRAINT refuse_version_99 CHECK (feature_version <> 99)");
        }
        // a long flush interval keeps both entries in one batch until close()
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofSeconds(5));
        writer.offer(entry(IDS.next(), 1, "atomic", "ok", OptionalInt.empty(), Optional.empty()));
        writer.offer(entry(IDS.next(), 1, "atomic", "ok", OptionalInt.empty(),
                Optional.of(new FeatureRow(99, Map.of("joins", 1.0)))));
        writer.close();
        assertThat(writer.stats().failed()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'atomic'")).isZero();
    }

    @Test
    void featureValuesMustBeFiniteForJson() {
        assertThatThrownBy(() -> new FeatureRow(1, Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> new FeatureRow(0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("featureVersion");
    }

    private static QueryLogEntry entry(int i, String user) {
        return entry(IDS.next(), i, user, "ok", OptionalInt.empty(), Optional.empty());
    }

    private static QueryLogEntry entry(long id, int customer, String user, String status, OptionalInt concurrent,
                                       Optional<FeatureRow> features) {
        return new QueryLogEntry(id, "SELECT * FROM silver.sales_cleaned WHERE customer_id = " + customer,
                Optional.of("fp"), Optional.of("SELECT * FROM silver.sales_cleaned WHERE customer_id = ?"),
                Optional.of("select"), user, "analyst", status, Optional.empty(), Optional.empty(),
                Optional.of(1.5), Optional.of(0.1), Optional.empty(), Optional.of(1L), false,
                List.of("silver.sales_cleaned"), Optional.empty(), Instant.now(), Optional.empty(), concurrent, features);
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
