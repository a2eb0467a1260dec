package io.dwpilot.gateway.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dwpilot.models.ml.FeatureVector;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.ml.features.CostInputs;
import io.dwpilot.models.ml.features.DateLiterals;
import io.dwpilot.models.ml.features.ExecutionContext;
import io.dwpilot.models.ml.features.HistorySnapshot;
import io.dwpilot.models.ml.features.LatencyHistory;
import io.dwpilot.models.ml.features.PlanSummary;
import io.dwpilot.models.sql.QueryAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's cost estimate for one statement: its features (the same {@link CostFeatures} the trainer learns
 * from, logged with the execution) and the active cost model's predicted time, clamped into a {@link PredictionRange}
 * (a prediction that is not a finite number is dropped, as if no model served). It keeps what the features need
 * between statements: each fingerprint's latency history and latest plan summary, and the warehouse's volumes.
 * Nothing here touches the database on the query path.
 */
public final class CostEstimator {
    private static final Logger log = LoggerFactory.getLogger(CostEstimator.class);
    /** Fingerprints whose history and plan are kept (the least recently used beyond are forgotten). */
    static final int FINGERPRINTS = 10_000;

    /**
     * The features of one statement, the history and concurrency they were built from, and the prediction when a
     * model serves.
     */
    public record Estimate(
            FeatureVector features,
            HistorySnapshot history,
            int concurrentQueries,
            Optional<Double> predictedMs,
            Optional<String> model) {}

    private final ActiveModels models;
    private final WarehouseVolumes volumes;
    private final PredictionRange range;
    private final Cache<String, LatencyHistory> histories =
            Caffeine.newBuilder().maximumSize(FINGERPRINTS).build();
    private final Cache<String, PlanSummary> plans =
            Caffeine.newBuilder().maximumSize(FINGERPRINTS).build();

    public CostEstimator(ActiveModels models, WarehouseVolumes volumes, PredictionRange range) {
        this.models = models;
        this.volumes = volumes;
        this.range = range;
    }

    public Estimate estimate(
            String sql, Optional<QueryAnalysis> analysis, String fingerprint, int concurrentQueries, Instant at) {
        LatencyHistory history = histories.getIfPresent(fingerprint);
        HistorySnapshot before = history == null ? HistorySnapshot.EMPTY : history.snapshot();
        List<String> tables = analysis.map(QueryAnalysis::tables).orElse(List.of());
        FeatureVector features = CostFeatures.extract(new CostInputs(
                analysis,
                DateLiterals.of(sql),
                Optional.ofNullable(plans.getIfPresent(fingerprint)),
                volumes.of(tables),
                ExecutionContext.at(at, concurrentQueries, volumes.cacheHitRatio()),
                before));
        return models.get(ModelKind.COST)
                .filter(serving -> serving.model().schema().equals(features.schema()))
                .flatMap(serving -> range.clamp(serving.model().predictMs(features))
                        .map(ms -> new Estimate(
                                features, before, concurrentQueries, Optional.of(ms), Optional.of(serving.label()))))
                .orElseGet(() -> new Estimate(features, before, concurrentQueries, Optional.empty(), Optional.empty()));
    }

    /** Folds a successful execution into its fingerprint's history. */
    public void observe(String fingerprint, double executionMs) {
        histories.get(fingerprint, f -> new LatencyHistory()).observe(executionMs);
    }

    /** The plan the gateway's sampler captured for a fingerprint (EXPLAIN JSON); an unreadable one is skipped. */
    public void planCaptured(String fingerprint, String explainJson) {
        try {
            plans.put(fingerprint, PlanSummary.parse(explainJson));
        } catch (IllegalArgumentException e) {
            log.debug("Skipping an unreadable plan of {}: {}", fingerprint, e.getMessage());
        }
    }
}
