package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.FeatureVector;
import io.dwpilot.models.ml.features.LatencyHistory;
import java.util.List;

/**
 * PostgreSQL's own estimate scaled to time: the least-squares line of log milliseconds on the log total cost
 * ({@code plan_log_total_cost}) over the training examples that have a plan. An execution without a plan gets the
 * training set's median time.
 */
public final class PlannerCostBaseline implements CostPredictor {
    static final String PLAN_KNOWN = "plan_known";
    static final String LOG_TOTAL_COST = "plan_log_total_cost";

    private final double intercept;
    private final double slope;
    private final double medianMs;

    private PlannerCostBaseline(double intercept, double slope, double medianMs) {
        this.intercept = intercept;
        this.slope = slope;
        this.medianMs = medianMs;
    }

    /** @throws IllegalArgumentException if there are no examples */
    public static PlannerCostBaseline fit(List<CostExample> examples) {
        double medianMs = ExampleMatrix.medianMs(examples);
        List<CostExample> planned =
                examples.stream().filter(e -> e.features().get(PLAN_KNOWN) > 0).toList();
        if (planned.isEmpty()) {
            return new PlannerCostBaseline(LatencyHistory.logMs(medianMs), 0, medianMs);
        }
        double meanX = 0;
        double meanY = 0;
        for (CostExample e : planned) {
            meanX += e.features().get(LOG_TOTAL_COST);
            meanY += LatencyHistory.logMs(e.actualMs());
        }
        meanX /= planned.size();
        meanY /= planned.size();
        double covariance = 0;
        double variance = 0;
        for (CostExample e : planned) {
            double dx = e.features().get(LOG_TOTAL_COST) - meanX;
            covariance += dx * (LatencyHistory.logMs(e.actualMs()) - meanY);
            variance += dx * dx;
        }
        // one distinct cost: no slope to learn, the line is the mean log time
        double slope = variance > 0 ? covariance / variance : 0;
        return new PlannerCostBaseline(meanY - slope * meanX, slope, medianMs);
    }

    @Override
    public double predictMs(FeatureVector features) {
        if (features.get(PLAN_KNOWN) <= 0) {
            return medianMs;
        }
        return Math.exp(intercept + slope * features.get(LOG_TOTAL_COST));
    }

    @Override
    public String name() {
        return "planner-cost";
    }

    /** Log milliseconds per unit of log cost. */
    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }
}
