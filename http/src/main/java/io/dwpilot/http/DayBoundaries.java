package io.dwpilot.http;

import io.dwpilot.persistence.query.ExecutionCounts;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Today and yesterday as a person in a time zone means them, as the instants the counts are cut at. */
final class DayBoundaries {
    private DayBoundaries() {}

    /** @throws IllegalArgumentException naming the parameter for a zone Java does not know */
    static ZoneId zone(String tz) {
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("tz must be an IANA time zone such as UTC or Europe/Berlin, got " + tz);
        }
    }

    /** Midnight (or the day's first instant, where a DST change skips midnight) today and yesterday in the zone. */
    static ExecutionCounts.Day of(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atStartOfDay(zone);
        ZonedDateTime yesterday = local.toLocalDate().minusDays(1).atStartOfDay(zone);
        // the same wall time yesterday; a day shortened by DST may put it past today's start
        Instant sameTime = local.minusDays(1).toInstant();
        Instant todayStart = today.toInstant();
        return new ExecutionCounts.Day(
                now, todayStart, yesterday.toInstant(), sameTime.isAfter(todayStart) ? todayStart : sameTime);
    }
}
