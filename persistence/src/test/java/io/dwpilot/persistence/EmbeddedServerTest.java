package io.dwpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.access.AccessSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default: its data survives a restart, pg_stat_statements is loaded, every login needs its password
 * (no trust line), and a data directory of an older dwpilot that trusted local logins is converted.
 */
class EmbeddedServerTest {
    @TempDir
    Path home;

    private DatabaseSettings settings() {
        return new DatabaseSettings(
                Optional.empty(),
                "postgres",
                "",
                Duration.ofSeconds(5),
                home.resolve("pgdata"),
                0,
                Duration.ofSeconds(60),
                2,
                2,
                Duration.ofSeconds(30),
                AccessSettings.defaults());
    }

    @Test
    void dataSurvivesARestartAndEveryLoginNeedsItsPassword() throws Exception {
        try (Database db = Database.open(settings())) {
            assertThat(db.mode()).isEqualTo(Database.Mode.EMBEDDED);
            assertThat(db.serverVersion()).startsWith("17");
            execute(
                    db,
                    "CREATE SCHEMA kept",
                    "CREATE TABLE kept.t (v text)",
                    "INSERT INTO kept.t VALUES ('still here')");
            assertThat(query(db, "SELECT count(*) FROM pg_stat_statements")).isNotEqualTo("0"); // preloaded
            assertThat(query(db, "SELECT current_user")).isEqualTo("dwpilot_agents");
        }
        Path data = home.resolve("pgdata");
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
        Path credentials = data.resolve("dwpilot-credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(credentials)).contains("postgres=").contains("dwpilot_analyst=");

        try (Database db = Database.open(settings())) {
            assertThat(query(db, "SELECT v FROM kept.t")).isEqualTo("still here");
            assertThatThrownBy(() -> login(db.url(), "postgres", ""))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> login(db.url(), "postgres", "wrong-password"))
                    .hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> login(db.url(), "dwpilot_analyst", "wrong-password"))
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void aDataDirectoryThatTrustedLocalLoginsGetsPasswords() throws Exception {
        Path data = home.resolve("pgdata");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        .start();
                Connection c = old.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE from_before (v text)");
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");

        try (Database db = Database.open(settings())) {
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThatThrownBy(() -> login(db.url(), "postgres", ""))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThat(query(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'from_before'"))
                    .isEqualTo("1");
        }
        try (Database again = Database.open(settings())) {
            assertThat(again.serverVersion()).startsWith("17");
        }
    }

    @Test
    void usersSessionsMayRunOverTheSuperusersLoginWhenAskedTo() throws Exception {
        DatabaseSettings legacy =
                settings().withAccess(AccessSettings.defaults().withAllowSuperuserSessions(true));
        try (Database db = Database.open(legacy)) {
            assertThat(db.rolesKept()).isFalse();
            assertThat(query(db, "SELECT current_user")).isEqualTo("postgres");
        }
    }

    @Test
    void aPortServedByAnotherPostgresIsRefusedNotShared() {
        try (Database first = Database.open(settings())) {
            int port = Integer.parseInt(first.url().replaceAll(".*:(\\d+)/.*", "$1"));
            DatabaseSettings second =
                    settings().withEmbeddedDataDirectory(home.resolve("other")).withEmbeddedPort(port);
            assertThatThrownBy(() -> Database.open(second))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("port " + port);
        }
    }

    @Test
    void anUnreachableServerFailsWithItsAddress() {
        DatabaseSettings unreachable = settings().withUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        assertThatThrownBy(() -> Database.open(unreachable))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1/nowhere")
                .hasMessageContaining("refused");
    }

    private static void login(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        DriverManager.getConnection(url, properties).close();
    }

    private static void execute(Database db, String... sql) throws SQLException {
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static String query(Database db, String sql) throws SQLException {
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
