package io.dwpilot.models.anomaly;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Flags a system metric (CPU, active queries, locks waiting, ...) far <em>above</em> its recent norm. Each metric
 * keeps a {@link RobustNorm} of its last {@code window} samples; a value is flagged when, against the norm before
 * it is added,
 * <ul>
 *   <li>the norm holds at least {@code minSamples} values,</li>
 *   <li>the value exceeds the median by at least the metric's floor (so 2 active queries instead of 1, or 3 %
 *       more CPU, is not news however steady the metric was), and</li>
 *   <li>its robust z-score reaches the low band.</li>
 * </ul>
 * Every value, flagged or not, is then added to the norm. Only metrics with a floor are watched; other names are
 * ignored. Not thread-safe.
 */
public final class MetricSpikeDetector {

    /**
     * Thresholds; {@code floors} maps each watched metric to the least rise above its median worth a finding, in the
     * metric's own unit.
     */
    public record Config(int window, int minSamples, SeverityBands bands, Map<String, Double> floors) {
        public Config {
            if (window <= 0 || minSamples <= 0 || minSamples > window) {
                throw new IllegalArgumentException("need 0 < minSamples <= window, got " + minSamples + ", " + window);
            }
            Objects.requireNonNull(bands, "bands");
            floors = Map.copyOf(floors);
            floors.forEach((metric, floor) -> {
                if (!(floor >= 0)) {
                    throw new IllegalArgumentException("floor of " + metric + " must be >= 0, was " + floor);
                }
            });
        }
    }

    /** A flagged value: the norm's median it was judged against, its score and severity. */
    public record Spike(String metric, double value, double median, double score, Severity severity) {}

    private final Config config;
    private final Map<String, RobustNorm> norms = new HashMap<>();

    public MetricSpikeDetector(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Judges one sample of {@code metric}, then adds it to the metric's norm; unwatched metrics are ignored. */
    public Optional<Spike> observe(String metric, double value) {
        Objects.requireNonNull(metric, "metric");
        Double floor = config.floors().get(metric);
        if (floor == null || !Double.isFinite(value)) {
            return Optional.empty();
        }
        RobustNorm norm = norms.computeIfAbsent(metric, k -> new RobustNorm(config.window()));
        Optional<Spike> spike = Optional.empty();
        if (norm.size() >= config.minSamples() && value - norm.median() >= floor) {
            double score = norm.score(value);
            spike = config.bands()
                    .severityOf(score)
                    .map(severity -> new Spike(metric, value, norm.median(), score, severity));
        }
        norm.add(value);
        return spike;
    }

    /** Whether {@code metric} is watched (has a floor). */
    public boolean watches(String metric) {
        return config.floors().containsKey(metric);
    }
}
