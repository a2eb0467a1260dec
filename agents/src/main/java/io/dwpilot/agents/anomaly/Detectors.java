package io.dwpilot.agents.anomaly;

import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.models.anomaly.BurstDetector;
import io.dwpilot.models.anomaly.MetricSpikeDetector;
import io.dwpilot.models.anomaly.RobustNorm;
import io.dwpilot.models.anomaly.SlowExecutionDetector;
import io.dwpilot.models.ml.anomaly.ArrivalPace;
import io.dwpilot.models.ml.anomaly.ExecutionAnomalyDetector;
import io.dwpilot.models.ml.anomaly.ExecutionObservation;
import io.dwpilot.models.ml.anomaly.PaceTracker;
import io.dwpilot.persistence.metrics.SystemSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The anomaly watcher's in-memory side: the detectors' norms and windows, the known query shapes, the warm-up
 * progress and the alerts whose row is being written. A runtime cache, not event-sourced state: after a restart it
 * starts empty and rebuilds from new traffic (and the known shapes from metadata.query_logs). Owned by one actor
 * incarnation; not thread-safe.
 */
final class Detectors {
    /** Recent ok executions of every fingerprint: the norm of a fingerprint too young to have its own. */
    private static final int WORKLOAD_WINDOW = 2_000;

    private final AnomalyWatcherSettings settings;
    private final SlowExecutionDetector slow;
    private final RobustNorm workload;
    private final BurstDetector failures;
    private final MetricSpikeDetector metrics;
    private final Supplier<Optional<ExecutionAnomalyDetector>> learned;
    private final PaceTracker paces = new PaceTracker();
    private final Set<String> knownFingerprints = new HashSet<>();
    private final Set<String> inFlight = new HashSet<>();
    private boolean knownLoaded;
    private long executions;
    private long samples;
    private long suppressed;
    private Optional<Instant> firstWorkloadTime = Optional.empty();
    private Optional<Instant> latestWorkloadTime = Optional.empty();
    private Optional<Instant> lastSampledAt = Optional.empty();

    /**
     * {@code learned} is the active execution anomaly detector, if one serves: a slow execution is reported only when
     * it agrees (see {@link #judgeLatency}).
     */
    Detectors(AnomalyWatcherSettings settings, Supplier<Optional<ExecutionAnomalyDetector>> learned) {
        this.settings = settings;
        this.learned = learned;
        this.slow = new SlowExecutionDetector(settings.slowQuery());
        this.workload = new RobustNorm(WORKLOAD_WINDOW);
        this.failures = new BurstDetector(settings.burstMaxFailures(), settings.burstWindow());
        this.metrics = new MetricSpikeDetector(settings.metricSpike());
    }

    /** Judges one execution; {@code now} is the workload clock's time of detection. */
    List<Finding> onExecution(QueryExecuted e, Instant now) {
        List<Finding> found = new ArrayList<>();
        countExecution(e.workloadTime());
        boolean firstSight = knownFingerprints.add(e.fingerprint());
        ArrivalPace pace = paces.observe(e.fingerprint(), e.workloadTime());
        boolean ok = e.status().succeeded();
        if (ok && Double.isFinite(e.executionTimeMs()) && e.executionTimeMs() >= 0) {
            judgeLatency(e, pace, now).ifPresent(found::add);
        }
        // A shape seen before the known ones were loaded counts as known; a failing statement is a failure, not news.
        if (ok && firstSight && knownLoaded && warmedUp()) {
            found.add(Finding.newShape(e, now));
        }
        if (e.status().failed()) {
            failures.recordFailure(e.workloadTime())
                    .ifPresent(burst -> found.add(
                            Finding.failureBurst(e, burst, settings.burstMaxFailures(), settings.burstWindow(), now)));
        }
        return found;
    }

