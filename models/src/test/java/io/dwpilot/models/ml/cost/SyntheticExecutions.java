package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.ml.features.CostInputs;
import io.dwpilot.models.ml.features.DataVolume;
import io.dwpilot.models.ml.features.DateLiterals;
import io.dwpilot.models.ml.features.ExecutionContext;
import io.dwpilot.models.ml.features.LatencyHistory;
import io.dwpilot.models.ml.features.PlanSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Executions whose time truly depends on their features. Each fingerprint reads a volume of data and runs
 * {@code speed} times faster or slower than its plan cost suggests (the planner's misestimate, which only its history
 * reveals); each execution's parameters select a share {@code s} of the volume, which moves the plan cost; and
 * concurrency slows it down:
 *
 * <pre>  ms = 0.002 * cost^0.9 * speed * (1 + 0.12 * concurrent) * lognormal(0, 0.1),  cost = volume / 10 * s </pre>
 *
 * The planner baseline misses {@code speed} and concurrency, the history baseline misses {@code s} and concurrency;
 * the learned model can see all three. Histories replay in time order through {@link LatencyHistory}, as the
 * trainer does.
 */
final class SyntheticExecutions {
    static final Instant START = Instant.parse("2024-05-06T00:00:00Z");

    private SyntheticExecutions() {}

    static List<CostExample> generate(int fingerprints, int executions, long seed) {
        Random random = new Random(seed);
        double[] volume = new double[fingerprints];
        double[] speed = new double[fingerprints];
        LatencyHistory[] histories = new LatencyHistory[fingerprints];
        for (int f = 0; f < fingerprints; f++) {
            volume[f] = Math.pow(10, 3 + 4 * random.nextDouble());
            speed[f] = Math.exp(0.7 * random.nextGaussian());
            histories[f] = new LatencyHistory();
        }
        List<CostExample> examples = new ArrayList<>(executions);
        for (int i = 0; i < executions; i++) {
            int f = random.nextInt(fingerprints);
            Instant at = START.plus(Duration.ofSeconds(37L * i));
            double share = Math.exp(0.8 * random.nextGaussian());
            double cost = volume[f] / 10 * share;
            int concurrent = random.nextInt(9);
            double ms = 0.002
                    * Math.pow(cost, 0.9)
                    * speed[f]
                    * (1 + 0.12 * concurrent)
                    * Math.exp(0.1 * random.nextGaussian());
            PlanSummary plan = new PlanSummary(
                    cost, cost * 0.1, Math.max(1, share * 100), 32, 3, 2, 1, 0, 0, 0, 0, 0, 0, 1, 0, List.of());
            CostInputs inputs = new CostInputs(
                    java.util.Optional.empty(),
                    DateLiterals.NONE,
                    java.util.Optional.of(plan),
                    new DataVolume(volume[f], volume[f] * 100),
                    ExecutionContext.at(at, concurrent, Double.NaN),
                    histories[f].snapshot());
            examples.add(new CostExample("fp" + f, at, CostFeatures.extract(inputs), ms));
            histories[f].observe(ms);
        }
        return examples;
    }
}
