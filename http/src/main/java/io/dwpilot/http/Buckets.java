package io.dwpilot.http;

import io.dwpilot.persistence.query.ExecutionSeries;
import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;

/** The bucket width of a chart over a time range: the asked {@code bucketSeconds}, or a round one that fits. */
final class Buckets {
    /** Widths chosen automatically: a minute, 5 and 15 minutes, an hour, a day. */
    private static final long[] AUTO = {60, 300, 900, 3600, 86_400};
    /** More buckets than this is a request for a larger bucket. */
    static final long MAX = 2000;

    private Buckets() {}

    /**
     * The asked width, or the smallest automatic one giving at most {@code autoMax} buckets (a day when none does).
     *
     * @throws IllegalArgumentException when the width cuts the range into more than {@value #MAX} buckets
     */
    static Duration choose(Map<String, String> params, QueryParameters.Range range, long autoMax) {
        long seconds = QueryParameters.text(params, "bucketSeconds").isPresent()
                ? QueryParameters.integer(params, "bucketSeconds", 0, 1, Integer.MAX_VALUE)
                : LongStream.of(AUTO)
                        .filter(s -> count(range, s) <= autoMax)
                        .findFirst()
                        .orElse(AUTO[AUTO.length - 1]);
        long buckets = count(range, seconds);
        if (buckets > MAX) {
            throw new IllegalArgumentException("bucketSeconds " + seconds + " cuts the range into " + buckets
                    + " buckets, at most " + MAX + " are allowed: use a larger bucketSeconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private static long count(QueryParameters.Range range, long seconds) {
        return ExecutionSeries.bucketCount(range.from(), range.to(), Duration.ofSeconds(seconds));
    }
}
