package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How many buckets a chart's range takes, from the bucket holding its start to the one holding its end. */
class ExecutionSeriesBucketCountTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void countsTheBucketsFromTheOneHoldingTheStartToTheOneHoldingTheEnd() {
        Instant start = Instant.parse("2026-01-01T10:00:30Z");
        assertThat(ExecutionSeries.bucketCount(start, Instant.parse("2026-01-01T10:01:00Z"), MINUTE))
                .isEqualTo(1);
        assertThat(ExecutionSeries.bucketCount(start, Instant.parse("2026-01-01T10:01:00.001Z"), MINUTE))
                .isEqualTo(2);
        assertThat(ExecutionSeries.bucketCount(start, Instant.parse("2026-01-01T11:00:00Z"), MINUTE))
                .isEqualTo(60);
    }

    @Test
    void countsARangeOfCenturiesWithoutOverflow() {
        // 300,000 years of minutes: past a long of nanoseconds (292 years), well within a long of buckets
        Instant from = Instant.parse("-4711-01-01T00:00:00Z");
        Instant to = Instant.parse("+294275-12-31T23:59:59Z");
        long expected = (to.getEpochSecond() - from.getEpochSecond() + 59) / 60;
        assertThat(ExecutionSeries.bucketCount(from, to, MINUTE)).isEqualTo(expected);
    }
}
