package io.dwpilot.simulator.workload.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.etl.EtlPipeline;
import io.dwpilot.persistence.query.QueryExecutor;
import io.dwpilot.persistence.query.QueryFailure;
import io.dwpilot.persistence.query.QueryRequest;
import io.dwpilot.persistence.testing.TestPostgres;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.load.LoadProgress;
import io.dwpilot.simulator.retail.RetailSpec;
import io.dwpilot.simulator.workload.ParameterSpace;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner against a stand-in for the gateway: a JDK HTTP server that runs each statement on a small loaded
 * warehouse (retail scale 0.01) with the persistence module's QueryExecutor and answers 200 with a query id or an
 * error status, recording every request it gets.
 */
class WorkloadRunnerTest {
    /** A Monday morning. */
    private static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    private static final Pattern INT_FIELD = Pattern.compile("\"(maxRows|timeoutMs)\":(\\d+)");

    private static Database database;
    private static ParameterSpace space;
    private static HttpServer server;
    private static ExecutorService serverThreads;
    private static final AtomicLong QUERY_IDS = new AtomicLong(1000);
    private static final ConcurrentLinkedQueue<Recorded> RECORDED = new ConcurrentLinkedQueue<>();

    record Recorded(
            String sql,
            int maxRows,
            int timeoutMs,
            String simulatedAt,
            String authorization,
            int status,
            Long queryId) {}

