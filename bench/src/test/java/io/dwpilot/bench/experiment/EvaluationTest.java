package io.dwpilot.bench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.observations.ForecastPoint;
import io.dwpilot.persistence.observations.ForecastRepository;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The experiment's scoring of forecasts and anomalies, on real PostgreSQL tables. */
class EvaluationTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("experiment_eval");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "TRUNCATE metadata.query_logs, metadata.forecasts, metadata.anomalies, metadata.injected_anomalies CASCADE");
        }
    }

    @Test
    void scoresEachBucketWithTheNewestForecastWithinTheLead() throws Exception {
        // buckets 10:00, 10:05, 10:10 get 10, 20 and 0 arrivals
        arrivals(T0, 10);
        arrivals(T0.plusSeconds(300), 20);
        ForecastRepository forecasts = new ForecastRepository(database.systemPool());
        // made 2 h ahead: too far for a 1 h lead; made 30 min ahead: the one that counts; made after: never counts
        forecasts.saveForecast("old", null, "total", T0.minus(Duration.ofHours(2)), 5, points(100, 100, 100));
        forecasts.saveForecast("seasonal_naive", null, "total", T0.minus(Duration.ofMinutes(30)), 5, points(8, 25, 3));
        forecasts.saveForecast("late", null, "total", T0.plus(Duration.ofMinutes(11)), 5, points(10, 20, 0));

        ForecastEvaluation.Result r = new ForecastEvaluation(database.systemPool())
                .evaluate("total", T0, T0.plus(Duration.ofMinutes(20)), Duration.ofHours(1));

        assertThat(r.buckets()).isEqualTo(3);
        assertThat(r.uncovered()).isEqualTo(1);
        assertThat(r.bucketsByModel()).containsOnlyKeys("seasonal_naive");
        assertThat(r.mape()).isCloseTo((0.2 + 0.25) / 2, within(1e-9)); // the 0-arrival bucket has no percentage
        assertThat(r.wape()).isCloseTo((2 + 5 + 3) / 30.0, within(1e-9));
        assertThat(r.mae()).isCloseTo(10 / 3.0, within(1e-9));
    }

    @Test
    void matchesAnomaliesToEpisodesWithinTheTolerance() throws Exception {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO metadata.injected_anomalies (run_id, kind, started_at, ended_at, queries) VALUES"
                    + " ('r1', 'failure_burst', '2026-11-02 10:00Z', '2026-11-02 10:10Z', 12),"
                    + " ('r1', 'slow_query_storm', '2026-11-02 14:00Z', '2026-11-02 14:30Z', 8),"
                    + " ('r2', 'failure_burst', '2026-11-02 10:00Z', '2026-11-02 10:10Z', 12)");
            s.execute(
                    "INSERT INTO metadata.anomalies (detected_at, simulated_at, kind, severity, detector, description)"
                            + " VALUES (now(), '2026-11-02 10:12Z', 'failure_burst', 'high', 't', 'in tolerance'),"
                            + " (now(), '2026-11-02 12:00Z', 'slow_query', 'low', 't', 'nothing happened then')");
        }
        DetectionEvaluation.Result r = new DetectionEvaluation(database.systemPool())
                .evaluate("r1", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(6)), Duration.ofMinutes(5));

        assertThat(r.episodes()).hasSize(2);
        assertThat(r.detectedEpisodes()).isEqualTo(1);
        assertThat(r.findings())
                .extracting(DetectionEvaluation.Finding::matched)
                .containsExactly(true, false);
        assertThat(r.precision()).isEqualTo(0.5);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.f1()).isEqualTo(0.5);
        assertThat(r.recallByKind().get("slow_query_storm")).containsExactly(1, 0);
    }

    private static List<ForecastPoint> points(double... values) {
        return java.util.stream.IntStream.range(0, values.length)
                .mapToObj(i -> new ForecastPoint(T0.plusSeconds(300L * i), values[i], null, null, null))
                .toList();
    }

    private static void arrivals(Instant bucket, int n) throws Exception {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO metadata.query_logs (query_text, fingerprint, user_id, user_role, status, simulated_at)"
                                + " VALUES ('select 1', 'f', 'u', 'analyst', 'ok', ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setTimestamp(1, Timestamp.from(bucket.plusSeconds(i % 300)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
