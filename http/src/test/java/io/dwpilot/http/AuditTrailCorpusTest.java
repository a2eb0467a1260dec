package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.testing.DatabaseOutage;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail loses nothing: a run of N requests of every sort — executed, refused by role, refused as
 * unreadable, malformed bodies, no or a wrong token, NUL bytes, a simulated time PostgreSQL cannot store, explains —
 * with the database restarting (the embedded server) or cut off (an external one) in the middle, leaves exactly N
 * rows in the query log and counts none lost.
 */
class AuditTrailCorpusTest {
    private static SecurityFixture fixture;

    /** One request of the run. */
    private record Request(String path, String token, String body, Optional<String> simulatedAt) {
        static Request execute(String token, String sql) throws Exception {
            return new Request("/api/v1/queries/execute", token, SecurityFixture.body(sql), Optional.empty());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        fixture = SecurityFixture.start("audit_trail", Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void everyRequestHasItsRowThroughARestart() throws Exception {
        List<Request> before = requests(0);
        List<Request> during = requests(1);
        List<Request> after = requests(2);
        Map<Integer, Integer> statuses = new TreeMap<>();
        send(before, statuses);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            // the second third is sent while the database goes away and comes back
            Future<Map<Integer, Integer>> sending = client.submit(() -> sendSlowly(during));
            Thread.sleep(200);
            if (!TestPostgres.restartEmbedded()) {
                try (DatabaseOutage outage = DatabaseOutage.of(fixture.database.systemPool())) {
                    Thread.sleep(2000);
                }
            }
            sending.get().forEach((status, count) -> statuses.merge(status, count, Integer::sum));
        } finally {
            client.shutdown();
        }
        send(after, statuses);
        fixture.awaitLogWritten();

        int sent = before.size() + during.size() + after.size();
        assertThat(fixture.superuserScalar("SELECT count(*) FROM metadata.query_logs"))
                .as("rows for " + statuses)
                .isEqualTo(Integer.toString(sent));
        assertThat(fixture.superuserScalar("SELECT count(*) FROM metadata.query_log_quarantine"))
                .isEqualTo("0");
        assertThat(fixture.frontDoor.gateway().stats().log().lost()).isZero();
        assertThat(Long.parseLong(fixture.superuserScalar(
                        "SELECT count(*) FROM metadata.query_logs WHERE sanitized IS NOT NULL")))
                .isGreaterThanOrEqualTo(6);
        System.out.println("audit corpus: " + sent + " requests " + statuses + ", " + sent + " rows");
    }

    /** Every sort of request, a few times over; {@code round} makes the texts of each phase its own. */
    private static List<Request> requests(int round) throws Exception {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String n = round + "_" + i;
            requests.add(Request.execute(SecurityFixture.ANALYST, "SELECT " + i + " AS n, 'r" + n + "'"));
            requests.add(Request.execute(
                    SecurityFixture.ADMIN,
                    "UPDATE " + SecurityFixture.CANARY + " SET note = note WHERE id = " + (i + 1)));
            requests.add(Request.execute(SecurityFixture.ANALYST, "DELETE FROM " + SecurityFixture.CANARY));
            requests.add(Request.execute(SecurityFixture.ANALYST, "SELECT 1; SELECT 2 -- " + n));
            requests.add(Request.execute(SecurityFixture.ANALYST, "SELECT 'unterminated " + n));
            requests.add(Request.execute(SecurityFixture.ANALYST, "SELECT 'nul \u0000 " + n + "'"));
            requests.add(Request.execute(null, "SELECT 'no token " + n + "'"));
            requests.add(Request.execute("a-wrong-token-0123456789", "SELECT 'wrong token " + n + "'"));
            requests.add(new Request(
                    "/api/v1/queries/explain",
                    SecurityFixture.ANALYST,
                    SecurityFixture.body("SELECT * FROM " + SecurityFixture.CANARY + " WHERE id = " + i),
                    Optional.empty()));
            for (String malformed : new String[] {
                "null",
                "[]",
                "{",
                "{\"sql\": 5}",
                "{\"sql\": \"\"}",
                "{\"sql\": \"SELECT 1\", \"maxRows\": -1}",
                "not json \u0000 " + n
            }) {
                requests.add(
                        new Request("/api/v1/queries/execute", SecurityFixture.ANALYST, malformed, Optional.empty()));
            }
            requests.add(new Request(
                    "/api/v1/queries/execute",
                    SecurityFixture.SIMULATOR,
                    SecurityFixture.body("SELECT 'far future " + n + "'"),
                    Optional.of("+1000000000-12-31T23:59:59Z")));
            requests.add(new Request(
                    "/api/v1/queries/execute",
                    SecurityFixture.SIMULATOR,
                    SecurityFixture.body("SELECT 'simulated " + n + "'"),
                    Optional.of("2030-01-0" + (1 + i % 9) + "T08:00:00Z")));
            requests.add(new Request(
                    "/api/v1/queries/execute",
                    SecurityFixture.ANALYST,
                    SecurityFixture.body("SELECT 'not a simulator " + n + "'"),
                    Optional.of("2030-01-01T00:00:00Z")));
        }
        return requests;
    }

    private static void send(List<Request> requests, Map<Integer, Integer> statuses) throws Exception {
        for (Request request : requests) {
            statuses.merge(send(request), 1, Integer::sum);
        }
    }

    private static Map<Integer, Integer> sendSlowly(List<Request> requests) throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Request request : requests) {
            statuses.merge(send(request), 1, Integer::sum);
            Thread.sleep(15);
        }
        return statuses;
    }

    private static int send(Request request) throws Exception {
        HttpResponse<String> response =
                fixture.post(request.path(), request.token(), request.body(), request.simulatedAt());
        assertThat(response.statusCode()).as(request + " -> " + response.body()).isNotEqualTo(500);
        return response.statusCode();
    }
}
