package io.dwpilot.http;

import java.time.Instant;

/** What PostgreSQL can store: an instant outside its timestamptz range fails in the database, so it is refused here. */
final class PostgresRange {
    /**
     * PostgreSQL's timestamptz holds 4713 BC to 294276 AD; a request may name instants a year inside that, so that what
     * the server computes from them (a default span before one, a chart's buckets rounded to a day) stays storable.
     */
    static final Instant EARLIEST = Instant.parse("-4711-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("+294275-12-31T23:59:59Z");

    private PostgresRange() {}

    /** @throws IllegalArgumentException naming {@code name} when PostgreSQL cannot store the instant */
    static Instant storable(String name, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " " + instant + " is outside the range the server takes ("
                    + EARLIEST + " to " + LATEST + ")");
        }
        return instant;
    }

    /** @throws IllegalArgumentException naming {@code name} when the text holds a NUL, which PostgreSQL cannot take */
    static String withoutNul(String name, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must not contain a NUL character (U+0000)");
        }
        return text;
    }
}
