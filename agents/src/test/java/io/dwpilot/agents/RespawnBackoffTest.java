package io.dwpilot.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.RespawnBackoff.Attempts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An agent that keeps stopping is respawned ever more slowly, never slower than the cap, and quickly again after a quiet spell. */
class RespawnBackoffTest {
    private static final RespawnBackoff BACKOFF =
            new RespawnBackoff(Duration.ofMillis(200), Duration.ofSeconds(30), 0.2, Duration.ofMinutes(1));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void delaysDoubleWithJitterUpToTheCap() {
        Attempts attempts = Attempts.NONE;
        long[] expectedBase = {200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
        for (int i = 0; i < expectedBase.length; i++) {
            attempts = BACKOFF.next(attempts, T0.plusSeconds(i));
            assertThat(attempts.count()).isEqualTo(i + 1);
            long delay = BACKOFF.delay(attempts).toMillis();
            assertThat(delay).isBetween(expectedBase[i], Math.min(30_000, (long) (expectedBase[i] * 1.2)));
        }
    }

    @Test
    void anAgentThatStayedUpAQuietMinuteStartsAgainFromTheShortestDelay() {
        Attempts attempts = Attempts.NONE;
        for (int i = 0; i < 6; i++) {
            attempts = BACKOFF.next(attempts, T0.plusSeconds(i));
        }
        Attempts afterQuiet = BACKOFF.next(attempts, T0.plusSeconds(5).plus(Duration.ofMinutes(1)));
        assertThat(afterQuiet.count()).isEqualTo(1);
        assertThat(BACKOFF.delay(afterQuiet).toMillis()).isBetween(200L, 240L);
    }
}
