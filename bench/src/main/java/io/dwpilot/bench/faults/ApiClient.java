package io.dwpilot.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * dwpilot's HTTP API as the experiment uses it: only the public routes, with bearer tokens. The server's address
 * changes when dwpilot is restarted on another port ({@link #target}).
 */
public final class ApiClient {
    /** What one request got: its status (0: no connection, -1: no answer within the timeout) and how long it took. */
    public record Answer(int status, Instant sentAt, double latencyMs, OptionalLong retryAfterSeconds, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Refused at the door: 503 (overloaded or the database down) or 429 (a caller over its quota). */
        public boolean refused() {
            return status == 503 || status == 429;
        }

        public boolean answered() {
            return status > 0;
        }

        public Instant completedAt() {
            return sentAt.plusNanos((long) (latencyMs * 1e6));
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration answerTimeout;
    private volatile URI base;

    /** @param answerTimeout how long a request may go unanswered before it counts as a hang */
    public ApiClient(Duration answerTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.answerTimeout = answerTimeout;
    }

    /** Points the client at dwpilot on {@code port} of the loopback address. */
    public void target(int port) {
        base = URI.create("http://127.0.0.1:" + port);
    }

    public Answer execute(String token, String sql) {
        ObjectNode body = JSON.createObjectNode().put("sql", sql);
        return send(token, "/api/v1/queries/execute", "POST", body.toString(), answerTimeout);
    }

    public Answer health(Duration timeout) {
        return send(null, "/api/v1/health", "GET", null, timeout);
    }

    public Answer get(String token, String path) {
        return send(token, path, "GET", null, answerTimeout);
    }

    public Answer post(String token, String path, String json) {
        return send(token, path, "POST", json, answerTimeout);
    }

    public Answer put(String token, String path, String json) {
        return send(token, path, "PUT", json, answerTimeout);
    }

    /** The body of a successful answer as JSON. */
    public static JsonNode json(Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("dwpilot answered " + answer.status() + ": " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("dwpilot answered something that is not JSON: " + answer.body(), e);
        }
    }

    private Answer send(String token, String path, String method, String json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        Instant sentAt = Instant.now();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    sentAt,
                    millisSince(start),
                    response.headers().firstValueAsLong("Retry-After"),
                    response.body());
        } catch (HttpTimeoutException e) {
            return new Answer(-1, sentAt, millisSince(start), OptionalLong.empty(), e.toString());
        } catch (IOException e) {
            return new Answer(0, sentAt, millisSince(start), OptionalLong.empty(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, sentAt, millisSince(start), OptionalLong.empty(), "interrupted");
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
