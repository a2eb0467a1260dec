package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated corpus of malformed requests ({@link MalformedRequestCorpus}) against the whole server (front door,
 * agents, real PostgreSQL): no answer is a 5xx, none takes longer than {@link #PROMPT}, every one is refused with a
 * 4xx whose JSON {error, message} names the problem, and no error echoes more than a short prefix of the input.
 */
class MalformedRequestCorpusTest {
    private static final String ADMIN = "malformed-admin-token-0123456";
    private static final String SIMULATOR = "malformed-simulator-token-012";
    private static final long SEED = 16;
    private static final Duration PROMPT = Duration.ofSeconds(5);
    /** A message that quotes input quotes at most a short prefix of it: none is longer than this. */
    private static final int MAX_MESSAGE = 400;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROMPT)
            .build();

    private static Database db;
    private static DwpilotServer server;

    @BeforeAll
    static void start() {
        db = TestPostgres.newWarehouse("malformed_requests");
        Config config = ConfigFactory.parseString("dwpilot.http.auth.tokens = ["
                        + "{token = \"" + ADMIN + "\", user = ada, role = admin},"
                        + "{token = \"" + SIMULATOR + "\", user = sim, role = simulator}]")
                .withFallback(ConfigFactory.load());
        server = DwpilotServer.start(config, db, "127.0.0.1", 0, new Readiness(), WorkloadClock.system());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        db.close();
    }

    @Test
    void everyMalformedRequestIsRefusedPromptlyWithAJsonMessageNamingTheProblem() throws Exception {
        List<MalformedRequestCorpus.Request> corpus = MalformedRequestCorpus.generate(SEED);
        assertThat(corpus.size()).as("malformed requests").isGreaterThanOrEqualTo(2000);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (MalformedRequestCorpus.Request request : corpus) {
            String problem = check(request, statuses);
            if (problem != null) {
                problems.add(problem);
            }
        }
        System.out.println("malformed corpus: " + corpus.size() + " requests, statuses " + statuses + ", "
                + problems.size() + " problems");
        problems.forEach(p -> System.out.println("  " + p));
        assertThat(problems).as("answers that broke a rule").isEmpty();
    }

    /** Sends one request; returns what was wrong with its answer, or null. */
    private static String check(MalformedRequestCorpus.Request request, Map<String, Integer> statuses)
            throws Exception {
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            response = HTTP.send(build(request), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            statuses.merge("hang", 1, Integer::sum);
            return "hang: no answer within " + PROMPT.multipliedBy(2) + ": " + request.label();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int status = response.statusCode();
        statuses.merge(Integer.toString(status), 1, Integer::sum);
        String where = request.label() + " -> " + status + " "
                + MalformedRequestCorpus.abbreviate(response.body().replace('\n', ' '));
        if (took.compareTo(PROMPT) > 0) {
            return "slow (" + took.toMillis() + " ms): " + where;
        }
        if (status >= 500) {
            return "5xx: " + where;
        }
        if (status < 400) {
            return request.anyOutcome() ? null : "accepted: " + where;
        }
        if (response.body().length() > 2 * MAX_MESSAGE + 200) {
            return "long answer (" + response.body().length() + " chars): " + where;
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON: " + where;
        }
        JsonNode error = Json.MAPPER.readTree(response.body());
        String message = error.path("message").asText("");
        if (error.path("error").asText("").isBlank() || message.isBlank()) {
            return "no error and message: " + where;
        }
        if (message.length() > MAX_MESSAGE) {
            return "message of " + message.length() + " chars: " + where;
        }
        if (request.names() != null && !request.anyOutcome() && !namesOneOf(message, request.names())) {
            return "message does not name " + request.names() + ": " + where;
        }
        return null;
    }

    private static boolean namesOneOf(String message, String names) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (String name : names.split("\\|")) {
            if (lower.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static HttpRequest build(MalformedRequestCorpus.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + request.target()))
                .timeout(PROMPT.multipliedBy(2))
                .method(
                        request.method(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (name.equals("Authorization")) {
                builder.header(name, "Bearer " + (value.equals("S") ? SIMULATOR : ADMIN));
            } else {
                builder.header(name, value);
            }
        });
        return builder.build();
    }
}
