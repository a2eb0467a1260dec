package io.dwpilot.models.ml.features;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The circumstances of one execution.
 *
 * @param concurrentQueries other statements running when it started
 * @param hourOfDay         0-23, UTC
 * @param isoDayOfWeek      1 (Monday) - 7 (Sunday), UTC
 * @param cacheHitRatio     the database's buffer cache hit ratio in [0, 1], or NaN when unknown
 */
public record ExecutionContext(int concurrentQueries, int hourOfDay, int isoDayOfWeek, double cacheHitRatio) {
    public ExecutionContext {
        if (concurrentQueries < 0) {
            throw new IllegalArgumentException("concurrentQueries must be >= 0, was " + concurrentQueries);
        }
        if (hourOfDay < 0 || hourOfDay > 23) {
            throw new IllegalArgumentException("hourOfDay must be in [0, 23], was " + hourOfDay);
        }
        if (isoDayOfWeek < 1 || isoDayOfWeek > 7) {
            throw new IllegalArgumentException("isoDayOfWeek must be in [1, 7], was " + isoDayOfWeek);
        }
        if (!Double.isNaN(cacheHitRatio) && !(cacheHitRatio >= 0 && cacheHitRatio <= 1)) {
            throw new IllegalArgumentException("cacheHitRatio must be in [0, 1] or NaN, was " + cacheHitRatio);
        }
    }

    /** The context of an execution starting at {@code when} (hour and day in UTC). */
    public static ExecutionContext at(Instant when, int concurrentQueries, double cacheHitRatio) {
        ZonedDateTime utc = when.atZone(ZoneOffset.UTC);
        return new ExecutionContext(
                concurrentQueries, utc.getHour(), utc.getDayOfWeek().getValue(), cacheHitRatio);
    }

    public boolean cacheHitRatioKnown() {
        return !Double.isNaN(cacheHitRatio);
    }

    public boolean weekend() {
        return isoDayOfWeek >= 6;
    }
}
