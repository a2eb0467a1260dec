package io.dwpilot.agents.indexer;

import io.dwpilot.models.index.CandidateGenerator;
import io.dwpilot.models.index.ColumnResolver;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.IndexSelector;
import io.dwpilot.models.index.Selection;
import io.dwpilot.models.index.SizeEstimator;
import io.dwpilot.models.index.StatisticsSizeEstimator;
import io.dwpilot.models.index.WorkloadQuery;
import io.dwpilot.models.index.WriteLoad;
import io.dwpilot.models.sql.ConstantFilter;
import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SqlAnalyzer;
import io.dwpilot.models.sql.SqlSyntaxException;
import io.dwpilot.models.sql.StatementKind;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.whatif.CachingWhatIf;
import io.dwpilot.persistence.whatif.WhatIf;
import io.dwpilot.persistence.whatif.WhatIfException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Advises indexes for a workload, end to end: analyzes each statement (and tells the tables of unqualified columns
 * from the catalog), proposes candidates on the tables the catalog knows (partial ones where every statement of a
 * fingerprint filters a low-cardinality column on the same constant), leaving out what existing indexes already
 * serve, and chooses among them under a storage budget with {@link IndexSelector} on the planner's what-if costs.
 * Statements the planner cannot plan as they stand (a placeholder, a table gone) are left out with the reason
 * rather than failing the whole advice. Nothing is built: this only reads the catalog and asks the what-if evaluator.
 */
public final class IndexAdvisor {
    private static final Set<StatementKind> ADVISED =
            Set.of(StatementKind.SELECT, StatementKind.UPDATE, StatementKind.DELETE);

    private final IndexCatalog catalog;
    private final WhatIf whatIf;
    private final double maintenanceCostPerWrite;
    private final int maxIndexes;
    private final double minimumSaving;
    private final SqlAnalyzer analyzer = new SqlAnalyzer();

    public IndexAdvisor(IndexCatalog catalog, WhatIf whatIf) {
        this(
                catalog,
                whatIf,
                IndexSelector.DEFAULT_MAINTENANCE_COST_PER_WRITE,
                IndexSelector.DEFAULT_MAX_INDEXES,
                IndexSelector.DEFAULT_MINIMUM_SAVING);
    }

    /**
     * @param maintenanceCostPerWrite planner cost units charged per weighted row written to an indexed table
     * @param maxIndexes              the most indexes one advice adds
     * @param minimumSaving           the least estimated saving (a share of a query's cost) that counts
     */
    public IndexAdvisor(
            IndexCatalog catalog, WhatIf whatIf, double maintenanceCostPerWrite, int maxIndexes, double minimumSaving) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.whatIf = Objects.requireNonNull(whatIf, "whatIf");
        this.maintenanceCostPerWrite = maintenanceCostPerWrite;
        this.maxIndexes = maxIndexes;
        this.minimumSaving = minimumSaving;
    }

    /**
     * @param workload        the statements with their weights; several of one fingerprint count as one, weights summed
     * @param tableWrites     weighted rows written per table (as the queries name tables), same window and weighting
     * @param budgetBytes     what the new indexes may take together
     * @param sizeCalibration measured ratio of real to estimated index size (1 before any index was built)
     */
    public Advice advise(
            List<WorkloadStatement> workload, Map<String, Double> tableWrites, long budgetBytes, double sizeCalibration)
            throws SQLException {
        return advise(workload, tableWrites, budgetBytes, sizeCalibration, candidate -> true);
    }

    /** The same, choosing only among the candidates {@code allowed} accepts (e.g. not ones rejected before). */
    public Advice advise(
            List<WorkloadStatement> workload,
            Map<String, Double> tableWrites,
            long budgetBytes,
            double sizeCalibration,
            Predicate<IndexCandidate> allowed)
            throws SQLException {
        long started = System.nanoTime();
        // One cache per advice: the selector asks again what the plannability check asked, while answers from an
        // earlier advice may predate indexes built or dropped since.
        CachingWhatIf cached = new CachingWhatIf(whatIf);
        long callsBefore = cached.calls();
        List<Advice.Skipped> skipped = new ArrayList<>();
        Map<Fingerprint, QueryAnalysis> analyses = new LinkedHashMap<>();
        Map<Fingerprint, String> statements = new LinkedHashMap<>();
        Map<Fingerprint, Double> weights = new LinkedHashMap<>();
        for (WorkloadStatement statement : workload) {
            analyzed(statement, skipped).ifPresent(analysis -> {
                analyses.merge(analysis.fingerprint(), analysis, IndexAdvisor::sharedFilters);
                statements.putIfAbsent(analysis.fingerprint(), statement.sql());
                weights.merge(analysis.fingerprint(), statement.weight(), Double::sum);
            });
        }
        Set<String> tables = new LinkedHashSet<>();
        analyses.values().forEach(analysis -> tables.addAll(analysis.tables()));
        WarehouseFacts facts = WarehouseFacts.load(catalog, tables);
        ColumnResolver resolver = facts.columnResolver();

        List<WorkloadQuery> queries = new ArrayList<>();
        analyses.forEach((fingerprint, analysis) -> {
            if (plannable(cached, statements.get(fingerprint), skipped)) {
                queries.add(new WorkloadQuery(resolver.resolve(analysis), weights.get(fingerprint)));
            }
        });
        List<IndexCandidate> candidates = new CandidateGenerator(facts.statistics())
                .generate(queries, facts.existingIndexes()).stream()
                        .filter(candidate -> facts.knows(candidate.table())
                                && facts.hasColumns(candidate)
                                && allowed.test(candidate))
                        .toList();
        SizeEstimator sizes = new StatisticsSizeEstimator(facts.statistics()).calibrated(sizeCalibration);
        Selection selection = new IndexSelector(
                        new WhatIfCostModel(cached, statements),
                        sizes,
                        maintenanceCostPerWrite,
                        maxIndexes,
                        minimumSaving)
                .select(queries, candidates, new WriteLoad(tableWrites), budgetBytes);
        return new Advice(
                selection,
                candidates,
                queries.size(),
                skipped,
                cached.calls() - callsBefore,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Optional<QueryAnalysis> analyzed(WorkloadStatement statement, List<Advice.Skipped> skipped) {
        try {
            QueryAnalysis analysis = analyzer.analyze(statement.sql());
            if (!ADVISED.contains(analysis.kind())) {
                skipped.add(new Advice.Skipped(
                        statement.sql(),
                        "an index does not speed up a " + analysis.kind().name().toLowerCase() + " statement"));
                return Optional.empty();
            }
            return Optional.of(analysis);
        } catch (SqlSyntaxException e) {
            skipped.add(new Advice.Skipped(statement.sql(), "not parsed: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * A partial index on {@code channel = 'store'} serves a fingerprint only when all its executions filter on that
     * constant: statements of one fingerprint keep only the constant filters they all share.
     */
    private static QueryAnalysis sharedFilters(QueryAnalysis first, QueryAnalysis next) {
        List<ConstantFilter> shared = first.constantFilters().stream()
                .filter(next.constantFilters()::contains)
                .toList();
        return shared.size() == first.constantFilters().size() ? first : first.withConstantFilters(shared);
    }

    /** Plans the statement as it stands; one the planner refuses is left out. */
    private static boolean plannable(WhatIf whatIf, String sql, List<Advice.Skipped> skipped) {
        try {
            whatIf.cost(sql, List.of());
            return true;
        } catch (WhatIfException e) {
            skipped.add(new Advice.Skipped(sql, "not plannable: " + e.getMessage()));
            return false;
        }
    }
}
