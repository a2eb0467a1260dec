package io.dwpilot.gateway.serving;

import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.observations.NewAnomaly;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert when a model cannot serve as registered (a corrupt or missing artifact): a high-severity row of
 * metadata.anomalies, which the anomaly feed and the dashboard show, and a warning in the log. An alert that cannot
 * be stored is still logged: serving never waits on it.
 */
public final class ModelAlerts {
    private static final Logger log = LoggerFactory.getLogger(ModelAlerts.class);
    /** The anomaly kind of a model that fell back to its baseline. */
    public static final String KIND = "model_fallback";

    static final String DETECTOR = "model-registry";

    private final AnomalyRepository anomalies;
    private final Clock clock;

    public ModelAlerts(AnomalyRepository anomalies, Clock clock) {
        this.anomalies = anomalies;
        this.clock = clock;
    }

    public void fallback(String model, String description) {
        log.warn("Model {}: {}", model, description);
        try {
            anomalies.record(new NewAnomaly(
                    clock.instant(),
                    KIND,
                    "high",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(model),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    DETECTOR,
                    description,
                    Optional.empty()));
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not store the alert for model {}: {}", model, e.getMessage());
        }
    }
}
