package io.dwpilot.http;

import io.dwpilot.models.health.ComponentScore;
import io.dwpilot.models.health.ComponentStatus;
import io.dwpilot.persistence.etl.EtlRuns;
import io.dwpilot.persistence.observations.AnomalyRecord;
import io.dwpilot.persistence.observations.AnomalyRepository;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code GET /api/v1/alerts}: what needs attention now, critical first: each health component out of bounds (key
 * {@code health:<component>}), each unacknowledged high-severity anomaly of the anomaly window (the newest 20, key
 * {@code anomaly:<id>}), and a failed last ETL run (key {@code etl}).
 */
final class AlertList {
    static final int MAX_ANOMALIES = 20;

    public record Alert(
            String key,
            String severity,
            String source,
            String message,
            OptionalDouble value,
            OptionalDouble threshold,
            Optional<Instant> since,
            OptionalLong anomalyId) {}

    public record Alerts(Instant at, List<Alert> alerts) {}

    private final HealthScores health;
    private final AnomalyRepository anomalies;
    private final EtlRuns etlRuns;
    private final DashboardSettings settings;

    AlertList(HealthScores health, AnomalyRepository anomalies, EtlRuns etlRuns, DashboardSettings settings) {
        this.health = health;
        this.anomalies = anomalies;
        this.etlRuns = etlRuns;
        this.settings = settings;
    }

    Alerts at(Instant now) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        for (ComponentScore c : health.now(now).assessment().components()) {
            if (c.status() == ComponentStatus.WARNING || c.status() == ComponentStatus.CRITICAL) {
                alerts.add(new Alert(
                        "health:" + c.rule().name(),
                        c.status().label(),
                        "health",
                        c.rule().label() + ": " + c.detail(),
                        c.value(),
                        c.crossedThreshold(),
                        Optional.empty(),
                        OptionalLong.empty()));
            }
        }
        for (AnomalyRecord a : anomalies.unacknowledgedHigh(now.minus(settings.anomalyWindow()), MAX_ANOMALIES)) {
            alerts.add(new Alert(
                    "anomaly:" + a.id(),
                    "critical",
                    "anomaly",
                    a.kind() + ": " + a.description(),
                    a.observedValue().map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                    OptionalDouble.empty(),
                    Optional.of(a.detectedAt()),
                    OptionalLong.of(a.id())));
        }
        Optional<EtlRuns.Run> etl = etlRuns.last().filter(EtlRuns.Run::failed);
        etl.ifPresent(run -> alerts.add(new Alert(
                "etl",
                "critical",
                "etl",
                "ETL run " + run.runId() + " failed"
                        + run.error().map(e -> ": " + e).orElse(""),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                Optional.of(run.finishedAt().orElse(run.startedAt())),
                OptionalLong.empty())));
        // stable: within a severity, health before anomalies (newest first) before the ETL
        alerts.sort(Comparator.comparing(a -> !a.severity().equals("critical")));
        return new Alerts(now, alerts);
    }
}
