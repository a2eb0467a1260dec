package io.dwpilot.bench.indexes;

import io.dwpilot.agents.indexer.Advice;
import io.dwpilot.agents.indexer.IndexAdvisor;
import io.dwpilot.agents.indexer.WorkloadStatement;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.IndexSelector;
import io.dwpilot.models.index.SizeEstimator;
import io.dwpilot.models.index.StatisticsSizeEstimator;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.whatif.CachingWhatIf;
import io.dwpilot.persistence.whatif.WhatIf;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs dwpilot's advisor and the two baselines at each budget and scores their selections on one referee. Each run
 * starts from a fresh what-if cache over the one shared evaluator, and is charged the planner-reaching calls and the
 * wall time of everything it does (reading the workload included), so that the counts compare.
 */
public final class SelectorComparison {
    public static final String DWPILOT = "dwpilot";
    public static final String EXTEND = "plain Extend";
    public static final String DEXTER = "Dexter-style";

    /** One selector at one budget. */
    public record Row(
            String selector,
            double budgetFactor,
            long budgetBytes,
            List<IndexCandidate> indexes,
            long indexBytes,
            double relativeCost,
            double typicalRatio,
            long whatIfCalls,
            Duration took) {}

    private interface Selector {
        List<IndexCandidate> select(WhatIf whatIf, long budgetBytes) throws SQLException;
    }

    private final IndexCatalog catalog;
    private final WhatIf planner;
    private final List<WorkloadStatement> statements;
    private final PreparedWorkload workload;
    private final WorkloadCost referee;
    private final SizeEstimator sizes;
    private final double costWithoutIndexes;
    private final List<Double> minimumSavings;

    /**
     * @param planner       the what-if evaluator without a cache (hypopg), shared by all runs and the referee
     * @param minimumSavings dwpilot's least estimated savings per query that count: a dwpilot row for each, the
     *                       first named {@value #DWPILOT}, the others by their setting
     */
    public SelectorComparison(
            IndexCatalog catalog, WhatIf planner, List<WorkloadStatement> statements, List<Double> minimumSavings)
            throws SQLException {
        this.minimumSavings = List.copyOf(minimumSavings);
        this.catalog = catalog;
        this.planner = planner;
        this.statements = List.copyOf(statements);
        CachingWhatIf refereeWhatIf = new CachingWhatIf(planner);
        this.workload = PreparedWorkload.of(statements, catalog, refereeWhatIf);
        this.referee = new WorkloadCost(workload, refereeWhatIf);
        this.sizes = new StatisticsSizeEstimator(workload.facts().statistics());
        this.costWithoutIndexes = referee.of(List.of());
    }

    public PreparedWorkload workload() {
        return workload;
    }

    public List<Row> run(List<Double> budgetFactors, PrintStream out) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (double factor : budgetFactors) {
            long budget = Math.round(factor * workload.dataBytes());
            for (double minimumSaving : minimumSavings) {
                String name = minimumSaving == minimumSavings.get(0) ? DWPILOT : "dwpilot ms=" + minimumSaving;
                rows.add(measure(name, factor, budget, (whatIf, bytes) -> dwpilot(whatIf, bytes, minimumSaving), out));
            }
            rows.add(measure(
                    EXTEND,
                    factor,
                    budget,
                    (whatIf, bytes) -> new PlainExtend(whatIf, sizes)
                            .select(PreparedWorkload.of(statements, catalog, whatIf), bytes),
                    out));
            rows.add(measure(
                    DEXTER,
                    factor,
                    budget,
                    (whatIf, bytes) -> new DexterStyleAdvisor(whatIf, sizes)
                            .select(PreparedWorkload.of(statements, catalog, whatIf), bytes),
                    out));
        }
        return rows;
    }

    private List<IndexCandidate> dwpilot(WhatIf whatIf, long budget, double minimumSaving) throws SQLException {
        Advice advice = new IndexAdvisor(
                        catalog,
                        whatIf,
                        IndexSelector.DEFAULT_MAINTENANCE_COST_PER_WRITE,
                        IndexSelector.DEFAULT_MAX_INDEXES,
                        minimumSaving)
                .advise(statements, Map.of(), budget, 1.0);
        return advice.selection().candidates();
    }

    private Row measure(String name, double factor, long budget, Selector selector, PrintStream out)
            throws SQLException {
        out.printf("  %-16s budget %4sx (%,d MB): selecting...%n", name, factor, budget >> 20);
        long callsBefore = planner.calls();
        long started = System.nanoTime();
        List<IndexCandidate> chosen = selector.select(new CachingWhatIf(planner), budget);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long calls = planner.calls() - callsBefore;
        long bytes = chosen.stream().mapToLong(sizes::bytes).sum();
        double relative = referee.of(Set.copyOf(chosen)) / costWithoutIndexes;
        double typical = referee.typicalRatio(Set.copyOf(chosen));
        out.printf(
                "  %-16s budget %4sx: %d indexes, %,d MB, relative cost %.4g (typical query %.3f), %,d what-if"
                        + " calls, %.1f s%n",
                name, factor, chosen.size(), bytes >> 20, relative, typical, calls, took.toMillis() / 1000.0);
        return new Row(name, factor, budget, chosen, bytes, relative, typical, calls, took);
    }
}
