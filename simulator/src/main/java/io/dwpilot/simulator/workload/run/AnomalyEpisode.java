package io.dwpilot.simulator.workload.run;

import java.time.Instant;
import java.util.List;

/**
 * One planned anomaly: its kind, its simulated window and the statements to inject, each due at a simulated time
 * inside the window (in order).
 */
public record AnomalyEpisode(
        int index, AnomalyKind kind, Instant start, Instant end, String description, List<Statement> statements) {

    /** One injected statement, due at a simulated time, with its own timeout. */
    public record Statement(Instant dueAt, String sql, int timeoutMs) {}

    public AnomalyEpisode {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("episode ends before it starts");
        }
        statements = List.copyOf(statements);
    }
}
