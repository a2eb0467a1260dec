package io.dwpilot.http;

import io.dwpilot.models.ml.cost.CostMetrics;
import io.dwpilot.persistence.ml.PredictedExecutions;
import io.dwpilot.persistence.query.QueryScope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code GET /api/v1/ml/predictions?from&to&limit}: the newest ok executions the cost model predicted, beside their
 * measured times, and how well they fit (median q-error and R² of log times, as the trainer scores a model).
 */
final class PredictionFit {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 5000;
    /** Without a range, the last day. */
    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);

    public record Predictions(
            int n, OptionalDouble qErrorMedian, OptionalDouble r2Log, List<PredictedExecutions.Execution> points) {}

    private final PredictedExecutions executions;
    private final Clock clock;

    PredictionFit(PredictedExecutions executions, Clock clock) {
        this.executions = executions;
        this.clock = clock;
    }

    /** The predictions of the scope's executions, and their fit. */
    Predictions read(Map<String, String> params, QueryScope scope) throws Exception {
        QueryParameters.Range range = QueryParameters.range(params, DEFAULT_SPAN, clock.instant());
        int limit = QueryParameters.integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<PredictedExecutions.Execution> points = executions.newest(range.from(), range.to(), limit, scope);
        if (points.isEmpty()) {
            return new Predictions(0, OptionalDouble.empty(), OptionalDouble.empty(), points);
        }
        CostMetrics fit = CostMetrics.of(
                points.stream()
                        .mapToDouble(PredictedExecutions.Execution::actualMs)
                        .toArray(),
                points.stream()
                        .mapToDouble(PredictedExecutions.Execution::predictedMs)
                        .toArray());
        return new Predictions(fit.n(), OptionalDouble.of(fit.qErrorMedian()), finite(fit.r2Log()), points);
    }

    /** R² is NaN when every measured time is the same: no fit to speak of. */
    private static OptionalDouble finite(double value) {
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
