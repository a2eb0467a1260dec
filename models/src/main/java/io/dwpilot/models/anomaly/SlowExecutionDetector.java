package io.dwpilot.models.anomaly;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Flags executions far slower than their fingerprint's norm. Each fingerprint keeps a {@link RobustNorm} of its
 * recent latencies; an execution is flagged when, against the norm <em>before</em> it is added,
 * <ul>
 *   <li>the norm holds at least {@code minSamples} values,</li>
 *   <li>its robust z-score is at least {@code lowScore}, and</li>
 *   <li>it is at least {@code floorMillis} slower than the median (so a 1 ms query taking 2 ms is not news), and</li>
 *   <li>it took at least {@code minRatio} times the median (a busy server slows everything down by a small factor;
 *       that is load, not an anomalous execution), and</li>
 *   <li>it is slower than 99 % of the norm's window (a fingerprint whose parameters sometimes make it ten times
 *       slower has that in its own history: it is how the query behaves, not news).</li>
 * </ul>
 * Severity is {@code HIGH} from {@code highScore}, {@code MEDIUM} from {@code mediumScore}, else {@code LOW}.
 * Every execution, flagged or not, is then added to its norm (median and MAD shrug off the outliers).
 *
 * <p>At most {@code maxFingerprints} norms are kept; the least recently observed fingerprint is forgotten first.
 * Not thread-safe.
 */
public final class SlowExecutionDetector {
    /** An execution must be slower than this share of the norm's window. */
    static final double TAIL = 0.99;

    /** Thresholds; see the class comment. */
    public record Config(
            int window,
            int minSamples,
            double lowScore,
            double mediumScore,
            double highScore,
            double floorMillis,
            double minRatio,
            int maxFingerprints) {
        public Config {
            if (window <= 0 || minSamples <= 0 || maxFingerprints <= 0) {
                throw new IllegalArgumentException("window, minSamples and maxFingerprints must be positive");
            }
            if (minSamples > window) {
                throw new IllegalArgumentException("minSamples (" + minSamples + ") exceeds window (" + window + ")");
            }
            if (!(lowScore > 0 && lowScore <= mediumScore && mediumScore <= highScore)) {
                throw new IllegalArgumentException("need 0 < lowScore <= mediumScore <= highScore, got " + lowScore
                        + ", " + mediumScore + ", " + highScore);
            }
            if (!(floorMillis >= 0)) {
                throw new IllegalArgumentException("floorMillis must be >= 0, was " + floorMillis);
            }
            if (!(minRatio >= 1) || Double.isInfinite(minRatio)) {
                throw new IllegalArgumentException("minRatio must be finite and >= 1, was " + minRatio);
            }
        }

        /** Window 500, at least 20 samples, scores 3.5 / 6 / 10, at least 50 ms slower and 3x the median, 10 000 fingerprints. */
        public static Config defaults() {
            return new Config(500, 20, 3.5, 6.0, 10.0, 50.0, 3.0, 10_000);
        }

        /** The severity for a score, or empty below {@code lowScore}. */
        public Optional<Severity> severityOf(double score) {
            if (!(score >= lowScore)) {
                return Optional.empty();
            }
            if (score >= highScore) {
                return Optional.of(Severity.HIGH);
            }
            return Optional.of(score >= mediumScore ? Severity.MEDIUM : Severity.LOW);
        }
    }

    /** A flagged execution: its latency, the norm it was judged against, its score and severity. */
    public record SlowExecution(
            String fingerprint, double millis, double medianMillis, double score, Severity severity) {}

    private final Config config;
    private final Map<String, RobustNorm> norms;

    public SlowExecutionDetector(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.norms = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RobustNorm> eldest) {
                return size() > config.maxFingerprints();
            }
        };
    }

    public SlowExecutionDetector() {
        this(Config.defaults());
    }

    public Config config() {
        return config;
    }

    /** Judges one execution of {@code fingerprint} taking {@code millis}, then adds it to the fingerprint's norm. */
    public Optional<SlowExecution> observe(String fingerprint, double millis) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!Double.isFinite(millis) || millis < 0) {
            throw new IllegalArgumentException("millis must be finite and >= 0, was " + millis);
        }
        RobustNorm norm = norms.computeIfAbsent(fingerprint, k -> new RobustNorm(config.window()));
        Optional<SlowExecution> finding = judge(norm, millis)
                .map(severity -> new SlowExecution(fingerprint, millis, norm.median(), norm.score(millis), severity));
        norm.add(millis);
        return finding;
    }

    /** Judges {@code millis} against {@code norm} without changing it. */
    public Optional<Severity> judge(RobustNorm norm, double millis) {
        if (norm.size() < config.minSamples()) {
            return Optional.empty();
        }
        if (millis - norm.median() < config.floorMillis()
                || millis < config.minRatio() * norm.median()
                || millis <= norm.quantile(TAIL)) {
            return Optional.empty();
        }
        return config.severityOf(norm.score(millis));
    }

    /** The norm of a fingerprint, if one is kept. */
    public Optional<RobustNorm> norm(String fingerprint) {
        return Optional.ofNullable(norms.get(fingerprint));
    }

    public int fingerprintCount() {
        return norms.size();
    }
}