    @BeforeAll
    static void start() throws IOException {
        database = TestPostgres.newWarehouse("workload_run");
        new BronzeLoader(database.systemPool()).load(RetailSpec.initial(0.01, 42), LoadProgress.SILENT);
        new EtlPipeline(database.systemPool()).run();
        space = ParameterSpace.read(database.systemPool());
        QueryExecutor executor = new QueryExecutor(database.sessions());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newFixedThreadPool(16);
        server.setExecutor(serverThreads);
        server.createContext(WorkloadRunner.HEALTH_PATH, exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext(WorkloadRunner.EXECUTE_PATH, exchange -> execute(exchange, executor));
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void forget() {
        RECORDED.clear();
    }

    private static void execute(HttpExchange exchange, QueryExecutor executor) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String sql = sqlOf(body);
        Map<String, Integer> ints = new HashMap<>();
        Matcher m = INT_FIELD.matcher(body);
        while (m.find()) {
            ints.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        int status;
        Long id = null;
        try {
            executor.execute(new QueryRequest(
                    sql, DatabaseRole.ADMIN, Duration.ofMillis(ints.get("timeoutMs")), ints.get("maxRows")));
            status = 200;
            id = QUERY_IDS.incrementAndGet();
        } catch (QueryFailure f) {
            status = switch (f.kind()) {
                case INVALID_STATEMENT, UNSUPPORTED -> 400;
                case TIMEOUT -> 504;
                case NOT_ALLOWED -> 403;
                case NO_CONNECTION -> 503;
                case EXECUTION_ERROR, RESOURCE_LIMIT -> 422;
            };
        } catch (RuntimeException e) {
            status = 400;
        }
        RECORDED.add(new Recorded(
                sql,
                ints.get("maxRows"),
                ints.get("timeoutMs"),
                exchange.getRequestHeaders().getFirst(WorkloadRunner.SIMULATED_AT_HEADER),
                exchange.getRequestHeaders().getFirst("Authorization"),
                status,
                id));
        answer(
                exchange,
                status,
                status == 200
                        ? "{\"queryId\": " + id + ", \"fingerprint\": \"x\"}"
                        : "{\"error\":\"failed\",\"message\":\"no\",\"detail\":null}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The "sql" string of the request body, unescaped. */
    static String sqlOf(String body) {
        int at = body.indexOf("\"sql\":\"") + 7;
        StringBuilder sql = new StringBuilder();
        for (int i = at; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                return sql.toString();
            }
            if (c == '\\') {
                char e = body.charAt(++i);
                switch (e) {
                    case 'n' -> sql.append('\n');
                    case 'r' -> sql.append('\r');
                    case 't' -> sql.append('\t');
                    case 'b' -> sql.append('\b');
                    case 'f' -> sql.append('\f');
                    case 'u' -> {
                        sql.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> sql.append(e);
                }
            } else {
                sql.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated sql string in " + body);
    }

    private static RunSettings settings(long seed, long maxQueries, int anomalies) {
        return RunSettings.defaults(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), START)
                .withPace(100_000, 200, 4)
                .withSeed(seed)
                .withLimits(7, maxQueries, Duration.ofSeconds(30))
                .withAnomalies(anomalies)
                .withToken("secret-token-0123");
    }

    @Test
    void aShortRunSendsItsQueriesCountsThemAndRecordsTheGroundTruth() throws SQLException {
        RunSummary summary =
                new WorkloadRunner(settings(11, 300, 4), space, database.systemPool()).run(RunProgress.SILENT);

        assertThat(summary.stopReason()).isEqualTo(RunSummary.StopReason.MAX_QUERIES);
        assertThat(summary.queriesSent()).isEqualTo(300);
        assertThat(RECORDED).hasSize(300);
        assertThat(summary.ok() + summary.errors()).isEqualTo(300);
        assertThat(summary.ok())
                .isEqualTo(RECORDED.stream().filter(r -> r.status() == 200).count());
        assertThat(summary.errorsByStatus()).doesNotContainKey(WorkloadRunner.NO_ANSWER);
        assertThat(summary.anomaliesByKind())
                .containsOnlyKeys(AnomalyKind.values())
                .allSatisfy((kind, count) -> assertThat(count).isEqualTo(1));
        assertThat(summary.simulatedEnd()).isAfter(summary.simulatedStart());
        assertThat(summary.latencyP95Ms())
                .isGreaterThanOrEqualTo(summary.latencyP50Ms())
                .isPositive();
        assertThat(summary.achievedQps()).isPositive();
        assertThat(RECORDED).allSatisfy(r -> {
            assertThat(r.maxRows()).isEqualTo(RunSettings.DEFAULT_MAX_ROWS);
            assertThat(r.timeoutMs()).isIn(RunSettings.DEFAULT_TIMEOUT_MS, AnomalyInjector.HEAVY_TIMEOUT_MS);
            assertThat(Instant.parse(r.simulatedAt())).isBetween(START, START.plus(Duration.ofDays(7)));
            assertThat(r.authorization()).isEqualTo("Bearer secret-token-0123");
        });
        // the ordinary workload runs: only injected failures fail
        long failures = RECORDED.stream().filter(r -> r.status() != 200).count();

        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT kind, queries, query_ids, started_at, ended_at,"
                        + " wall_started_at, wall_ended_at, description FROM metadata.injected_anomalies"
                        + " WHERE run_id = ? ORDER BY started_at")) {
            s.setString(1, summary.runId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("kind", rs.getString(1));
                    row.put("queries", rs.getInt(2));
                    row.put("ids", Arrays.asList((Long[]) rs.getArray(3).getArray()));
                    row.put(
                            "simulated",
                            rs.getObject(4, java.time.OffsetDateTime.class)
                                    .toInstant()
                                    .isBefore(rs.getObject(5, java.time.OffsetDateTime.class)
                                            .toInstant()));
                    row.put(
                            "wall",
                            !rs.getObject(6, java.time.OffsetDateTime.class)
                                    .isAfter(rs.getObject(7, java.time.OffsetDateTime.class)));
                    row.put("description", rs.getString(8));
                    rows.add(row);
                }
            }
        }
        assertThat(rows).hasSize(4);
        assertThat(rows.stream().map(r -> r.get("kind")))
                .containsExactlyInAnyOrder("slow_query_storm", "new_query_shape", "resource_spike", "failure_burst");
        assertThat(rows.stream().mapToInt(r -> (Integer) r.get("queries")).sum())
                .isEqualTo(summary.anomalyQueries());
        List<Long> recordedIds = RECORDED.stream()
                .filter(r -> r.queryId() != null)
                .map(Recorded::queryId)
                .toList();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<Long> ids = (List<Long>) row.get("ids");
            assertThat(row.get("simulated")).isEqualTo(true);
            assertThat(row.get("wall")).isEqualTo(true);
            assertThat(recordedIds).containsAll(ids);
            if (row.get("kind").equals("failure_burst")) {
                assertThat(ids).isEmpty();
                assertThat(failures).isGreaterThanOrEqualTo((Integer) row.get("queries"));
            } else {
                assertThat(ids).as("%s", row.get("description")).hasSize((Integer) row.get("queries"));
            }
        }
        assertThat(failures)
                .as("only the failure burst fails")
                .isEqualTo(rows.stream()
                        .filter(r -> r.get("kind").equals("failure_burst"))
                        .mapToInt(r -> (Integer) r.get("queries"))
                        .sum());
    }

    @Test
    void theSameSeedSendsTheSameStatements() {
        List<String> first = statementsOf(5);
        List<String> again = statementsOf(5);
        List<String> other = statementsOf(6);
        assertThat(first).hasSize(150).isEqualTo(again);
        assertThat(other).hasSize(150).isNotEqualTo(first);
    }

    private List<String> statementsOf(long seed) {
        RECORDED.clear();
        new WorkloadRunner(settings(seed, 150, 4), space, database.systemPool()).run(RunProgress.SILENT);
        return RECORDED.stream().map(Recorded::sql).sorted().toList();
    }

    @Test
    void aServerThatIsNotThereIsReportedAndCountedAsNoAnswer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> WorkloadRunner.checkServer(nowhere))
                .isInstanceOf(ServerUnreachableException.class)
                .hasMessageContaining("no dwpilot server answers");
        WorkloadRunner.checkServer(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));

        RunSettings dead = RunSettings.defaults(nowhere, START)
                .withPace(100_000, 200, 2)
                .withLimits(7, 20, Duration.ofSeconds(20))
                .withStatementLimits(1000, 10)
                .withAnomalies(0);
        RunSummary summary = new WorkloadRunner(dead, space, database.systemPool()).run(RunProgress.SILENT);
        assertThat(summary.queriesSent()).isEqualTo(20);
        assertThat(summary.ok()).isZero();
        assertThat(summary.errorsByStatus()).containsExactly(Map.entry(WorkloadRunner.NO_ANSWER, 20L));
        assertThat(summary.anomalies()).isZero();
    }

    @Test
    void requestBodiesAreValidJsonForAnyText() {
        String sql = "SELECT 'a \"quoted\" \\ back\nslash\t' || chr(1) || '\u0001'";
        String body = WorkloadRunner.requestBody(sql, 200, 20_000);
        assertThat(body)
                .startsWith("{\"sql\":\"")
                .endsWith(",\"maxRows\":200,\"timeoutMs\":20000}")
                .doesNotContain("\n")
                .doesNotContain("\u0001");
        assertThat(sqlOf(body)).isEqualTo(sql);
        assertThat(WorkloadRunner.queryId("{\"queryId\": 42, \"fingerprint\": \"f\"}"))
                .isEqualTo(42L);
        assertThat(WorkloadRunner.queryId("{\"error\":\"x\"}")).isNull();
    }
}
