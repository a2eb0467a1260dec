package io.dwpilot.persistence.indexing;

import java.util.List;
import java.util.Objects;

/**
 * How one statement shape ran in a window of workload time: its successful executions, their mean latency, and
 * the text and tables of the latest one (literal SQL the indexer can plan with EXPLAIN).
 *
 * @param statementKind as logged (select, insert, update, delete, ...); empty when the log had none
 * @param tables        the tables the latest execution accessed, as logged (e.g. {@code silver.sales_cleaned})
 * @param meanTimeMs    mean execution time; 0 when no execution recorded one
 * @param recentSql     the texts of the latest {@value IndexWorkloadRepository#RECENT_TEXTS} executions, newest
 *                      first (the first is {@code representativeSql}): whether they share a constant tells whether
 *                      a partial index can serve them all
 */
public record FingerprintWorkload(
        String fingerprint,
        long executions,
        String statementKind,
        List<String> tables,
        String representativeSql,
        double meanTimeMs,
        List<String> recentSql) {
    public FingerprintWorkload {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(statementKind, "statementKind");
        Objects.requireNonNull(representativeSql, "representativeSql");
        tables = List.copyOf(tables);
        recentSql = List.copyOf(recentSql);
    }

    /** Executions times mean latency: what an index on this shape could save at most. */
    public double totalTimeMs() {
        return executions * meanTimeMs;
    }
}
