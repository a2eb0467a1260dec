package io.dwpilot.cli;

import io.dwpilot.bench.indexes.IndexBenchmark;
import io.dwpilot.simulator.retail.RetailSpec;
import io.dwpilot.simulator.tpch.TpchLoader;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of {@code bench indexes}, checked before anything touches a database. */
final class IndexBenchOptions {
    static final List<String> WORKLOADS = List.of("tpch", "retail");

    @Option(
            names = "--workload",
            paramLabel = "NAME",
            defaultValue = "tpch",
            description =
                    "indexes, arms: tpch (the 22 queries) or retail (a seeded sample of the retail read templates)."
                            + " Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(
            names = "--sf",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "indexes: TPC-H scale factor, loaded unless the benchmark database holds it. Default: ${DEFAULT-VALUE}.")
    double scaleFactor;

    @Option(
            names = "--scale",
            paramLabel = "N",
            defaultValue = "1",
            description = "indexes: retail scale, loaded (and ETL run) when the benchmark database has no retail data."
                    + " Default: ${DEFAULT-VALUE}.")
    double retailScale;

    @Option(
            names = "--statements",
            paramLabel = "N",
            defaultValue = "300",
            description = "indexes, arms: statements in the retail sample. Default: ${DEFAULT-VALUE}.")
    int statements;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description =
                    "indexes, arms: seed of the retail sample and data (arms: and of the run order). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--budgets",
            paramLabel = "X,...",
            split = ",",
            defaultValue = "0.25,0.5,1,2,4",
            description =
                    "indexes: storage budgets as multiples of the workload tables' size. Default: ${DEFAULT-VALUE}.")
    List<Double> budgets;

    @Option(
            names = "--apply-budget",
            paramLabel = "X",
            defaultValue = "1",
            description = "indexes: the budget (one of --budgets) whose dwpilot selection is built and measured."
                    + " Default: ${DEFAULT-VALUE}.")
    double applyBudget;

    @Option(
            names = "--minimum-saving",
            paramLabel = "SHARE,...",
            split = ",",
            defaultValue = "0.3,0",
            description = "indexes: dwpilot's least estimated saving per query that counts, in [0, 1) (the indexer's"
                    + " min-saving); a dwpilot row for each, the first one's selection is built and measured."
                    + " Default: ${DEFAULT-VALUE}.")
    List<Double> minimumSavings;

    @Option(
            names = "--query-timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "indexes, arms: statement timeout of each measured query (a timed-out query counts as this)."
                    + " Default: ${DEFAULT-VALUE}.")
    String queryTimeout;

    void check(CommandSpec spec) {
        if (!WORKLOADS.contains(workload)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--workload must be one of " + String.join(", ", WORKLOADS) + ", got '" + workload + "'");
        }
        Validation.positiveScale(spec, "--sf", scaleFactor, TpchLoader.MAX_SCALE_FACTOR);
        Validation.positiveScale(spec, "--scale", retailScale, RetailSpec.MAX_SCALE);
        if (minimumSavings.stream().anyMatch(share -> !(share >= 0 && share < 1))) {
            throw new ParameterException(
                    spec.commandLine(), "--minimum-saving must be shares in [0, 1), got " + minimumSavings);
        }
        if (statements < 1) {
            throw new ParameterException(spec.commandLine(), "--statements must be at least 1, got " + statements);
        }
        if (budgets.isEmpty() || budgets.stream().anyMatch(b -> !(b > 0) || b.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--budgets must be positive numbers, got " + budgets);
        }
        if (!budgets.contains(applyBudget)) {
            throw new ParameterException(
                    spec.commandLine(), "--apply-budget must be one of --budgets " + budgets + ", got " + applyBudget);
        }
        if (timeout().isNegative() || timeout().isZero()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--query-timeout must be a positive duration such as 60s, 2m or 500ms, got " + queryTimeout);
        }
    }

    IndexBenchmark.Settings settings() {
        return new IndexBenchmark.Settings(
                workload, scaleFactor, retailScale, statements, seed, budgets, applyBudget, minimumSavings, timeout());
    }

    private Duration timeout() {
        String text = queryTimeout.strip().toLowerCase();
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
