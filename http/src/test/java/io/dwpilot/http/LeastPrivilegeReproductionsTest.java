package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.persistence.access.DatabaseRole;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks that found the front door open, each replayed as its own test with an analyst's token (and an admin's
 * where the admin must be refused too): every one is refused with a 400 or 403 that says why, and PostgreSQL shows
 * that nothing happened.
 */
class LeastPrivilegeReproductionsTest {
    private static SecurityFixture fixture;
    private static Path marker;

    @BeforeAll
    static void start() throws Exception {
        fixture = SecurityFixture.start("least_privilege");
        marker = Path.of(System.getProperty("java.io.tmpdir"), "dwpilot-repro-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() throws Exception {
        Files.deleteIfExists(marker);
        fixture.close();
    }

    @Test
    void osCommandsRunForNoRole() throws Exception {
        for (String token : new String[] {SecurityFixture.ANALYST, SecurityFixture.ADMIN}) {
            HttpResponse<String> copy = fixture.execute(token, "COPY (SELECT 1) TO PROGRAM 'id > " + marker + "'");
            assertThat(copy.statusCode()).as(copy.body()).isEqualTo(403);
            assertThat(message(copy)).containsAnyOf("admin role", "pg_execute_server_program");
        }
        assertThat(marker).doesNotExist();
        assertThat(fixture.superuserScalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
                .isEqualTo("t");
        assertThat(fixture.superuserScalar("SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles"
                        + " WHERE rolsuper AND rolname LIKE 'dwpilot%'"))
                .isNull();
    }

    @Test
    void aSecondStatementBehindAnEscapeStringNeverRuns() throws Exception {
        String count = count();
        for (String sql : new String[] {
            "SELECT E'\\''; COMMIT; INSERT INTO " + SecurityFixture.CANARY + " VALUES (500, 'x'); --'",
            "SELECT 1 AS a$; DROP TABLE " + SecurityFixture.CANARY,
            "SELECT $t$ $u$ ; $t$; DELETE FROM " + SecurityFixture.CANARY
        }) {
            for (String token : new String[] {SecurityFixture.ANALYST, SecurityFixture.ADMIN}) {
                HttpResponse<String> response = fixture.execute(token, sql);
                assertThat(response.statusCode()).as(sql).isEqualTo(400);
                assertThat(message(response)).contains("One statement per request");
            }
        }
        assertThat(count()).isEqualTo(count);
    }

    @Test
    void aLongLiteralIsReadNotOverflowed() throws Exception {
        String sql = "SELECT '" + "x".repeat(200_000) + "' AS long_literal";
        HttpResponse<String> response = fixture.execute(SecurityFixture.ANALYST, sql);
        assertThat(response.statusCode()).isEqualTo(200);
        HttpResponse<String> plan = fixture.explain(SecurityFixture.ANALYST, sql);
        assertThat(plan.statusCode()).isEqualTo(200);
        HttpResponse<String> unterminated = fixture.execute(SecurityFixture.ANALYST, "SELECT '" + "x".repeat(3000));
        assertThat(unterminated.statusCode()).isEqualTo(400);
        assertThat(message(unterminated)).contains("unterminated quoted string");
    }

    @Test
    void explainChecksTheRoleAndNeverCommits() throws Exception {
        String count = count();
        HttpResponse<String> write = fixture.explain(
                SecurityFixture.ANALYST, "INSERT INTO " + SecurityFixture.CANARY + " VALUES (600, 'x')");
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(message(write)).contains("INSERT statements need the admin role");
        HttpResponse<String> smuggled = fixture.explain(
                SecurityFixture.ANALYST,
                "SELECT E'\\''; COMMIT; INSERT INTO " + SecurityFixture.CANARY + " VALUES (601, 'x'); --'");
        assertThat(smuggled.statusCode()).isEqualTo(400);
        HttpResponse<String> analyze = fixture.explain(
                SecurityFixture.ADMIN, "EXPLAIN ANALYZE INSERT INTO " + SecurityFixture.CANARY + " VALUES (602, 'x')");
        assertThat(analyze.statusCode()).isEqualTo(400);
        HttpResponse<String> plan =
                fixture.explain(SecurityFixture.ADMIN, "INSERT INTO " + SecurityFixture.CANARY + " VALUES (603, 'x')");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(SecurityFixture.json(plan).path("plan").toString()).contains("ModifyTable");
        assertThat(count()).isEqualTo(count);
    }

    @Test
    void serverFilesAreNeitherReadNorWritten() throws Exception {
        for (String token : new String[] {SecurityFixture.ANALYST, SecurityFixture.ADMIN}) {
            for (String sql : new String[] {
                "SELECT pg_read_file('postgresql.conf')",
                "SELECT pg_ls_dir('.')",
                "SELECT pg_read_binary_file('postgresql.auto.conf')",
                "COPY (SELECT 1) TO '" + marker + "'"
            }) {
                HttpResponse<String> response = fixture.execute(token, sql);
                assertThat(response.statusCode())
                        .as(sql + " -> " + response.body())
                        .isEqualTo(403);
                assertThat(message(response)).containsAnyOf("permission denied", "admin role", "pg_write_server_files");
            }
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void otherSessionsAndTheServerAreOutOfReach() throws Exception {
        try (Connection other =
                        fixture.database.sessions().pool(DatabaseRole.ANALYST).getConnection();
                Statement s = other.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long pid = rs.getLong(1);
            for (String token : new String[] {SecurityFixture.ANALYST, SecurityFixture.ADMIN}) {
                for (String sql : new String[] {
                    "SELECT pg_terminate_backend(" + pid + ")",
                    "SELECT pg_cancel_backend(" + pid + ")",
                    "CHECKPOINT",
                    "SELECT pg_switch_wal()",
                    "SELECT pg_reload_conf()"
                }) {
                    HttpResponse<String> response = fixture.execute(token, sql);
                    assertThat(response.statusCode())
                            .as(sql + " -> " + response.body())
                            .isEqualTo(403);
                }
            }
            assertThat(other.isValid(2))
                    .as("the other session of the same role")
                    .isTrue();
        }
        for (String sql : new String[] {
            "LOCK TABLE " + SecurityFixture.CANARY + " IN ACCESS EXCLUSIVE MODE",
            "NOTIFY dwpilot",
            "PREPARE p AS SELECT 1",
            "LISTEN dwpilot",
            "SET work_mem = '1GB'",
            "DO $$BEGIN END$$"
        }) {
            HttpResponse<String> response = fixture.execute(SecurityFixture.ANALYST, sql);
            assertThat(response.statusCode()).as(sql).isEqualTo(403);
            assertThat(message(response)).contains("need the admin role");
        }
    }

    @Test
    void nothingARequestSetsReachesTheNextOne() throws Exception {
        int sessions = fixture.database.sessions().maximumPoolSize();
        for (int i = 0; i < 2 * sessions; i++) {
            assertThat(fixture.execute(SecurityFixture.ANALYST, "SELECT set_config('dwpilot.leak', 'x', false)")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(fixture.execute(SecurityFixture.ADMIN, "SET statement_timeout = 1")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(fixture.execute(SecurityFixture.ADMIN, "PREPARE leak AS SELECT 1")
                            .statusCode())
                    .isEqualTo(200);
        }
        for (int i = 0; i < 2 * sessions; i++) {
            JsonNode analyst = SecurityFixture.json(fixture.execute(
                    SecurityFixture.ANALYST, "SELECT coalesce(current_setting('dwpilot.leak', true), '')"));
            assertThat(analyst.path("rows").get(0).get(0).asText()).isEmpty();
            JsonNode admin = SecurityFixture.json(fixture.execute(
                    SecurityFixture.ADMIN,
                    "SELECT current_setting('statement_timeout'), (SELECT count(*) FROM pg_prepared_statements)"));
            assertThat(admin.path("rows").get(0).toString()).isEqualTo("[\"30s\",0]");
        }
        HttpResponse<String> lock = fixture.execute(SecurityFixture.ANALYST, "SELECT pg_advisory_lock(4242)");
        assertThat(lock.statusCode()).isEqualTo(403);
        assertThat(fixture.superuserScalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                .isEqualTo("0");
    }

    @Test
    void theAuditTrailSurvivesUnstorableValues() throws Exception {
        HttpResponse<String> nul = fixture.execute(SecurityFixture.ANALYST, "SELECT 'a\u0000b'");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(message(nul)).contains("NUL character");
        HttpResponse<String> future = fixture.post(
                "/api/v1/queries/execute",
                SecurityFixture.SIMULATOR,
                SecurityFixture.body("SELECT 1"),
                Optional.of("+1000000000-12-31T23:59:59Z"));
        assertThat(future.statusCode()).isEqualTo(400);
        HttpResponse<String> fine = fixture.execute(SecurityFixture.ANALYST, "SELECT 'after'");
        assertThat(fine.statusCode()).isEqualTo(200);
        fixture.awaitLogWritten();
        assertThat(fixture.superuserScalar("SELECT count(*) FROM metadata.query_logs WHERE sanitized IS NOT NULL"
                        + " AND (query_text LIKE 'SELECT ''a%' OR user_id = 'sim')"))
                .isEqualTo("2");
        assertThat(fixture.superuserScalar(
                        "SELECT count(*) FROM metadata.query_logs WHERE query_text = 'SELECT ''after'''"))
                .isEqualTo("1");
        assertThat(fixture.frontDoor.gateway().stats().log().lost()).isZero();
    }

    @Test
    void analystsReadNeitherTheAuditTrailNorTheCatalogsSecrets() throws Exception {
        for (String sql : new String[] {
            "SELECT * FROM metadata.query_logs",
            "SELECT * FROM journal.event_journal",
            "SELECT * FROM ml.model_registry",
            "SELECT * FROM pg_authid",
            "SELECT * FROM bronze.sales_raw",
            "SELECT query FROM pg_stat_activity"
        }) {
            HttpResponse<String> response = fixture.execute(SecurityFixture.ANALYST, sql);
            assertThat(response.statusCode()).as(sql + " -> " + response.body()).isEqualTo(403);
            assertThat(message(response)).contains("permission denied");
        }
        assertThat(fixture.execute(SecurityFixture.ANALYST, "SELECT count(*) FROM gold.sales_summary")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> simulated = fixture.post(
                "/api/v1/queries/execute",
                SecurityFixture.ANALYST,
                SecurityFixture.body("SELECT 1"),
                Optional.of("2030-01-01T00:00:00Z"));
        assertThat(simulated.statusCode()).isEqualTo(403);
        assertThat(message(simulated)).contains("simulator");
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return SecurityFixture.json(response).path("message").asText();
    }

    private static String count() throws Exception {
        return fixture.superuserScalar("SELECT count(*) FROM " + SecurityFixture.CANARY);
    }
}
