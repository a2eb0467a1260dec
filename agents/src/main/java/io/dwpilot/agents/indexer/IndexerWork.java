package io.dwpilot.agents.indexer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.IndexSelector;
import io.dwpilot.models.verify.ChangeVerifier;
import io.dwpilot.models.verify.LatencySample;
import io.dwpilot.models.verify.Verification;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.indexing.BuildResult;
import io.dwpilot.persistence.indexing.FingerprintWorkload;
import io.dwpilot.persistence.indexing.IndexBuilder;
import io.dwpilot.persistence.indexing.IndexWorkloadRepository;
import io.dwpilot.persistence.indexing.NewOptimization;
import io.dwpilot.persistence.indexing.OptimizationIndexRef;
import io.dwpilot.persistence.indexing.OptimizationRepository;
import io.dwpilot.persistence.indexing.OptimizationStatus;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastRepository;
import io.dwpilot.persistence.whatif.WhatIfs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The indexer's database work, each method one blocking step the actor runs off its thread: analyze the workload
 * into recommendations, build an index, verify it on real executions, drop it, and keep the optimization history
 * ({@code metadata.optimization_history}) in step. All of it on the system pool.
 */
final class IndexerWork {
    static final String AGENT = "indexer";
    static final String CREATE_INDEX = "create_index";
    static final String ANALYSIS = "index_analysis";
    private static final int MAX_LATENCIES = 500;
    private static final ObjectMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private final Database database;
    private final IndexerSettings settings;
    private final IndexWorkloadRepository workload;
    private final OptimizationRepository history;
    private final IndexBuilder builder;
    private final ForecastRepository forecasts;
    private final IndexAdvisor advisor;

    IndexerWork(Database database, IndexerSettings settings) {
        this.database = database;
        this.settings = settings;
        this.workload = new IndexWorkloadRepository(database.systemPool());
        this.history = new OptimizationRepository(database.systemPool());
        this.builder = new IndexBuilder(database.systemPool());
        this.forecasts = new ForecastRepository(database.systemPool());
        this.advisor = new IndexAdvisor(
                new IndexCatalog(database.systemPool()),
                WhatIfs.forDatabase(database.systemPool()),
                IndexSelector.DEFAULT_MAINTENANCE_COST_PER_WRITE,
                settings.maxIndexes(),
                settings.minimumSaving());
    }

    /** What an analysis found: its numbers, and the new recommendations with their history rows. */
    record Analysis(
            Instant at,
            int statements,
            int candidates,
            int skipped,
            long whatIfCalls,
            long tookMillis,
            long budgetBytes,
            long usedBytes,
            double workloadCostBefore,
            double workloadCostAfter,
            Map<Long, IndexRecommendation> recommended) {}

    /**
     * Analyzes the workload of the last window and records a history row for the analysis and one per new
     * recommendation.
     *
     * @param usedBytes   what the indexer's indexes (built or about to be) already take of the budget
     * @param calibration the measured ratio of real to estimated index size
     * @param known       names of indexes the indexer already tracks (pending, rejected, reverted): not again
     */
    Analysis analyze(Instant now, long usedBytes, double calibration, Set<String> known) throws SQLException {
        Instant from = now.minus(settings.window());
        List<WorkloadStatement> statements = new ArrayList<>();
        for (FingerprintWorkload fingerprint : workload.fingerprints(from, now, settings.maxStatements())) {
            if (fingerprint.executions() >= settings.minExecutions()) {
                // several texts of one fingerprint tell the advisor which constants they all share
                double weight =
                        weight(fingerprint, now) / fingerprint.recentSql().size();
                fingerprint.recentSql().forEach(sql -> statements.add(new WorkloadStatement(sql, weight)));
            }
        }
        long budget = Math.max(0, settings.budget().bytes(databaseBytes()) - usedBytes);
        Predicate<IndexCandidate> fresh = candidate -> !known.contains(IndexRecommendation.nameOf(candidate));
        Advice advice = advisor.advise(statements, workload.tableWrites(from, now), budget, calibration, fresh);
        Map<Long, IndexRecommendation> recommended = new LinkedHashMap<>();
        for (var chosen : advice.selection().chosen()) {
            IndexRecommendation recommendation = IndexRecommendation.of(chosen);
            long id = history.insert(new NewOptimization(
                    AGENT,
                    CREATE_INDEX,
                    recommendation.fingerprints(),
                    Optional.of(recommendation.ddl()),
                    recommendation.reason(),
                    OptimizationStatus.RECOMMENDED,
                    Optional.of(new OptimizationIndexRef(
                            recommendation.schema(),
                            recommendation.indexName(),
                            recommendation.queryTable(),
                            recommendation.estimatedBytes())),
                    OptionalDouble.of(recommendation.benefit() - recommendation.maintenance()),
                    json(recommendation),
                    now));
            recommended.put(id, recommendation);
        }
        Analysis analysis = new Analysis(
                now,
                advice.statements(),
                advice.candidates().size(),
                advice.skipped().size(),
                advice.whatIfCalls(),
                advice.took().toMillis(),
                budget,
                usedBytes,
                advice.selection().workloadCostBefore(),
                advice.selection().workloadCostAfter(),
                recommended);
        history.insert(new NewOptimization(
                AGENT,
                ANALYSIS,
                List.of(),
                Optional.empty(),
                Indexer.IndexesAnalyzed.of(analysis).summary(),
                OptimizationStatus.ANALYZED,
                Optional.empty(),
                OptionalDouble.empty(),
                json(analysis),
                now));
        return analysis;
    }

