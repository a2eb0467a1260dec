package io.dwpilot.http;

import io.dwpilot.persistence.query.QueryHistoryFilter;
import io.dwpilot.persistence.query.QueryScope;
import io.dwpilot.persistence.query.StatisticsFilter;
import io.dwpilot.persistence.query.StatisticsSort;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Parses query-string parameters; a bad value is an IllegalArgumentException naming the parameter (400). */
final class QueryParameters {
    private QueryParameters() {}

    static QueryHistoryFilter historyFilter(Map<String, String> p, QueryScope scope) {
        String order = p.getOrDefault("order", "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order must be asc or desc, got " + order);
        }
        return new QueryHistoryFilter(
                scope,
                instant(p, "from"),
                instant(p, "to"),
                text(p, "text"),
                text(p, "status"),
                text(p, "table"),
                decimal(p, "minMs"),
                decimal(p, "maxMs"),
                text(p, "fingerprint"),
                text(p, "user"),
                p.getOrDefault("sort", "executed_at"),
                order.equals("desc"),
                integer(p, "page", 0, 0, Integer.MAX_VALUE),
                integer(p, "size", 50, 1, QueryHistoryFilter.MAX_PAGE_SIZE));
    }

    /** A time range [from, to) of a request: to defaults to now, from to {@code span} before to. */
    record Range(Instant from, Instant to) {}

    static Range range(Map<String, String> p, Duration span, Instant now) {
        Instant to = instant(p, "to").orElse(now);
        Instant from = instant(p, "from").orElse(to.minus(span));
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, got " + from + " and " + to);
        }
        return new Range(from, to);
    }

    static StatisticsFilter statisticsFilter(Map<String, String> p, QueryScope scope) {
        return new StatisticsFilter(
                scope,
                instant(p, "from"),
                instant(p, "to"),
                text(p, "fingerprint"),
                text(p, "text"),
                StatisticsSort.parse(p.getOrDefault("sort", StatisticsSort.TOTAL.label())),
                integer(p, "limit", 100, 1, StatisticsFilter.MAX_LIMIT));
    }

    static Optional<Instant> instant(Map<String, String> p, String name) {
        return text(p, name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        name + " must be an ISO instant such as 2026-01-31T12:00:00Z, got " + v);
            }
        });
    }

    static int integer(Map<String, String> p, String name, int fallback, int min, int max) {
        Optional<String> v = text(p, name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(v.get());
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got " + v.get());
        }
    }

    private static Optional<Double> decimal(Map<String, String> p, String name) {
        return text(p, name).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got " + v);
            }
        });
    }

    static Optional<String> text(Map<String, String> p, String name) {
        return Optional.ofNullable(p.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
