package io.dwpilot.persistence.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the per-fingerprint statistics are ranked by, largest first. */
public enum StatisticsSort {
    TOTAL("total_ms"),
    MEAN("mean_ms"),
    P95("p95_ms"),
    MAX("max_ms"),
    EXECUTIONS("executions"),
    ERRORS("errors");

    private final String column;

    StatisticsSort(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    /** The API's name: total, mean, p95, max, executions, errors. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static StatisticsSort parse(String label) {
        return Arrays.stream(values())
                .filter(s -> s.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sort must be one of "
                        + Arrays.stream(values()).map(StatisticsSort::label).collect(Collectors.joining(", "))
                        + ", got " + label));
    }
}
