package io.dwpilot.agents.observer;

import java.util.Arrays;

/**
 * Counts per time bucket over a sliding window of the last {@code size} buckets (bucket = epoch seconds divided by
 * the bucket width). Counts live in a ring, so memory is fixed; moving forward clears the buckets that fall out.
 * Not thread-safe.
 */
final class BucketRing {
    private final long[] counts;
    private long newest = Long.MIN_VALUE;

    BucketRing(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a ring needs at least one bucket, got " + size);
        }
        this.counts = new long[size];
    }

    /**
     * Counts one arrival in {@code bucket}; {@code current} is the bucket of the workload clock's now. A bucket outside
     * the window of the last {@code size} buckets ending at {@code current} is ignored (returns false). A ring ahead
     * of the clock belongs to a time line the clock left (it switched from wall to simulated time): it starts over.
     */
    boolean add(long bucket, long current) {
        if (newest > current) {
            clear();
        }
        if (bucket > current || bucket <= current - counts.length) {
            return false;
        }
        if (newest == Long.MIN_VALUE || bucket > newest) {
            advanceTo(bucket);
        }
        counts[slot(bucket)]++;
        return true;
    }

    /** The sum of the buckets from {@code first} to {@code last}, both included; buckets not kept count as 0. */
    long sum(long first, long last) {
        if (newest == Long.MIN_VALUE) {
            return 0;
        }
        long total = 0;
        for (long b = Math.max(first, newest - counts.length + 1); b <= Math.min(last, newest); b++) {
            total += counts[slot(b)];
        }
        return total;
    }

    /** The counts of the {@code size} buckets ending with {@code last}, oldest first. */
    long[] series(long last) {
        long[] out = new long[counts.length];
        for (int i = 0; i < out.length; i++) {
            long b = last - out.length + 1 + i;
            out[i] = sum(b, b);
        }
        return out;
    }

    private void advanceTo(long bucket) {
        if (newest == Long.MIN_VALUE || bucket - newest >= counts.length) {
            Arrays.fill(counts, 0);
        } else {
            for (long b = newest + 1; b <= bucket; b++) {
                counts[slot(b)] = 0;
            }
        }
        newest = bucket;
    }

    private void clear() {
        Arrays.fill(counts, 0);
        newest = Long.MIN_VALUE;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) counts.length);
    }
}
