package io.dwpilot.bench.indexes;

import java.util.Objects;

/** One statement of a benchmark workload, with the label its time is reported under (Q3, a template's name). */
public record BenchStatement(String label, String sql) {
    public BenchStatement {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sql, "sql");
    }
}
