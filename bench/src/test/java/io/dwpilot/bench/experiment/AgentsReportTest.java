package io.dwpilot.bench.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.decisions.DecisionRow;
import io.dwpilot.simulator.workload.run.AnomalyKind;
import io.dwpilot.simulator.workload.run.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The report says what was measured and judges it against the aims. */
class AgentsReportTest {
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void judgesEachAimByItsMeasuredValue() {
        String md = report(0.12, List.of(episode(true), episode(true)), List.of(finding(true), finding(false)))
                .markdown();

        assertThat(md).startsWith("# Agents: 7 simulated days of retail workload");
        assertThat(md).contains("./dwpilot experiment agents --days 7");
        assertThat(md).contains("Aim: MAPE ≤ 15.0 % — **met**: MAPE 12.0 %");
        // precision 1/2, recall 2/2: F1 0.67
        assertThat(md).contains("| 2 | 2 | 2 | 1 | 50.0 % | 100.0 % | 0.67 |");
        assertThat(md).contains("Aim: F1 ≥ 0.7 — **missed**: F1 0.67");
        assertThat(md).contains("| Mon 11-02 03:00 | heavy 1→2 for demand 1 \\| lane |");
        assertThat(md).contains("| governor / limits_changed | 1 |");
    }

    @Test
    void aMissedForecastAimIsSaidSo() {
        String md = report(0.349, List.of(episode(false)), List.of()).markdown();

        assertThat(md).contains("**missed**: MAPE 34.9 %");
        assertThat(md).contains("| failure_burst | 1 | 0 |").contains("| missed |");
    }

    private static AgentsReport report(
            double mape, List<DetectionEvaluation.Episode> episodes, List<DetectionEvaluation.Finding> findings) {
        RunSummary run = new RunSummary(
                "run-1",
                1000,
                990,
                new TreeMap<>(Map.of(400, 10L)),
                Map.of(AnomalyKind.FAILURE_BURST, episodes.size()),
                20,
                START,
                START.plus(Duration.ofDays(7)),
                Duration.ofSeconds(600),
                50.0,
                20.0,
                150.0,
                RunSummary.StopReason.DAYS);
        ForecastEvaluation.Result forecast = new ForecastEvaluation.Result(
                "total",
                Duration.ofHours(1),
                288,
                0,
                mape,
                mape,
                mape,
                1.5,
                0.75,
                Map.of(LocalDate.of(2026, 11, 4), mape),
                Map.of("seasonal-naive", 288));
        DecisionRow decision = new DecisionRow(
                7,
                "Governor|governor",
                1,
                "governor",
                "limits_changed",
                "decision",
                START.plus(Duration.ofHours(3)),
                START.plus(Duration.ofHours(3)),
                "heavy 1→2 for demand 1 | lane",
                "{}");
        return new AgentsReport(
                "./dwpilot experiment agents --days 7",
                List.of("setup line"),
                run,
                forecast,
                forecast,
                new DetectionEvaluation.Result(episodes, findings, Duration.ofMinutes(10)),
                List.of(decision),
                1,
                Map.of("governor / limits_changed", 1L));
    }

    private static DetectionEvaluation.Episode episode(boolean detected) {
        return new DetectionEvaluation.Episode(
                "failure_burst",
                START,
                START.plus(Duration.ofMinutes(10)),
                12,
                detected ? List.of("failure_burst") : List.of());
    }

    private static DetectionEvaluation.Finding finding(boolean matched) {
        return new DetectionEvaluation.Finding(1, START, "failure_burst", "high", "burst", matched);
    }
}
