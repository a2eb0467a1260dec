package io.dwpilot.models.verify;

import java.util.Arrays;
import java.util.Objects;

/**
 * The latencies of one fingerprint measured before and after a change.
 *
 * @param fingerprint the fingerprint (its hash), not blank
 * @param weight      how often it runs (executions or frequency), finite and at least 0
 * @param before      latencies in milliseconds before the change, each finite and at least 0 (copied)
 * @param after       latencies in milliseconds after the change, each finite and at least 0 (copied)
 */
public record LatencySample(String fingerprint, double weight, double[] before, double[] after) {
    public LatencySample {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint must not be blank");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be finite and >= 0: " + weight);
        }
        before = checked(before, "before");
        after = checked(after, "after");
    }

    private static double[] checked(double[] latencies, String side) {
        Objects.requireNonNull(latencies, side);
        double[] copy = latencies.clone();
        for (double latency : copy) {
            if (!(latency >= 0) || Double.isInfinite(latency)) {
                throw new IllegalArgumentException(side + " latencies must be finite and >= 0: " + latency);
            }
        }
        return copy;
    }

    /** A copy of the latencies before the change. */
    @Override
    public double[] before() {
        return before.clone();
    }

    /** A copy of the latencies after the change. */
    @Override
    public double[] after() {
        return after.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencySample that
                && fingerprint.equals(that.fingerprint)
                && Double.compare(weight, that.weight) == 0
                && Arrays.equals(before, that.before)
                && Arrays.equals(after, that.after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint, weight, Arrays.hashCode(before), Arrays.hashCode(after));
    }

    @Override
    public String toString() {
        return "LatencySample[fingerprint=" + fingerprint + ", weight=" + weight + ", before=" + before.length
                + " latencies, after=" + after.length + " latencies]";
    }
}