    /** Observed executions in the window, or the forecast arrivals over as long when the forecaster has them. */
    private double weight(FingerprintWorkload fingerprint, Instant now) throws SQLException {
        Optional<Forecast> forecast = forecasts.latest(fingerprint.fingerprint());
        if (forecast.isEmpty()) {
            return fingerprint.executions();
        }
        Instant end = now.plus(settings.window());
        var upcoming = forecast.get().points().stream()
                .filter(p -> !p.bucketStart().isBefore(now) && p.bucketStart().isBefore(end))
                .toList();
        if (upcoming.isEmpty()) {
            return fingerprint.executions();
        }
        double covered = upcoming.size() * (double) forecast.get().bucketMinutes();
        double predicted =
                upcoming.stream().mapToDouble(p -> Math.max(0, p.predicted())).sum();
        return predicted * settings.window().toMinutes() / covered;
    }

    private long databaseBytes() throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Where the total forecast says building is quietest. */
    Instant buildTime(Instant now) throws SQLException {
        return QuietWindow.buildAt(forecasts.latest("total"), now, settings.buildLookahead());
    }

    /** Builds the index (or finds it built by an attempt that crashed before it was journaled). */
    BuildResult build(long id, IndexRecommendation recommendation, Instant now) throws SQLException {
        // an attempt that crashed mid-way left it INVALID (dropped here) or built (adopted here)
        builder.dropInvalid(recommendation.indexName()::equals);
        if (builder.exists(recommendation.schema(), recommendation.indexName())) {
            history.markApplied(id, now);
            return new BuildResult(
                    builder.sizeBytes(recommendation.schema(), recommendation.indexName()), Duration.ZERO);
        }
        BuildResult result = builder.create(
                recommendation.ddl(), recommendation.schema(), recommendation.indexName(), settings.buildTimeout());
        history.markApplied(id, now);
        return result;
    }

    void buildFailed(long id, String error, Instant now) throws SQLException {
        history.markStatus(id, OptimizationStatus.FAILED, json(Map.of("error", error)), now);
    }

    /** Drops what failed builds left INVALID, of the indexer's indexes only. */
    int dropInvalid() throws SQLException {
        return builder.dropInvalid(name -> name.startsWith(IndexRecommendation.NAME_PREFIX));
    }

    /**
     * Compares the latencies of the helped fingerprints, and of every other fingerprint touching the table, before
     * the build and since it ended.
     */
    Verification verify(IndexRecommendation recommendation, Instant buildStarted, Instant built, Instant now)
            throws SQLException {
        Instant before = buildStarted.minus(settings.beforeWindow());
        Set<String> affected = new LinkedHashSet<>(recommendation.fingerprints());
        Set<String> others =
                new LinkedHashSet<>(workload.fingerprintsTouching(recommendation.queryTable(), before, now));
        others.removeAll(affected);
        Set<String> all = new HashSet<>(affected);
        all.addAll(others);
        Map<String, double[]> earlier = workload.latencies(all, before, buildStarted, MAX_LATENCIES);
        Map<String, double[]> later = workload.latencies(all, built, now, MAX_LATENCIES);
        List<LatencySample> helped = recommendation.helps().stream()
                .map(e -> sample(e.fingerprint(), e.weight(), earlier, later))
                .toList();
        List<LatencySample> guarded = others.stream()
                .map(f -> sample(f, earlier.getOrDefault(f, new double[0]).length, earlier, later))
                .toList();
        return ChangeVerifier.verify(helped, guarded, settings.verification());
    }

    private static LatencySample sample(
            String fingerprint, double weight, Map<String, double[]> before, Map<String, double[]> after) {
        return new LatencySample(
                fingerprint,
                weight,
                before.getOrDefault(fingerprint, new double[0]),
                after.getOrDefault(fingerprint, new double[0]));
    }

    /** Records the verdict; drops the index when it is reverted. */
    void settle(long id, IndexRecommendation recommendation, Verification verification, boolean keep, Instant now)
            throws SQLException {
        if (!keep) {
            builder.drop(recommendation.schema(), recommendation.indexName(), settings.buildTimeout());
        }
        double gain = verification.weightedGain();
        OptionalDouble pValue = verification.affected().stream()
                .filter(v -> v.enoughSamples())
                .mapToDouble(v -> v.pValue())
                .max();
        history.markVerified(
                id,
                keep ? OptimizationStatus.KEPT : OptimizationStatus.REVERTED,
                Double.isNaN(gain) ? OptionalDouble.empty() : OptionalDouble.of(gain),
                pValue,
                json(Map.of("verification", verification.reason())),
                now);
    }

    /** How many scans used the index, empty when it no longer exists. */
    Optional<Long> scans(IndexRecommendation recommendation) throws SQLException {
        return builder.scans(recommendation.schema(), recommendation.indexName());
    }

    void dropUnused(long id, IndexRecommendation recommendation, String reason, Instant now) throws SQLException {
        builder.drop(recommendation.schema(), recommendation.indexName(), settings.buildTimeout());
        history.markStatus(id, OptimizationStatus.DROPPED, json(Map.of("dropped", reason)), now);
    }

    void rejected(long id, String by, Instant now) throws SQLException {
        history.markStatus(id, OptimizationStatus.REJECTED, json(Map.of("rejected_by", by)), now);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not serializable as JSON: " + value.getClass(), e);
        }
    }
}
