package io.dwpilot.persistence.query;

import static io.dwpilot.persistence.query.ExecutionStatus.ERROR;
import static io.dwpilot.persistence.query.ExecutionStatus.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.Rows;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryLogWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        assertThat(count("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'complete'"))
                .isEqualTo(entries);
        assertThat(count("SELECT count(DISTINCT query_text) FROM metadata.query_logs"
                        + " WHERE user_id = 'complete' AND tables_accessed = '{silver.sales_cleaned}'"))
                .isEqualTo(entries);
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
        assertThat(stats.lost()).isPositive().isEqualTo(offered - taken);
        assertThat(stats.accepted()).isEqualTo(taken);
        assertThat(stats.written()).isEqualTo(stats.accepted());
        assertThat(stats.waiting()).isZero();
        assertThat(writer.offer(entry(0, "overflow"))).as("closed").isFalse();
        assertThat(writer.stats().lost()).isEqualTo(offered - taken + 1);
    }

    @Test
    void awkwardTextSurvivesTheCopy() throws SQLException {
        String sql = "SELECT 'tab\there', E'back\\slash' AS \"quoted \"\"name\"\"\"\n  FROM t -- naïve ✓";
        List<String> tables = List.of("public.\"odd\"\"name\"", "back\\slash", "with,comma", "curly{}");
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofMillis(10))) {
            writer.offer(QueryLogEntry.builder()
                    .queryId(IDS.tryNext())
                    .queryText(sql)
                    .userId("awkward")
                    .userRole("admin")
                    .status(ERROR)
                    .errorCode(Optional.of("42601"))
                    .errorMessage(Optional.of("line 1\nline 2"))
                    .tablesAccessed(tables)
                    .executedAt(Instant.parse("2026-01-02T03:04:05.123456Z"))
                    .simulatedAt(Optional.of(Instant.parse("2030-06-07T08:09:10Z")))
                    .build());
        }
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT query_text, tables_accessed, error_message, executed_at, simulated_at"
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
        long ok = id();
        long failed = id();
        long plain = id();
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofMillis(10))) {
            writer.offer(entry(ok, 1, "features", OK, OptionalInt.of(3), Optional.of(features)));
            writer.offer(entry(failed, 1, "features", ERROR, OptionalInt.of(0), Optional.of(features)));
            writer.offer(entry(plain, 1, "features", OK, OptionalInt.empty(), Optional.empty()));
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
    void aRowWhoseFeaturesAreRefusedIsQuarantinedWithItsLogRowAndTheRestOfItsBatchLands() throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE ml.feature_store ADD CONSTRAINT refuse_version_99 CHECK (feature_version <> 99)");
        }
        long kept = id();
        long refused = id();
        // a long flush interval keeps both entries in one batch until close()
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofSeconds(5));
        writer.offer(entry(kept, 1, "atomic", OK, OptionalInt.empty(), Optional.of(new FeatureRow(1, Map.of()))));
        writer.offer(entry(
                refused, 2, "atomic", OK, OptionalInt.empty(), Optional.of(new FeatureRow(99, Map.of("joins", 1.0)))));
        writer.close();
        assertThat(writer.stats()).isEqualTo(new QueryLogWriter.Stats(2, 1, 1, 0, 0));
        assertThat(strings("SELECT query_id FROM metadata.query_logs WHERE user_id = 'atomic'"))
                .containsExactly(Long.toString(kept));
        assertThat(strings("SELECT query_id FROM ml.feature_store WHERE query_id IN (" + kept + ", " + refused + ")"))
                .containsExactly(Long.toString(kept));
        assertThat(strings("SELECT sqlstate || ' ' || reason || ' ' || (entry -> 'features' ->> 'feature_version')"
                        + " || ' ' || (entry ->> 'query_text') FROM metadata.query_log_quarantine WHERE query_id = "
                        + refused))
                .containsExactly("23514 new row for relation \"feature_store\" violates check constraint"
                        + " \"refuse_version_99\" 99 SELECT * FROM silver.sales_cleaned WHERE customer_id = 2");
    }

    @Test
    void valuesPostgresCannotHoldAreMadeStorableAndTheRowSaysWhatChanged() throws SQLException {
        Instant writing = Instant.now();
        Instant farFuture = Instant.parse("+1000000000-12-31T23:59:59Z");
        List<QueryLogEntry> batch = List.of(
                awkward(
                        "nul-text",
                        "SELECT 1\0\0",
                        List.of("silver.sales_cleaned"),
                        Optional.of("syntax\0error"),
                        Optional.of(2.5),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty()),
                awkward(
                        "lone-surrogate",
                        "SELECT '\uD800' -- \uD83D\uDE00",
                        List.of("a\0b", "c\uDC00"),
                        Optional.empty(),
                        Optional.of(1.0),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty()),
                awkward(
                        "far-future",
                        "SELECT 3",
                        List.of(),
                        Optional.empty(),
                        Optional.of(Double.NaN),
                        farFuture,
                        Optional.of(farFuture)),
                awkward(
                        "infinite",
                        "SELECT 4",
                        List.of(),
                        Optional.empty(),
                        Optional.of(Double.POSITIVE_INFINITY),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.of(Instant.parse("+10000-01-01T00:00:00Z"))),
                awkward(
                        "earliest",
                        "SELECT 5",
                        List.of(),
                        Optional.empty(),
                        Optional.of(1.0),
                        Timestamptz.EARLIEST,
                        Optional.of(Timestamptz.LATEST)),
                awkward(
                        "normal",
                        "SELECT 6",
                        List.of(),
                        Optional.empty(),
                        Optional.of(1.0),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty()));
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofSeconds(5));
        batch.forEach(writer::offer);
        writer.close();
        assertThat(writer.stats()).isEqualTo(new QueryLogWriter.Stats(6, 6, 0, 0, 0));
        assertThat(strings("SELECT error_code || ' | ' || query_text || ' | ' || array_to_string(tables_accessed, ',')"
                        + " || ' | ' || coalesce(error_message, '-') || ' | ' || coalesce(execution_time_ms::text, '-')"
                        + " || ' | ' || to_char(executed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD BC') || ' | '"
                        + " || coalesce(to_char(simulated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US BC'), '-')"
                        + " || ' | ' || coalesce(array_to_string(sanitized, '; '), '-')"
                        + " FROM metadata.query_logs WHERE user_id = 'sanitizing' ORDER BY query_id"))
                .containsExactly(
                        "nul-text | SELECT 1\uFFFD\uFFFD | silver.sales_cleaned | syntax\uFFFDerror | 2.5"
                                + " | 2026-01-01 AD | - | query_text: 2 NUL characters replaced by U+FFFD;"
                                + " error_message: 1 NUL character replaced by U+FFFD",
                        "lone-surrogate | SELECT '\uFFFD' -- \uD83D\uDE00 | a\uFFFDb,c\uFFFD | - | 1 | 2026-01-01 AD"
                                + " | - | query_text: 1 unpaired surrogate replaced by U+FFFD; tables_accessed: 1 NUL"
                                + " character and 1 unpaired surrogate replaced by U+FFFD",
                        "far-future | SELECT 3 |  | - | - | "
                                + writing.toString().substring(0, 10) + " AD | -"
                                + " | execution_time_ms: NaN stored as NULL; executed_at: +1000000000-12-31T23:59:59Z"
                                + " is outside PostgreSQL's range; the time of writing stored instead; simulated_at:"
                                + " +1000000000-12-31T23:59:59Z is outside PostgreSQL's range",
                        "infinite | SELECT 4 |  | - | - | 2026-01-01 AD | 10000-01-01 00:00:00.000000 AD"
                                + " | execution_time_ms: Infinity stored as NULL",
                        "earliest | SELECT 5 |  | - | 1 | 4714-11-24 BC | 294276-12-31 23:59:59.999999 AD | -",
                        "normal | SELECT 6 |  | - | 1 | 2026-01-01 AD | - | -");
    }

    @Test
    void aRowPostgresRefusesIsQuarantinedWithItsReasonAndTheRestOfItsBatchLands() throws SQLException {
        long refused = id();
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofSeconds(5));
        writer.offer(entry(id(), 1, "refusing", OK, OptionalInt.empty(), Optional.empty()));
        // a count below zero breaks a CHECK constraint (an execution status no longer can: it is an enum)
        writer.offer(QueryLogEntry.builder()
                .queryId(OptionalLong.of(refused))
                .queryText("SELECT 'no\0count'")
                .userId("refusing")
                .userRole("analyst")
                .status(OK)
                .executionTimeMs(Optional.of(Double.NaN))
                .tablesAccessed(List.of("t\u00e9"))
                .executedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .concurrentQueries(OptionalInt.of(-2))
                .features(Optional.of(new FeatureRow(1, Map.of("joins", 2.0))))
                .build());
        writer.offer(entry(id(), 3, "refusing", ERROR, OptionalInt.empty(), Optional.empty()));
        writer.close();
        assertThat(writer.stats()).isEqualTo(new QueryLogWriter.Stats(3, 2, 1, 0, 0));
        assertThat(count("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'refusing'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM ml.feature_store WHERE query_id = " + refused))
                .isZero();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT sqlstate, reason, entry, quarantined_at > now() - interval '1 minute'"
                                + " FROM metadata.query_log_quarantine WHERE query_id = " + refused)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("23514");
            assertThat(rs.getString(2))
                    .isEqualTo("new row for relation \"query_logs\" violates check constraint"
                            + " \"query_logs_concurrent_queries_check\"");
            assertThat(JSON.readTree(rs.getString(3))).isEqualTo(JSON.readTree("""
                    {"query_id": %d, "query_text": "SELECT 'no\uFFFDcount'", "user_id": "refusing",
                     "user_role": "analyst", "status": "ok", "truncated": false, "tables_accessed": ["t\u00e9"],
                     "executed_at": "2026-01-01T00:00:00Z", "concurrent_queries": -2,
                     "features": {"feature_version": 1, "values": {"joins": 2.0}},
                     "sanitized": ["query_text: 1 NUL character replaced by U+FFFD",
                                   "execution_time_ms: NaN stored as NULL"]}
                    """.formatted(refused)));
            assertThat(rs.getBoolean(4)).isTrue();
            assertThat(rs.next()).isFalse();
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEntryWithoutAnIdGetsOneFromTheSequenceWhenWritten() throws SQLException {
        long before = id();
        try (QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofMillis(10))) {
            writer.offer(QueryLogEntry.builder()
                    .queryText("SELECT 1")
                    .userId("no-id")
                    .userRole("analyst")
                    .status(OK)
                    .executionTimeMs(Optional.of(1.0))
                    .executedAt(Instant.now())
                    .features(Optional.of(new FeatureRow(1, Map.of())))
                    .build());
        }
        List<String> ids = strings("SELECT query_id FROM metadata.query_logs WHERE user_id = 'no-id'");
        assertThat(ids).hasSize(1);
        assertThat(Long.parseLong(ids.get(0))).isGreaterThan(before);
        assertThat(count("SELECT count(*) FROM ml.feature_store WHERE query_id = " + ids.get(0)))
                .isEqualTo(1);
    }

    @Test
    void featureValuesMustBeFiniteForJson() {
        assertThatThrownBy(() -> new FeatureRow(1, Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x");
        assertThatThrownBy(() -> new FeatureRow(0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("featureVersion");
    }

    /** An id for a test that looks its row up: taken faster than the next block comes in, the ids in hand run out. */
    private static long id() {
        for (OptionalLong id = IDS.tryNext(); ; id = IDS.tryNext()) {
            if (id.isPresent()) {
                return id.getAsLong();
            }
            Thread.onSpinWait();
        }
    }

    /** Whatever the ids in hand give: an entry offered without one gets its id when it is written. */
    private static QueryLogEntry entry(int i, String user) {
        return entry(IDS.tryNext(), i, user, OK, OptionalInt.empty(), Optional.empty());
    }

    /** An entry of user "sanitizing" whose error code names it. */
    private static QueryLogEntry awkward(
            String name,
            String sql,
            List<String> tables,
            Optional<String> error,
            Optional<Double> executionMs,
            Instant executedAt,
            Optional<Instant> simulatedAt) {
        return QueryLogEntry.builder()
                .queryId(OptionalLong.of(id()))
                .queryText(sql)
                .userId("sanitizing")
                .userRole("analyst")
                .status(ERROR)
                .errorCode(Optional.of(name))
                .errorMessage(error)
                .executionTimeMs(executionMs)
                .tablesAccessed(tables)
                .executedAt(executedAt)
                .simulatedAt(simulatedAt)
                .build();
    }

    private static QueryLogEntry entry(
            long id,
            int customer,
            String user,
            ExecutionStatus status,
            OptionalInt concurrent,
            Optional<FeatureRow> features) {
        return entry(OptionalLong.of(id), customer, user, status, concurrent, features);
    }

    private static QueryLogEntry entry(
            OptionalLong id,
            int customer,
            String user,
            ExecutionStatus status,
            OptionalInt concurrent,
            Optional<FeatureRow> features) {
        return QueryLogEntry.builder()
                .queryId(id)
                .queryText("SELECT * FROM silver.sales_cleaned WHERE customer_id = " + customer)
                .fingerprint(Optional.of("fp"))
                .normalizedText(Optional.of("SELECT * FROM silver.sales_cleaned WHERE customer_id = ?"))
                .statementKind(Optional.of("select"))
                .userId(user)
                .userRole("analyst")
                .status(status)
                .executionTimeMs(Optional.of(1.5))
                .queueTimeMs(Optional.of(0.1))
                .rowsReturned(Optional.of(1L))
                .tablesAccessed(List.of("silver.sales_cleaned"))
                .executedAt(Instant.now())
                .concurrentQueries(concurrent)
                .features(features)
                .build();
    }

    private static List<String> strings(String sql) throws SQLException {
        return Rows.strings(database.systemPool(), sql);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
