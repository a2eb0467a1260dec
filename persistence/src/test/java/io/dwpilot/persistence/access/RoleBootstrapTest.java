package io.dwpilot.persistence.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A database where dwpilot's login is not a superuser: it refuses to start until a DBA has run the script of
 * {@code dwpilot roles --print-sql}, then runs users' statements under the script's roles, and refuses again when a
 * user role has gained a power its users must not have. Roles of its own (rb_*), dropped afterwards: roles are the
 * whole server's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleBootstrapTest {
    private static final RoleNames ROLES = new RoleNames("rb_owner", "rb_agents", "rb_analyst", "rb_admin");
    private static final String LOGIN = "rb_login";
    private static DatabaseSettings superuser;
    private static String databaseUrl;

    @TempDir
    static Path credentials;

    @BeforeAll
    static void createLogin() throws SQLException {
        DatabaseSettings fresh = TestPostgres.newDatabase("role_bootstrap");
        databaseUrl = fresh.url().orElseThrow();
        superuser = fresh.withAccess(AccessSettings.defaults()
                .withRoles(ROLES)
                .withCredentialsFile(credentials.resolve("credentials.properties")));
        // roles an interrupted run left behind (its databases are gone with its JVM)
        asSuperuser("DROP ROLE IF EXISTS "
                + String.join(", ", ROLES.agents(), ROLES.analyst(), ROLES.admin(), ROLES.owner()));
        asSuperuser("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + LOGIN + "') THEN"
                + " CREATE ROLE " + LOGIN + " LOGIN PASSWORD 'login-password'; END IF; END$$");
    }

    @AfterAll
    static void dropRoles() throws SQLException {
        TestPostgres.dropDatabaseAndRoles(
                databaseUrl, List.of(ROLES.agents(), ROLES.analyst(), ROLES.admin(), ROLES.owner(), LOGIN));
    }

    @Test
    @Order(1)
    void aLoginThatIsNoSuperuserWaitsForTheDbaThenRunsUnderTheRoles() throws SQLException {
        DatabaseSettings asLogin = superuser.withExternal(databaseUrl, LOGIN, "login-password");
        assertThatThrownBy(() -> Database.open(asLogin))
                .isInstanceOf(AccessSetupException.class)
                .hasMessageContaining("do not exist")
                .hasMessageContaining("dwpilot roles --print-sql")
                .hasMessageContaining(LOGIN);

        String script = Database.rolesScript(asLogin);
        assertThat(script)
                .contains("CREATE ROLE rb_analyst LOGIN PASSWORD 'SCRAM-SHA-256$")
                .doesNotContain(Credentials.at(credentials.resolve("credentials.properties"))
                        .find("rb_analyst")
                        .orElseThrow());
        asSuperuser(script);

        try (Database database = Database.open(asLogin)) {
            database.migrate();
            assertThat(database.user()).isEqualTo("rb_agents");
            assertThat(currentUser(database, DatabaseRole.ANALYST)).isEqualTo("rb_analyst");
            assertThat(currentUser(database, DatabaseRole.ADMIN)).isEqualTo("rb_admin");
            assertThat(scalar(
                            database,
                            DatabaseRole.ANALYST,
                            "SELECT has_table_privilege('gold.sales_summary', 'SELECT')"))
                    .isEqualTo("t");
            assertThat(scalar(database, DatabaseRole.ANALYST, "SELECT has_schema_privilege('metadata', 'USAGE')"))
                    .isEqualTo("f");
            assertThat(scalar(database, DatabaseRole.ADMIN, "SELECT has_table_privilege('bronze.sales_raw', 'INSERT')"))
                    .isEqualTo("t");
            assertThat(scalar(
                            database,
                            DatabaseRole.ADMIN,
                            "SELECT has_table_privilege('metadata.query_logs', 'DELETE')"))
                    .isEqualTo("f");
        }
    }

    @Test
    @Order(2)
    void aUserRoleWithMorePowerThanItsUsersIsRefused() throws SQLException {
        DatabaseSettings asLogin = superuser.withExternal(databaseUrl, LOGIN, "login-password");
        asSuperuser(Database.rolesScript(asLogin));
        asSuperuser("GRANT pg_read_server_files TO " + ROLES.analyst());
        try {
            assertThatThrownBy(() -> Database.open(asLogin))
                    .isInstanceOf(AccessSetupException.class)
                    .hasMessageContaining("rb_analyst is a member of pg_read_server_files");
            assertThatThrownBy(() -> Database.open(superuser))
                    .as("a superuser login keeps roles but does not take away what a DBA granted")
                    .isInstanceOf(AccessSetupException.class);
        } finally {
            asSuperuser("REVOKE pg_read_server_files FROM " + ROLES.analyst());
        }
        asSuperuser("ALTER ROLE " + ROLES.admin() + " CREATEROLE");
        try {
            assertThatThrownBy(() -> Database.open(asLogin)).hasMessageContaining("rb_admin has CREATEROLE");
            try (Database fixed = Database.open(superuser)) {
                assertThat(fixed.rolesKept())
                        .as("a superuser login takes the power away again")
                        .isTrue();
            }
        } finally {
            asSuperuser("ALTER ROLE " + ROLES.admin() + " NOCREATEROLE");
        }
    }

    @Test
    @Order(3)
    void sessionLimitsADbaLeftOutAreReportedNotRefused() throws SQLException {
        DatabaseSettings asLogin = superuser.withExternal(databaseUrl, LOGIN, "login-password");
        String script = Database.rolesScript(asLogin);
        assertThat(script)
                .contains("ALTER ROLE rb_analyst SET temp_file_limit = '1GB';")
                .contains("ALTER ROLE rb_admin SET temp_file_limit = '4GB';")
                .contains("ALTER ROLE rb_analyst RESET work_mem;");
        asSuperuser(script);
        ListAppender<ILoggingEvent> logged = listen();
        try (Database database = Database.open(asLogin)) {
            assertThat(scalar(database, DatabaseRole.ANALYST, "SELECT current_setting('temp_file_limit')"))
                    .isEqualTo("1GB");
            assertThat(warnings(logged)).isEmpty();
        }

        asSuperuser("ALTER ROLE " + ROLES.analyst() + " RESET temp_file_limit");
        asSuperuser("ALTER ROLE " + ROLES.admin() + " SET temp_file_limit = 4194304"); // 4GB in kB: the same
        asSuperuser("ALTER ROLE " + ROLES.admin() + " SET work_mem = '64MB'");
        try (Database database = Database.open(asLogin)) {
            assertThat(scalar(database, DatabaseRole.ANALYST, "SELECT current_user"))
                    .isEqualTo(ROLES.analyst());
            assertThat(warnings(logged))
                    .singleElement()
                    .asString()
                    .contains("rb_analyst has no temp_file_limit where dwpilot wants 1GB")
                    .contains("rb_admin has work_mem = 64MB where dwpilot wants the server's")
                    .doesNotContain("rb_admin has temp_file_limit")
                    .contains("dwpilot roles --print-sql");
        } finally {
            ((Logger) LoggerFactory.getLogger(RoleBootstrap.class)).detachAppender(logged);
        }
        try (Database fixed = Database.open(superuser)) {
            assertThat(scalar(fixed, DatabaseRole.ANALYST, "SELECT current_setting('temp_file_limit')"))
                    .as("a superuser login sets the limits again")
                    .isEqualTo("1GB");
            assertThat(scalar(fixed, DatabaseRole.ADMIN, "SELECT current_setting('work_mem')"))
                    .isNotEqualTo("64MB");
        }
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(RoleBootstrap.class)).addAppender(appender);
        return appender;
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> logged) {
        return logged.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static String currentUser(Database database, DatabaseRole role) throws SQLException {
        return scalar(database, role, "SELECT current_user");
    }

    private static String scalar(Database database, DatabaseRole role, String sql) throws SQLException {
        try (var session = database.sessions().open(role);
                Statement s = session.connection().createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void asSuperuser(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
