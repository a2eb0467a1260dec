package io.dwpilot.agents.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuietWindowTest {
    private static final Instant NOW = Instant.parse("2026-03-02T13:02:00Z");

    /** A 5-minute forecast from 13:00 with these arrivals per bucket. */
    private static Optional<Forecast> forecast(double... arrivals) {
        List<ForecastPoint> points = new ArrayList<>();
        for (int i = 0; i < arrivals.length; i++) {
            points.add(ForecastPoint.of(
                    Instant.parse("2026-03-02T13:00:00Z").plus(Duration.ofMinutes(5L * i)),
                    arrivals[i],
                    0,
                    arrivals[i] * 2));
        }
        return Optional.of(new Forecast("test", Optional.empty(), NOW, "total", 5, points));
    }

    @Test
    void withoutAForecastItBuildsNow() {
        assertThat(QuietWindow.buildAt(Optional.empty(), NOW, Duration.ofHours(6)))
                .isEqualTo(NOW);
    }

    @Test
    void aBusyNowWaitsForTheQuietestBucketWithinTheLookahead() {
        Optional<Forecast> forecast = forecast(100, 90, 10, 80, 1);

        assertThat(QuietWindow.buildAt(forecast, NOW, Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-03-02T13:10:00Z"));
        assertThat(QuietWindow.buildAt(forecast, NOW, Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-03-02T13:20:00Z"));
    }

    @Test
    void aNowAlmostAsQuietAsTheQuietestBuildsNow() {
        assertThat(QuietWindow.buildAt(forecast(11, 90, 10), NOW, Duration.ofHours(1)))
                .isEqualTo(NOW);
    }
}
