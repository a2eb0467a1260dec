package io.dwpilot.persistence.query;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A hint set for PostgreSQL's planner (Bao's "arm"): settings applied with {@code SET LOCAL} inside a statement's
 * transaction, so they end with it and never leak into a pooled session. The names and values are constants of this
 * class, never a caller's text.
 */
public record PlanArm(String name, String why, Map<String, String> settings) {
    public PlanArm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(why, "why");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** PostgreSQL's own plan: no setting changed. */
    public static final PlanArm DEFAULT = new PlanArm("default", "PostgreSQL's own plan", Map.of());

    /**
     * The candidates measured by {@code dwpilot bench arms}: the planner switches Bao steers with, the join-order and
     * JIT switches known to cause regressions of mid-sized analytic statements, and the parallel workers per gather.
     */
    public static List<PlanArm> candidates() {
        return List.of(
                DEFAULT,
                arm("no-nestloop", "nested loops over misestimated row counts", "enable_nestloop", "off"),
                arm("no-hashjoin", "hash joins that spill or build on the larger side", "enable_hashjoin", "off"),
                arm("no-mergejoin", "merge joins that sort large inputs", "enable_mergejoin", "off"),
                arm("no-seqscan", "sequential scans where an index reads less", "enable_seqscan", "off"),
                new PlanArm(
                        "no-indexscan",
                        "index scans that read most of a table in random order",
                        Map.of("enable_indexscan", "off", "enable_indexonlyscan", "off")),
                arm("no-bitmapscan", "bitmap scans over unselective conditions", "enable_bitmapscan", "off"),
                arm("no-memoize", "memoize caches with poor hit rates", "enable_memoize", "off"),
                arm("no-material", "materialized inner sides that are rescanned", "enable_material", "off"),
                new PlanArm(
                        "join-order-as-written",
                        "the join order the statement gives (no reordering search)",
                        Map.of("join_collapse_limit", "1", "from_collapse_limit", "1")),
                arm("no-jit", "JIT compilation that costs more than it saves", "jit", "off"),
                arm(
                        "serial",
                        "parallel workers whose start-up outweighs the work",
                        "max_parallel_workers_per_gather",
                        "0"),
                arm("more-parallel", "big scans that more workers split", "max_parallel_workers_per_gather", "4"));
    }

    /** Applies the settings for the rest of the current transaction (autocommit must be off). */
    public void apply(Statement statement) throws SQLException {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            statement.execute("SET LOCAL " + setting.getKey() + " = " + setting.getValue());
        }
    }

    private static PlanArm arm(String name, String why, String setting, String value) {
        return new PlanArm(name, why, Map.of(setting, value));
    }
}
