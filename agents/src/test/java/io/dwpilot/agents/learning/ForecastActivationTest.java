package io.dwpilot.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.agents.testing.LabWorkload;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real PostgreSQL: a learned forecaster is not activated, even while none is active, when it does not beat the
 * statistical forecasters the agent serves without it. Four days of arrivals that repeat exactly every day: seasonal
 * naive forecasts them without error, so no learned model can do better.
 */
class ForecastActivationTest {
    private static final List<MlpHyperParameters> QUICK =
            List.of(new MlpHyperParameters(List.of(16), 10, 0.003f, 32, 1e-4f, 3));
    private static AgentTestBed bed;

    @BeforeAll
    static void open() throws Exception {
        bed = AgentTestBed.open("forecast_activation");
        // 2 to 13 arrivals per 5-minute bucket, rising through each day the same way
        LabWorkload.execute(bed.database(), """
                INSERT INTO metadata.query_logs
                    (query_text, fingerprint, user_id, user_role, status, execution_time_ms, simulated_at)
                SELECT 'SELECT 1', 'f', 'ana', 'analyst', 'ok', 1,
                       timestamptz '2026-11-02 00:00Z' + b * interval '5 minutes' + j * interval '1 second'
                FROM generate_series(0, 4 * 288 - 1) b, generate_series(1, 2 + (b % 288) / 24) j""");
    }

    @AfterAll
    static void close() {
        bed.close();
    }

    @Test
    void aForecasterNoBetterThanSeasonalNaiveIsRejectedWhenNoneIsActive() throws Exception {
        assertThat(bed.gateway().models().get(ModelKind.FORECAST)).isEmpty();
        TrainingSettings settings = new TrainingSettings(
                Duration.ofDays(5),
                TrainingSettings.defaults(Duration.ofDays(5)).costGrid(),
                QUICK);

        TrainingOutcome outcome = new TrainingPipeline(
                        bed.database().systemPool(), bed.gateway().models(), settings)
                .train(List.of(ModelKind.FORECAST), "manual", TrainingProgress.SILENT)
                .get(0);

        assertThat(outcome.status()).isEqualTo(TrainingOutcome.Status.REJECTED);
        assertThat(outcome.version())
                .hasValueSatisfying(v -> assertThat(v.active()).isFalse());
        assertThat(bed.gateway().models().get(ModelKind.FORECAST)).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> hour =
                (Map<String, Map<String, Object>>) outcome.metrics().get("test_1h");
        assertThat(((Number) hour.get("seasonal-naive(288)").get("mape")).doubleValue())
                .isZero();
        assertThat(outcome.reason()).contains("best baseline's").contains("no active forecaster");
    }
}
