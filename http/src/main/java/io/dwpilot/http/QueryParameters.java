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
import java.util.regex.Pattern;

/** Parses query-string parameters; a bad value is an IllegalArgumentException naming the parameter (400). */
final class QueryParameters {
    /** The longest value a parameter takes: enough for any name, filter or statement fragment searched for. */
    static final int MAX_TEXT = 1000;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d{1,3})?");

    private QueryParameters() {}

    static QueryHistoryFilter historyFilter(Map<String, String> p, QueryScope scope) {
        String order = text(p, "order").orElse("desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order must be asc or desc, got " + Quoted.prefix(order));
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
                text(p, "sort").orElse("executed_at"),
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
                StatisticsSort.parse(text(p, "sort").orElse(StatisticsSort.TOTAL.label())),
                integer(p, "limit", 100, 1, StatisticsFilter.MAX_LIMIT));
    }

    static Optional<Instant> instant(Map<String, String> p, String name) {
        return text(p, name).map(v -> {
            try {
                return PostgresRange.storable(name, Instant.parse(v));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        name + " must be an ISO instant such as 2026-01-31T12:00:00Z, got " + Quoted.prefix(v));
            }
        });
    }

    static int integer(Map<String, String> p, String name, int fallback, int min, int max) {
        Optional<String> v = text(p, name);
        if (v.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be an integer " + min + ".." + max + ", got " + Quoted.prefix(v.get()));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static Optional<Double> decimal(Map<String, String> p, String name) {
        return text(p, name).map(v -> {
            // a plain decimal: Double.parseDouble would also take NaN, Infinity and hexadecimal
            if (!DECIMAL.matcher(v).matches() || !Double.isFinite(Double.parseDouble(v))) {
                throw new IllegalArgumentException(name + " must be a finite decimal number, got " + Quoted.prefix(v));
            }
            return Double.parseDouble(v);
        });
    }

    /**
     * A parameter's value, stripped; absent when empty.
     *
     * @throws IllegalArgumentException naming the parameter for a NUL character (PostgreSQL cannot take one) or a
     *     value longer than {@link #MAX_TEXT}
     */
    static Optional<String> text(Map<String, String> p, String name) {
        Optional<String> value =
                Optional.ofNullable(p.get(name)).map(String::strip).filter(s -> !s.isEmpty());
        value.ifPresent(v -> {
            PostgresRange.withoutNul(name, v);
            if (v.length() > MAX_TEXT) {
                throw new IllegalArgumentException(
                        name + " must be at most " + MAX_TEXT + " characters, got " + v.length());
            }
        });
        return value;
    }
}
