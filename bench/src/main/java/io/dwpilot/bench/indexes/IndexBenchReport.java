package io.dwpilot.bench.indexes;

import io.dwpilot.agents.indexer.WhatIfCostModel;
import io.dwpilot.bench.indexes.SelectorComparison.Row;
import io.dwpilot.bench.indexes.WorkloadTimer.Timing;
import io.dwpilot.models.index.IndexCandidate;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The index benchmark's results as a console table and as Markdown.
 *
 * @param workload     what ran, in words (workload, scale, statement count)
 * @param dataBytes    the workload tables' size, the unit of the budgets
 * @param rows         every selector at every budget
 * @param applied      dwpilot's row whose selection was built and measured
 * @param before       measured times with keys-only indexes
 * @param after        measured times with dwpilot's selection built
 * @param timeout      the per-statement timeout of the measurements
 */
public record IndexBenchReport(
        String workload,
        long dataBytes,
        List<Row> rows,
        Row applied,
        List<Timing> before,
        List<Timing> after,
        Duration timeout) {

    public void print(PrintStream out) {
        out.printf("%n%s; budgets are multiples of the workload tables' %,d MB%n", workload, dataBytes >> 20);
        out.printf(
                "%-8s %-16s %8s %9s %13s %13s %14s %12s%n",
                "budget",
                "selector",
                "indexes",
                "size MB",
                "relative cost",
                "typical query",
                "what-if calls",
                "selection s");
        for (Row row : rows) {
            out.printf(
                    "%-8s %-16s %8d %,9d %13.4g %13.3f %,14d %12.1f%n",
                    row.budgetFactor() + "x",
                    row.selector(),
                    row.indexes().size(),
                    row.indexBytes() >> 20,
                    row.relativeCost(),
                    row.typicalRatio(),
                    row.whatIfCalls(),
                    row.took().toMillis() / 1000.0);
        }
        out.printf(
                "%nMeasured total runtime of the %d statements: keys only %s, with dwpilot's selection at %sx %s:"
                        + " %.2fx faster%n",
                before.size(), total(before), applied.budgetFactor(), total(after), speedup());
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(workload)
                .append("; budgets are multiples of the workload tables' size, ")
                .append(String.format("%,d MB", dataBytes >> 20))
                .append(".\n\n");
        md.append("| budget | selector | indexes | est. size MB | relative cost | typical query | what-if calls"
                        + " | selection s |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append(String.format(
                    "| %sx | %s | %d | %,d | %.4g | %.3f | %,d | %.1f |%n",
                    row.budgetFactor(),
                    row.selector(),
                    row.indexes().size(),
                    row.indexBytes() >> 20,
                    row.relativeCost(),
                    row.typicalRatio(),
                    row.whatIfCalls(),
                    row.took().toMillis() / 1000.0));
        }
        md.append(String.format(
                "%nMeasured total runtime of the %d statements, each run once in order with a %d s"
                        + " statement timeout (a timed-out statement counts as the timeout, marked >): keys only"
                        + " **%s**, with dwpilot's selection at %sx built **%s**, **%.2fx** faster.%n%n",
                before.size(), timeout.toSeconds(), total(before), applied.budgetFactor(), total(after), speedup()));
        md.append("dwpilot's selection at ").append(applied.budgetFactor()).append("x:\n\n");
        for (IndexCandidate index : applied.indexes()) {
            md.append("- `")
                    .append(WhatIfCostModel.hypothetical(index).createSql())
                    .append("`\n");
        }
        md.append("\n| statement | keys only ms | dwpilot ms |\n|---|---:|---:|\n");
        for (int i = 0; i < before.size(); i++) {
            md.append(String.format(
                    "| %s | %s | %s |%n", before.get(i).label(), millis(before.get(i)), millis(after.get(i))));
        }
        return md.toString();
    }

    public double speedup() {
        return WorkloadTimer.totalMillis(before) / WorkloadTimer.totalMillis(after);
    }

    private static String total(List<Timing> timings) {
        long timeouts = WorkloadTimer.timeouts(timings);
        return String.format(
                "%s%.1f s%s",
                timeouts > 0 ? "> " : "",
                WorkloadTimer.totalMillis(timings) / 1000.0,
                timeouts > 0 ? " (" + timeouts + " timed out)" : "");
    }

    private static String millis(Timing timing) {
        return (timing.timedOut() ? "> " : "") + String.format("%,.0f", timing.millis());
    }
}
