package io.dwpilot.persistence.query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * What PostgreSQL's timestamptz can hold of an {@link Instant}, and its text for COPY. Java's Instant spans a billion
 * years either way; timestamptz spans 4714-11-24 00:00 UTC BC (Julian day 0) to 294276-12-31 23:59:59.999999 UTC,
 * in microseconds. ISO text with a sign ({@code +10000-01-01T00:00:00Z}, {@code -0001-...}) is no input PostgreSQL
 * reads, so the text is written as PostgreSQL writes it: year without sign, {@code BC} for years before 1.
 */
final class Timestamptz {
    /** Java counts the year before 1 AD as 0 (proleptic ISO): 4714 BC is -4713. */
    static final Instant EARLIEST = Instant.parse("-4713-11-24T00:00:00Z");

    static final Instant LATEST = Instant.parse("+294276-12-31T23:59:59.999999Z");

    private Timestamptz() {}

    static boolean holds(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /**
     * The instant in UTC, truncated to the microseconds timestamptz keeps (rounding, as PostgreSQL would, could carry
     * the last microsecond of its range past the end).
     */
    static String text(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        return String.format(
                Locale.ROOT,
                "%04d-%02d-%02d %02d:%02d:%02d.%06d+00%s",
                year > 0 ? year : 1 - year,
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                instant.getNano() / 1000,
                year > 0 ? "" : " BC");
    }
}
