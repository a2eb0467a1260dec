package io.dwpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: its data survives a restart, pg_stat_statements is loaded, bad credentials fail clearly. */
class EmbeddedServerTest {
    @TempDir
    Path home;

    private DatabaseSettings settings() {
        return new DatabaseSettings(Optional.empty(), "postgres", "", Duration.ofSeconds(5), home.resolve("pgdata"), 0,
                Duration.ofSeconds(60), 2, 2);
    }

    @Test
    void dataSurvivesARestartAndWrongPasswordsAreRefused() throws Exception {
        try (Database db = Database.open(settings())) {
            assertThat(db.mode()).isEqualTo(Database.Mode.EMBEDDED);
            assertThat(db.serverVersion()).startsWith("17");
            execute(db, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('still here')",
                    "CREATE ROLE probe LOGIN PASSWORD 'right-password'");
            assertThat(query(db, "SHOW shared_preload_libraries")).contains("pg_stat_statements");
        }
        requirePasswordsFor("probe");

        try (Database db = Database.open(settings())) {
            assertThat(query(db, "SELECT v FROM kept")).isEqualTo("still here");
            assertThat(DatabaseExtensions.install(db.systemPool())).contains("pg_stat_statements");

            String url = db.url();
            DatabaseSettings wrong = new DatabaseSettings(Optional.of(url), "probe", "wrong-password",
                    Duration.ofSeconds(5), home, 0, Duration.ofSeconds(5), 1, 1);
            assertThatThrownBy(() -> Database.open(wrong))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("probe")
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void aPortServedByAnotherPostgresIsRefusedNotShared() {
        try (Database first = Database.open(settings())) {
            int port = Integer.parseInt(first.url().replaceAll(".*:(\\d+)/.*", "$1"));
            DatabaseSettings second = settings().withEmbeddedDataDirectory(home.resolve("other")).withEmbeddedPort(port);
            assertThatThrownBy(() -> Database.open(second))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("port " + port + " is served by another PostgreSQL");
        }
    }

    @Test
    void anUnreachableServerFailsWithItsAddress() {
        DatabaseSettings unreachable = settings().withUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        assertThatThrownBy(() -> Database.open(unreachable))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1/nowhere")
                .hasMessageContaining("Connection refused");
    }

    private void requirePasswordsFor(String role) throws IOException {
        Path hba = home.resolve("pgdata").resolve("pg_hba.conf");
        String rule = "host all " + role + " 127.0.0.1/32 scram-sha-256\n";
        Files.writeString(hba, rule + Files.readString(hba));
    }

    private static void execute(Database db, String... sql) throws SQLException {
        try (Connection c = db.systemPool().getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static String query(Database db, String sql) throws SQLException {
        try (Connection c = db.systemPool().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
