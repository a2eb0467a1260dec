package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.ml.features.LatencyHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A labelled stream of executions: fingerprints with log-normal times and a cost model that is roughly right for them,
 * a few unlabelled routine failures, and injected anomaly episodes — failure bursts, shapes never seen, and known
 * shapes running 20 times slower than usual. Histories are replayed as the gateway keeps them (successes only).
 */
final class SyntheticWorkload {
    private static final int FINGERPRINTS = 8;
    private static final int WARM_UP_RUNS = 30;
    private static final double EPISODE_RATE = 0.02;
    private static final double SLOWDOWN = 20;

    record Labelled(List<ExecutionObservation> observations, boolean[] labels) {
        Labelled slice(int from, int to) {
            boolean[] part = new boolean[to - from];
            System.arraycopy(labels, from, part, 0, part.length);
            return new Labelled(observations.subList(from, to), part);
        }

        long anomalies() {
            long n = 0;
            for (boolean l : labels) {
                n += l ? 1 : 0;
            }
            return n;
        }
    }

    private record Shape(String fingerprint, double medianMs, double sigma, double costModelBias) {}

    private final Random random;
    private final double routineFailureRate;
    private final List<Shape> shapes = new ArrayList<>();
    private final Map<String, LatencyHistory> histories = new HashMap<>();
    private final PaceTracker pace = new PaceTracker();
    private final List<ExecutionObservation> observations = new ArrayList<>();
    private final List<Boolean> labels = new ArrayList<>();
    private Instant clock = Instant.parse("2026-01-05T08:00:00Z");
    private int newShapes;

    private SyntheticWorkload(long seed, double routineFailureRate) {
        this.random = new Random(seed);
        this.routineFailureRate = routineFailureRate;
    }

    /** {@code size} executions (give or take the last episode); a share {@code routineFailureRate} of ordinary ones fail. */
    static Labelled generate(int size, double routineFailureRate, long seed) {
        SyntheticWorkload w = new SyntheticWorkload(seed, routineFailureRate);
        for (int i = 0; i < FINGERPRINTS; i++) {
            Shape shape = w.newShape("fp-" + i);
            w.shapes.add(shape);
            for (int r = 0; r < WARM_UP_RUNS; r++) {
                w.histories.get(shape.fingerprint()).observe(w.ordinaryTime(shape));
            }
        }
        while (w.observations.size() < size) {
            if (w.random.nextDouble() < EPISODE_RATE) {
                w.episode();
            } else {
                Shape shape = w.shapes.get(w.random.nextInt(FINGERPRINTS));
                boolean failed = w.random.nextDouble() < routineFailureRate;
                w.execute(shape, failed, failed ? 1 + w.random.nextDouble() * 5 : w.ordinaryTime(shape), false);
            }
        }
        boolean[] flags = new boolean[size];
        for (int i = 0; i < size; i++) {
            flags[i] = w.labels.get(i);
        }
        return new Labelled(List.copyOf(w.observations.subList(0, size)), flags);
    }

    private void episode() {
        int runs = 1 + random.nextInt(3);
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int r = 0; r < runs; r++) {
                    execute(shapes.get(random.nextInt(FINGERPRINTS)), true, 1 + random.nextDouble() * 5, true);
                }
            }
            case 1 -> {
                Shape shape = newShape("new-" + newShapes++);
                for (int r = 0; r < runs; r++) {
                    execute(shape, false, ordinaryTime(shape), true);
                }
            }
            default -> {
                Shape shape = shapes.get(random.nextInt(FINGERPRINTS));
                for (int r = 0; r < runs; r++) {
                    execute(shape, false, SLOWDOWN * ordinaryTime(shape), true);
                }
            }
        }
    }

    private Shape newShape(String fingerprint) {
        histories.put(fingerprint, new LatencyHistory());
        double medianMs = Math.exp(Math.log(2) + random.nextDouble() * Math.log(1000));
        return new Shape(
                fingerprint, medianMs, 0.25 + 0.25 * random.nextDouble(), Math.exp(0.3 * random.nextGaussian()));
    }

    private double ordinaryTime(Shape shape) {
        return shape.medianMs() * Math.exp(shape.sigma() * random.nextGaussian());
    }

    private void execute(Shape shape, boolean failed, double actualMs, boolean anomalous) {
        LatencyHistory history = histories.get(shape.fingerprint());
        double predictedMs = shape.medianMs() * shape.costModelBias() * Math.exp(0.1 * random.nextGaussian());
        clock = clock.plus(Duration.ofMillis(200 + random.nextInt(800)));
        observations.add(new ExecutionObservation(
                shape.fingerprint(),
                clock,
                failed,
                actualMs,
                predictedMs,
                history.snapshot(),
                random.nextInt(8),
                pace.observe(shape.fingerprint(), clock)));
        labels.add(anomalous);
        if (!failed) {
            history.observe(actualMs);
        }
    }
}
