package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.anomaly.ExecutionAnomalyDetector;
import io.dwpilot.models.ml.anomaly.ExecutionObservation;
import io.dwpilot.models.ml.cost.CostPredictor;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.persistence.ml.LoggedExecution;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.query.ExecutionStatus;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs the active anomaly detector over the executions of a recent window (workload time, ending at the latest
 * logged one). The fingerprints' histories are replayed from a day before the window, as the gateway had them.
 */
public final class AnomalyScan {
    private static final Duration HISTORY_BEFORE = Duration.ofDays(1);

    /** An execution the detector flagged. */
    public record Flagged(
            long queryId,
            String fingerprint,
            Instant at,
            ExecutionStatus status,
            double executionMs,
            double predictedMs,
            double score,
            String reason) {}

    /** The flagged executions of a window and how many were scanned. */
    public record Scan(String model, Instant from, Instant to, int scanned, List<Flagged> anomalies) {}

    private final TrainingData data;
    private final ActiveModels models;

    public AnomalyScan(DataSource dataSource, ActiveModels models) {
        this.data = new TrainingData(dataSource);
        this.models = models;
    }

    /**
     * @throws NoSuchElementException when no anomaly model serves or nothing is logged
     */
    public Scan scan(Duration window) throws SQLException {
        ActiveModels.Serving<ExecutionAnomalyDetector> detector = models.get(ModelKind.ANOMALY)
                .orElseThrow(() -> new NoSuchElementException(
                        "no anomaly model is active: train one first" + " (POST /api/v1/ml/models/train)"));
        Instant to = data.latest()
                .orElseThrow(() -> new NoSuchElementException("no executions are logged yet"))
                .plusNanos(1000);
        Instant from = to.minus(window);
        List<LoggedExecution> executions =
                data.executions(from.minus(HISTORY_BEFORE), to, CostFeatures.SCHEMA.version());
        Optional<CostPredictor> cost = models.get(ModelKind.COST).map(s -> (CostPredictor) s.model());
        List<ExecutionObservation> observations = AnomalyTraining.observations(executions, cost);
        List<Flagged> flagged = new ArrayList<>();
        int scanned = 0;
        for (int i = 0; i < executions.size(); i++) {
            LoggedExecution e = executions.get(i);
            if (e.at().isBefore(from)) {
                continue;
            }
            scanned++;
            ExecutionObservation o = observations.get(i);
            ExecutionAnomalyDetector.Detection d = detector.model().detect(o);
            if (d.anomalous()) {
                flagged.add(new Flagged(
                        e.queryId(),
                        e.fingerprint(),
                        e.at(),
                        e.status(),
                        e.executionMs(),
                        o.predictedMs(),
                        d.score(),
                        d.reason()));
            }
        }
        return new Scan(detector.label(), from, to, scanned, flagged);
    }
}
