package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.Role;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.persistence.observations.ForecastPoint;
import io.dwpilot.persistence.observations.ForecastRepository;
import io.dwpilot.persistence.observations.NewAnomaly;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The anomaly and forecast API over HTTP on real PostgreSQL. */
class ObservationRoutesTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static Database db;
    private static ActorSystem<Void> system;
    private static ExecutorService blocking;
    private static HttpServer server;
    private static AnomalyRepository anomalies;
    private static ForecastRepository forecasts;
    private static long[] ids;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.newWarehouse("observations");
        anomalies = new AnomalyRepository(db.systemPool());
        forecasts = new ForecastRepository(db.systemPool());
        ids = new long[5];
        String[] kinds = {"slow_query", "slow_query", "failure_burst", "metric_spike", "slow_query"};
        String[] severities = {"high", "low", "medium", "high", "medium"};
        for (int i = 0; i < ids.length; i++) {
            ids[i] = anomalies.record(new NewAnomaly(
                    T0.plusSeconds(60L * i),
                    kinds[i],
                    severities[i],
                    Optional.of("fp" + i),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(100.0 + i),
                    Optional.of(10.0),
                    Optional.of(3.0),
                    "robust_norm",
                    "anomaly " + i,
                    Optional.empty()));
        }
        system = ActorSystem.create(Behaviors.empty(), "t", ConfigFactory.load());
        blocking = Executors.newFixedThreadPool(2);
        server = HttpServer.start(
                system,
                "127.0.0.1",
                0,
                List.of(new ObservationRoutes(
                                anomalies,
                                forecasts,
                                new ForecastTrack(
                                        forecasts,
                                        new ArrivalHistory(db.systemPool()),
                                        new TrainingData(db.systemPool()),
                                        Clock.systemUTC()),
                                blocking)
                        .route(new Caller("tester", Role.ADMIN))));
    }

    @AfterAll
    static void stop() {
        server.close();
        system.terminate();
        blocking.shutdownNow();
        db.close();
    }

    @Test
    void listPagesNewestFirstAndFilters() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/anomalies?size=2&page=1&from=" + T0);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("total").asLong()).isEqualTo(5);
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("size").asInt()).isEqualTo(2);
        assertThat(body.get("items")).hasSize(2);
        assertThat(body.get("items").get(0).get("id").asLong()).isEqualTo(ids[2]);
        assertThat(body.get("items").get(1).get("id").asLong()).isEqualTo(ids[1]);
        assertThat(body.get("items").get(0).get("detectedAt").asText())
                .isEqualTo(T0.plusSeconds(120).toString());

        JsonNode slowHigh = Json.MAPPER.readTree(
                send("GET", "/api/v1/anomalies?kind=slow_query&severity=high").body());
        assertThat(slowHigh.get("total").asLong()).isEqualTo(1);
        assertThat(slowHigh.get("items").get(0).get("id").asLong()).isEqualTo(ids[0]);

        JsonNode window = Json.MAPPER.readTree(
                send("GET", "/api/v1/anomalies?from=" + T0.plusSeconds(60) + "&to=" + T0.plusSeconds(180))
                        .body());
        assertThat(window.get("total").asLong()).isEqualTo(2);
        assertThat(window.get("size").asInt()).isEqualTo(ObservationRoutes.DEFAULT_PAGE_SIZE);
    }

    @Test
    void ackTwiceKeepsTheFirstAcknowledger() throws Exception {
        long id = anomalies.record(new NewAnomaly(
                T0.minusSeconds(86_400),
                "new_shape",
                "low",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "shape_watch",
                "a new query shape",
                Optional.empty()));
        HttpResponse<String> first = send("POST", "/api/v1/anomalies/" + id + "/ack");
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode a = Json.MAPPER.readTree(first.body());
        assertThat(a.get("id").asLong()).isEqualTo(id);
        assertThat(a.get("acknowledged").asBoolean()).isTrue();
        assertThat(a.get("acknowledgedBy").asText()).isEqualTo("tester");
        assertThat(a.get("ackStatus").asText()).isEqualTo("acknowledged");

        anomalies.acknowledge(id, "someone-else");
        HttpResponse<String> second = send("POST", "/api/v1/anomalies/" + id + "/ack");
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode b = Json.MAPPER.readTree(second.body());
        assertThat(b.get("ackStatus").asText()).isEqualTo("already_acknowledged");
        assertThat(b.get("acknowledgedBy").asText()).isEqualTo("tester");
        assertThat(b.get("acknowledgedAt").asText())
                .isEqualTo(a.get("acknowledgedAt").asText());

        JsonNode acked = Json.MAPPER.readTree(
                send("GET", "/api/v1/anomalies?acknowledged=true").body());
        assertThat(acked.get("total").asLong()).isEqualTo(1);
        assertThat(acked.get("items").get(0).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void missingThingsAre404Json() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/anomalies/987654/ack");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> f = send("GET", "/api/v1/forecasts?target=no-such-target");
        assertThat(f.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(f.body()).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void badParametersAre400Json() throws Exception {
        for (String query : List.of(
                "size=0",
                "size=abc",
                "size=100000",
                "page=-1",
                "severity=critical",
                "acknowledged=maybe",
                "from=yesterday",
                "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")) {
            HttpResponse<String> r = send("GET", "/api/v1/anomalies?" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText())
                    .as(query)
                    .isEqualTo("bad_request");
        }
    }

    @Test
    void forecastsAnswerTheLatestOfTheTarget() throws Exception {
        Instant bucket = Instant.parse("2026-03-02T00:00:00Z");
        forecasts.saveForecast(
                "seasonal_naive",
                "1",
                "total",
                Instant.parse("2026-03-01T23:00:00Z"),
                5,
                List.of(ForecastPoint.of(bucket, 1, 0, 2)));
        Instant madeAt = forecasts.saveForecast(
                "holt_winters",
                "3",
                "total",
                Instant.parse("2026-03-01T23:55:00Z"),
                5,
                List.of(ForecastPoint.of(bucket, 40, 30, 50), ForecastPoint.of(bucket.plusSeconds(300), 42, 31, 53)));
        forecasts.recordActual("total", bucket, 44);

        HttpResponse<String> r = send("GET", "/api/v1/forecasts?target=total");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("model").asText()).isEqualTo("holt_winters");
        assertThat(body.get("madeAt").asText()).isEqualTo(madeAt.toString());
        assertThat(body.get("target").asText()).isEqualTo("total");
        JsonNode points = body.get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("bucketStart").asText()).isEqualTo(bucket.toString());
        assertThat(points.get(0).get("predicted").asDouble()).isEqualTo(40.0);
        assertThat(points.get(0).get("lower").asDouble()).isEqualTo(30.0);
        assertThat(points.get(0).get("upper").asDouble()).isEqualTo(50.0);
        assertThat(points.get(0).get("actual").asDouble()).isEqualTo(44.0);
        assertThat(points.get(1).get("actual").isNull()).isTrue();
        assertThat(send("GET", "/api/v1/forecasts").statusCode()).isEqualTo(200);
    }

    @Test
    void theForecastHistoryPutsWhatWasPredictedBeforehandBesideWhatHappenedThenTheNewestForecast() throws Exception {
        WarehouseRows rows = new WarehouseRows(db);
        for (String at : List.of("09:41", "09:42", "09:43", "09:46")) {
            rows.ok("fp-track", 5, Instant.parse("2026-03-05T" + at + ":00Z"));
        }
        Instant bucket = Instant.parse("2026-03-05T09:45:00Z");
        forecasts.saveForecast(
                "seasonal_naive",
                "1",
                "fp-track",
                Instant.parse("2026-03-05T09:40:00Z"),
                5,
                List.of(ForecastPoint.of(bucket, 2, 1, 3), ForecastPoint.of(bucket.plusSeconds(300), 4, 3, 5)));
        Instant madeAt = forecasts.saveForecast(
                "holt_winters",
                "3",
                "fp-track",
                Instant.parse("2026-03-05T09:52:00Z"),
                5,
                List.of(
                        ForecastPoint.of(bucket.plusSeconds(600), 1, 0, 2),
                        ForecastPoint.of(bucket.plusSeconds(900), 6, 4, 8)));

        HttpResponse<String> r = send("GET", "/api/v1/forecasts/history?target=fp-track&hours=1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("target").asText()).isEqualTo("fp-track");
        assertThat(body.get("bucketMinutes").asLong()).isEqualTo(5);
        assertThat(body.get("model").asText()).isEqualTo("holt_winters");
        assertThat(body.get("madeAt").asText()).isEqualTo(madeAt.toString());
        JsonNode points = body.get("points");
        // the whole buckets of the hour before 09:52 (08:50 to 09:45), then the newest forecast's two
        assertThat(points).hasSize(14);
        assertThat(points.get(0).get("bucketStart").asText()).isEqualTo("2026-03-05T08:50:00Z");
        JsonNode nineForty = points.get(10);
        assertThat(nineForty.get("bucketStart").asText()).isEqualTo("2026-03-05T09:40:00Z");
        assertThat(nineForty.get("actual").asDouble()).isEqualTo(3);
        assertThat(nineForty.get("predicted").isNull()).isTrue();
        JsonNode nineFortyFive = points.get(11);
        assertThat(nineFortyFive.get("actual").asDouble()).isEqualTo(1);
        assertThat(nineFortyFive.get("predicted").asDouble()).isEqualTo(2);
        assertThat(nineFortyFive.get("upper").asDouble()).isEqualTo(3);
        assertThat(nineFortyFive.get("future").asBoolean()).isFalse();
        JsonNode ahead = points.get(12);
        assertThat(ahead.get("bucketStart").asText()).isEqualTo("2026-03-05T09:55:00Z");
        assertThat(ahead.get("future").asBoolean()).isTrue();
        assertThat(ahead.get("actual").isNull()).isTrue();
        assertThat(ahead.get("predicted").asDouble()).isEqualTo(1);

        JsonNode none = Json.MAPPER.readTree(
                send("GET", "/api/v1/forecasts/history?target=fp-none&hours=1").body());
        assertThat(none.get("model").isNull()).isTrue();
        assertThat(none.get("madeAt").isNull()).isTrue();
        assertThat(none.get("points"))
                .allMatch(p -> !p.get("future").asBoolean() && p.get("actual").asDouble() == 0);
        assertThat(send("GET", "/api/v1/forecasts/history?hours=0").statusCode())
                .isEqualTo(400);
    }

    private static HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
