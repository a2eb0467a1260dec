package io.dwpilot.persistence.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.query.QueryExecutor;
import io.dwpilot.persistence.query.QueryFailure;
import io.dwpilot.persistence.query.QueryRequest;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The users' roles' session limits on real PostgreSQL: set by the superuser setup, kept through the reset after
 * every request, and a runaway statement stopped by temp_file_limit with a clear failure. Roles of its own (rl_*),
 * dropped afterwards, so that a small limit never reaches another test's sessions.
 */
class RoleLimitsTest {
    private static final RoleNames ROLES = new RoleNames("rl_owner", "rl_agents", "rl_analyst", "rl_admin");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RUNAWAY = "SELECT count(*) FROM (SELECT * FROM generate_series(1, 1e9) ORDER BY 1) s";
    private static String databaseUrl;
    private static Database database;
    private static QueryExecutor executor;

    @BeforeAll
    static void open() {
        DatabaseSettings settings = TestPostgres.newDatabase("role_limits");
        databaseUrl = settings.url().orElseThrow();
        database = Database.open(settings.withAccess(settings.access()
                .withRoles(ROLES)
                .withLimits(
                        DatabaseRole.ANALYST,
                        RoleLimits.none().withTempFileLimit("1MB").withWorkMem("8MB"))
                .withLimits(DatabaseRole.ADMIN, RoleLimits.none().withWorkMem("16MB"))));
        executor = new QueryExecutor(database.sessions());
    }

    @AfterAll
    static void close() throws SQLException {
        database.close();
        TestPostgres.dropDatabaseAndRoles(
                databaseUrl, List.of(ROLES.agents(), ROLES.analyst(), ROLES.admin(), ROLES.owner()));
    }

    @Test
    void eachRoleStartsWithItsLimitsAndReturnsToThemAfterTheReset() {
        assertThat(setting(DatabaseRole.ANALYST, "temp_file_limit")).isEqualTo("1MB");
        assertThat(setting(DatabaseRole.ANALYST, "work_mem")).isEqualTo("8MB");
        assertThat(setting(DatabaseRole.ADMIN, "work_mem")).isEqualTo("16MB");
        assertThat(setting(DatabaseRole.ADMIN, "temp_file_limit"))
                .as("no role setting: the server's (unlimited)")
                .isEqualTo("-1");

        int sessions = database.sessions().maximumPoolSize();
        for (int i = 0; i < sessions; i++) { // a session-wide change in every pooled session, each then reset
            executor.execute(new QueryRequest(
                    "SELECT set_config('work_mem', '200MB', false)", DatabaseRole.ANALYST, TIMEOUT, 1));
        }
        for (int i = 0; i < 2 * sessions; i++) {
            assertThat(setting(DatabaseRole.ANALYST, "work_mem"))
                    .as("RESET ALL returns to the role's setting, not the server's")
                    .isEqualTo("8MB");
        }
    }

    @Test
    void aRunawayStatementStopsAtTheTemporaryFileLimit() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> executor.execute(new QueryRequest(RUNAWAY, DatabaseRole.ANALYST, TIMEOUT, 10)))
                .isInstanceOfSatisfying(QueryFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(QueryFailure.Kind.RESOURCE_LIMIT);
                    assertThat(f.sqlState()).contains("53400");
                })
                .hasMessageContaining("temp_file_limit (1024kB)")
                .hasMessageContaining("dwpilot.security.limits.analyst.temp-file-limit");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("stopped by the limit, long before the statement timeout")
                .isLessThan(TIMEOUT.dividedBy(2));
        assertThat(setting(DatabaseRole.ANALYST, "temp_file_limit"))
                .as("the session that failed went back to the pool usable")
                .isEqualTo("1MB");
    }

    @Test
    void aSizePostgresqlWouldNotReadIsRefusedBeforeAnyRoleChanges() {
        assertThatThrownBy(() -> RoleLimits.none().withTempFileLimit("1 gigabyte"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temp_file_limit '1 gigabyte' is not a size PostgreSQL reads");
        assertThatThrownBy(() -> RoleLimits.none().withWorkMem("32kB")).hasMessageContaining("outside 64kB");
        assertThatThrownBy(() -> RoleLimits.none().withTempFileLimit("4TB")).hasMessageContaining("outside 1kB");
        assertThat(RoleLimits.none().withTempFileLimit(" ").tempFileLimit())
                .as("blank: the server's")
                .isEmpty();
    }

    private static String setting(DatabaseRole role, String name) {
        return (String) executor.execute(new QueryRequest("SELECT current_setting('" + name + "')", role, TIMEOUT, 1))
                .rows()
                .get(0)
                .get(0);
    }
}
