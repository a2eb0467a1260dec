package io.dwpilot.agents.indexer;

import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * When to build an index: a concurrent build reads the whole table and competes with the queries for I/O and CPU, so
 * it goes into the quietest bucket the total arrivals forecast sees within the lookahead. Now, when there is no
 * forecast or now is within {@value #SLACK} times the quietest bucket's load.
 */
public final class QuietWindow {
    static final double SLACK = 1.2;

    private QuietWindow() {}

    public static Instant buildAt(Optional<Forecast> total, Instant now, Duration lookahead) {
        if (total.isEmpty()) {
            return now;
        }
        Instant end = now.plus(lookahead);
        var upcoming = total.get().points().stream()
                .filter(p -> !p.bucketStart()
                                .plus(Duration.ofMinutes(total.get().bucketMinutes()))
                                .isBefore(now)
                        && p.bucketStart().isBefore(end))
                .toList();
        Optional<ForecastPoint> quietest = upcoming.stream().min(Comparator.comparingDouble(ForecastPoint::predicted));
        Optional<ForecastPoint> current = upcoming.stream()
                .filter(p -> !p.bucketStart().isAfter(now))
                .max(Comparator.comparing(ForecastPoint::bucketStart));
        if (quietest.isEmpty()
                || current.isEmpty()
                || current.get().predicted() <= quietest.get().predicted() * SLACK) {
            return now;
        }
        return quietest.get().bucketStart();
    }
}
