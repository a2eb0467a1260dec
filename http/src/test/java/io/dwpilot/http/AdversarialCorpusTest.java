package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.persistence.access.DatabaseRole;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The generated attack corpus ({@link AdversarialCorpus}: privilege-relevant statements and functions × lexical tricks)
 * sent through the front door by an analyst and then by an admin, on real PostgreSQL. Whatever the front door or
 * PostgreSQL answered, afterwards: no file the server could write appeared, no secret the server could read came
 * back, another session of the analysts' own role was neither cancelled nor ended, the analyst changed nothing and
 * owns nothing, no session kept what a request set, the server's configuration is as it was, and every refusal was
 * a 400 or 403 that says what was refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdversarialCorpusTest {
    private static final Set<Integer> REFUSALS = Set.of(400, 403);
    /** SQLSTATE classes of data exceptions and integrity violations. */
    private static final Set<String> DATA_ERRORS = Set.of("22", "23");

    private static SecurityFixture fixture;
    private static Path marker;
    private static Path secret;
    private static String secretText;
    private static Victim victim;
    private static final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = SecurityFixture.start("adversarial_corpus");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        marker = Path.of(System.getProperty("java.io.tmpdir"), "dwpilot-marker-" + tag);
        secret = Path.of(System.getProperty("java.io.tmpdir"), "dwpilot-secret-" + tag + ".txt");
        secretText = "dwpilot-secret-" + UUID.randomUUID();
        // written by the server itself, so that its OS user can read it: what a file-reading attack would take
        try (Connection c = fixture.superuser();
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT '" + secretText + "') TO '" + secret + "'");
        }
        victim = Victim.start(fixture);
    }

    @AfterAll
    static void stop() throws Exception {
        victim.close();
        Files.deleteIfExists(secret);
        Files.deleteIfExists(marker);
        fixture.close();
    }

    @Test
    @Order(1)
    void anAnalystGetsNothingTheRoleDoesNotAllow() throws Exception {
        String canaryBefore = canary();
        String passwordBefore =
                fixture.superuserScalar("SELECT rolpassword FROM pg_authid WHERE rolname = 'dwpilot_analyst'");
        Map<String, Integer> statuses = run(SecurityFixture.ANALYST, "analyst");

        assertThat(canary()).as("the canary table after the analyst's corpus").isEqualTo(canaryBefore);
        assertThat(fixture.superuserScalar("""
                SELECT count(*) FROM (SELECT relowner AS owner FROM pg_class UNION ALL SELECT nspowner FROM pg_namespace
                      UNION ALL SELECT proowner FROM pg_proc UNION ALL SELECT lomowner FROM pg_largeobject_metadata) o
                WHERE owner = 'dwpilot_analyst'::regrole""")).as("objects the analyst owns").isEqualTo("0");
        assertThat(fixture.superuserScalar("SELECT rolpassword FROM pg_authid WHERE rolname = 'dwpilot_analyst'"))
                .isEqualTo(passwordBefore);
        assertInvariants();
        System.out.println("analyst corpus: " + statuses);
    }

    @Test
    @Order(2)
    void anAdminGetsNoServerFileProgramOrOtherSession() throws Exception {
        Map<String, Integer> statuses = run(SecurityFixture.ADMIN, "admin");
        assertThat(fixture.superuserScalar("SELECT count(*) FROM pg_roles WHERE rolname = 'dwpilot_intruder'"))
                .isEqualTo("0");
        assertThat(fixture.superuserScalar("SELECT rolsuper FROM pg_roles WHERE rolname = 'dwpilot_admin'"))
                .isEqualTo("f");
        assertInvariants();
        System.out.println("admin corpus: " + statuses);
    }

    /** Sends the whole corpus as {@code token}; returns how many answers each status had. */
    private static Map<String, Integer> run(String token, String role) throws Exception {
        String autoConfBefore = fixture.superuserScalar("SELECT pg_read_file('postgresql.auto.conf')");
        List<AdversarialCorpus.Entry> corpus =
                AdversarialCorpus.generate(marker.toString(), secret.toString(), victim.pid());
        assertThat(corpus.size()).as("statements per role").isGreaterThanOrEqualTo(1000);
        Map<String, Integer> statuses = new TreeMap<>();
        for (AdversarialCorpus.Entry entry : corpus) {
            HttpResponse<String> response = fixture.execute(token, entry.sql());
            statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
            check(role, entry, response);
        }
        assertThat(problems).as("answers that broke a rule").isEmpty();
        assertThat(fixture.superuserScalar("SELECT pg_read_file('postgresql.auto.conf')"))
                .as("the server's configuration")
                .isEqualTo(autoConfBefore);
        return statuses;
    }

    private static void check(String role, AdversarialCorpus.Entry entry, HttpResponse<String> response)
            throws Exception {
        String where = role + " / " + entry.attack() + " / " + entry.trick() + ": " + entry.sql() + " -> "
                + response.statusCode() + " " + response.body();
        if (response.body().contains(secretText)) {
            problems.add("returned the secret file's content: " + where);
        }
        if (response.statusCode() == 200) {
            return;
        }
        JsonNode error = SecurityFixture.json(response);
        String sqlState = error.path("detail").path("sqlState").asText("");
        if (response.statusCode() == 422 && sqlState.length() == 5 && DATA_ERRORS.contains(sqlState.substring(0, 2))) {
            return; // a statement the role may run, failing on the data (a key already there): not a refusal
        }
        if (!REFUSALS.contains(response.statusCode())) {
            problems.add("answered neither 200 nor a 400/403 refusal: " + where);
            return;
        }
        if (error.path("message").asText().isBlank()
                || error.path("error").asText().isBlank()) {
            problems.add("a refusal without its reason: " + where);
        }
    }

    private static void assertInvariants() throws Exception {
        assertThat(marker)
                .as("a file only a server program or file write could create")
                .doesNotExist();
        assertThat(victim.failure())
                .as("the other session of the analysts' role")
                .isNull();
        assertThat(victim.alive())
                .as("the other session of the analysts' role answers")
                .isTrue();
        assertNoSessionState();
    }

    /** Every pooled session is back to its defaults: probe more sessions than either pool holds, at once. */
    private static void assertNoSessionState() throws Exception {
        String probe = """
                SELECT coalesce(current_setting('dwpilot.probe', true), '') AS custom,
                       current_setting('statement_timeout') AS timeout, current_user AS role,
                       (SELECT count(*) FROM pg_prepared_statements) AS prepared,
                       (SELECT count(*) FROM pg_cursors WHERE is_holdable) AS cursors,
                       (SELECT count(*) FROM pg_listening_channels()) AS listening,
                       (SELECT count(*) FROM pg_class WHERE relpersistence = 't') AS temporary""";
        for (String token : List.of(SecurityFixture.ANALYST, SecurityFixture.ADMIN)) {
            List<Thread> threads = new ArrayList<>();
            List<String> answers = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 3 * fixture.database.sessions().maximumPoolSize(); i++) {
                Thread t = new Thread(() -> {
                    try {
                        answers.add(SecurityFixture.json(fixture.execute(token, probe))
                                .path("rows")
                                .get(0)
                                .toString());
                    } catch (Exception e) {
                        answers.add("failed: " + e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            String role = token.equals(SecurityFixture.ADMIN) ? "dwpilot_admin" : "dwpilot_analyst";
            assertThat(answers)
                    .as("sessions probed as " + role)
                    .allSatisfy(answer -> assertThat(answer).isEqualTo("[\"\",\"30s\",\"" + role + "\",0,0,0,0]"));
        }
        assertThat(fixture.superuserScalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                .as("advisory locks held")
                .isEqualTo("0");
    }

    private static String canary() throws SQLException {
        return fixture.superuserScalar("SELECT count(*) || ':' || md5(string_agg(id || note, ',' ORDER BY id)) FROM "
                + SecurityFixture.CANARY);
    }

    /**
     * A session of the analysts' own login, outside the pool, running short statements all along: the role that a
     * cancel or terminate from an analyst's statement could reach, were it allowed.
     */
    static final class Victim implements AutoCloseable {
        private final Connection connection;
        private final long pid;
        private final Thread worker;
        private final AtomicReference<String> failure = new AtomicReference<>();
        private volatile boolean running = true;

        private Victim(Connection connection, long pid) {
            this.connection = connection;
            this.pid = pid;
            this.worker = new Thread(this::work, "adversarial-victim");
        }

        static Victim start(SecurityFixture fixture) throws SQLException {
            Connection c =
                    fixture.database.sessions().pool(DatabaseRole.ANALYST).getConnection();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                Victim victim = new Victim(c, rs.getLong(1));
                victim.worker.start();
                return victim;
            }
        }

        long pid() {
            return pid;
        }

        String failure() {
            return failure.get();
        }

        /** Still running its statements: nothing ended or cancelled its session. */
        boolean alive() {
            return worker.isAlive() && failure.get() == null;
        }

        private void work() {
            while (running) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT pg_sleep(0.05)");
                } catch (SQLException e) {
                    failure.compareAndSet(null, e.getSQLState() + " " + e.getMessage());
                    return;
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            worker.join(5000);
            connection.close();
        }
    }
}