    /**
     * Against the fingerprint's own norm once it has one; before that (after the warm-up) against the workload's,
     * so that new statements far more expensive than anything the warehouse usually runs are caught too. When a
     * learned detector serves and the gateway sent what it reads, a slow execution is reported only if the learned
     * detector flags it as well: it knows the cost model's prediction for this very statement, so a time that is
     * unusual for the fingerprint but expected for these literals or this load is not an anomaly (the robust norm
     * alone raised most of its slow-query findings outside any labelled episode).
     */
    private Optional<Finding> judgeLatency(QueryExecuted e, ArrivalPace pace, Instant now) {
        double millis = e.executionTimeMs();
        boolean young = slow.norm(e.fingerprint()).map(RobustNorm::size).orElse(0)
                < settings.slowQuery().minSamples();
        Optional<Finding> finding = slow.observe(e.fingerprint(), millis).map(s -> Finding.slowQuery(e, s, now));
        if (young && knownLoaded && warmedUp()) {
            finding = slow.judge(workload, millis)
                    .map(severity -> Finding.slowQuery(
                            e,
                            new SlowExecutionDetector.SlowExecution(
                                    e.fingerprint(), millis, workload.median(), workload.score(millis), severity),
                            now));
        }
        workload.add(millis);
        return finding.filter(f -> confirmedByLearned(e, pace));
    }

    private boolean confirmedByLearned(QueryExecuted e, ArrivalPace pace) {
        Optional<ExecutionAnomalyDetector> detector = learned.get();
        if (detector.isEmpty() || e.history().isEmpty()) {
            return true;
        }
        return detector.get()
                .detect(new ExecutionObservation(
                        e.fingerprint(),
                        e.workloadTime(),
                        false,
                        e.executionTimeMs(),
                        e.predictedMs().orElse(Double.NaN),
                        e.history().get(),
                        e.concurrentQueries().orElse(0),
                        pace))
                .anomalous();
    }

    /** Judges a system sample once: a sample already judged (same sampledAt) finds nothing. */
    List<Finding> onSample(SystemSample sample, Instant now) {
        if (lastSampledAt.filter(sample.sampledAt()::equals).isPresent()) {
            return List.of();
        }
        lastSampledAt = Optional.of(sample.sampledAt());
        samples++;
        List<Finding> found = new ArrayList<>();
        for (SystemMetric metric : SystemMetric.values()) {
            metric.in(sample)
                    .flatMap(value -> metrics.observe(metric.column(), value))
                    .ifPresent(spike -> found.add(Finding.metricSpike(spike, now)));
        }
        return found;
    }

    void knownLoaded(Set<String> fingerprints) {
        knownFingerprints.addAll(fingerprints);
        knownLoaded = true;
    }

    boolean isKnownLoaded() {
        return knownLoaded;
    }

    /** Takes the alert slot of a key while its row is written; false if another finding of the key holds it. */
    boolean claim(String key) {
        return inFlight.add(key);
    }

    void release(String key) {
        inFlight.remove(key);
    }

    /** Counts a finding not stored because its key is cooling down or being stored. */
    void suppress() {
        suppressed++;
    }

    long suppressed() {
        return suppressed;
    }

    long executions() {
        return executions;
    }

    long samples() {
        return samples;
    }

    int knownFingerprintCount() {
        return knownFingerprints.size();
    }

    /** The watcher's phase in words, for its status. */
    String phase() {
        if (!knownLoaded) {
            return "loading known query shapes";
        }
        if (!warmedUp()) {
            return String.format(
                    "warming up: %d of %d executions, %d of %d minutes",
                    executions,
                    settings.warmUpExecutions(),
                    observedSpan().toMinutes(),
                    settings.warmUp().toMinutes());
        }
        return "watching";
    }

    private void countExecution(Instant workloadTime) {
        executions++;
        if (firstWorkloadTime.isEmpty()) {
            firstWorkloadTime = Optional.of(workloadTime);
        }
        if (latestWorkloadTime.filter(workloadTime::isBefore).isEmpty()) {
            latestWorkloadTime = Optional.of(workloadTime);
        }
    }

    private boolean warmedUp() {
        return executions >= settings.warmUpExecutions() && observedSpan().compareTo(settings.warmUp()) >= 0;
    }

    private Duration observedSpan() {
        return firstWorkloadTime
                .flatMap(first -> latestWorkloadTime.map(last -> Duration.between(first, last)))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }
}
