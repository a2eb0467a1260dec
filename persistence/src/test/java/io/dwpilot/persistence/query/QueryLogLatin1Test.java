package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.testing.Rows;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
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

/**
 * A database in LATIN1 (an external PostgreSQL may run one) cannot hold most of Unicode: a row with such a character
 * is refused, and so would be its quarantine entry, but for the escaped form the quarantine falls back to.
 */
class QueryLogLatin1Test {
    private static Database database;

    @BeforeAll
    static void open() throws SQLException {
        DatabaseSettings settings = TestPostgres.newDatabase("query_log_latin1");
        String url = settings.url().orElseThrow();
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(TestPostgres.adminUrl(), "postgres", "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE " + name);
            s.execute("CREATE DATABASE " + name + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        }
        database = Database.open(settings);
        database.migrate();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aCharacterTheEncodingCannotHoldIsQuarantinedSpelledOutAndTheRestOfTheBatchLands() throws SQLException {
        QueryIds ids = new QueryIds(database.systemPool(), 10);
        long refused = ids.tryNext().orElseThrow();
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 10, 10, Duration.ofSeconds(5));
        writer.offer(entry(ids.tryNext(), "SELECT 'café'"));
        writer.offer(entry(OptionalLong.of(refused), "SELECT '中文' -- \0"));
        writer.close();

        assertThat(writer.stats()).isEqualTo(new QueryLogWriter.Stats(2, 1, 1, 0, 0));
        assertThat(strings("SELECT query_text FROM metadata.query_logs")).containsExactly("SELECT 'café'");
        assertThat(strings("SELECT sqlstate || ' ' || (entry ->> 'query_text') || ' ' || (entry -> 'sanitized' ->> 0)"
                        + " || ' ' || (entry ->> 'escaped') FROM metadata.query_log_quarantine WHERE query_id = "
                        + refused))
                .singleElement()
                .asString()
                .startsWith("22P05 SELECT '\\u4e2d\\u6587' -- \\ufffd query_text: 1 NUL character replaced by U+FFFD"
                        + " non-ASCII characters written as \\uXXXX: character with byte sequence");
    }

    private static QueryLogEntry entry(OptionalLong id, String sql) {
        return QueryLogEntry.builder()
                .queryId(id)
                .queryText(sql)
                .userId("latin1")
                .userRole("analyst")
                .status(ExecutionStatus.OK)
                .executionTimeMs(Optional.of(1.0))
                .executedAt(Instant.now())
                .build();
    }

    private static List<String> strings(String sql) throws SQLException {
        return Rows.strings(database.systemPool(), sql);
    }
}
