package io.dwpilot.agents.learning;

import io.dwpilot.persistence.ml.LoggedExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Arrivals per 5-minute bucket of workload time, counted from logged executions (every status counts). */
record ArrivalSeries(Instant firstBucket, double[] counts) {
    static final Duration BUCKET = Duration.ofMinutes(5);

    /** The whole buckets from the one holding the first execution to the one before the last execution's. */
    static ArrivalSeries of(List<LoggedExecution> executions) {
        if (executions.isEmpty()) {
            return new ArrivalSeries(Instant.EPOCH, new double[0]);
        }
        long bucketSeconds = BUCKET.toSeconds();
        long first = Math.floorDiv(executions.get(0).at().getEpochSecond(), bucketSeconds);
        long last = Math.floorDiv(executions.get(executions.size() - 1).at().getEpochSecond(), bucketSeconds);
        double[] counts = new double[(int) (last - first)]; // the last bucket may still be filling: left out
        for (LoggedExecution e : executions) {
            long i = Math.floorDiv(e.at().getEpochSecond(), bucketSeconds) - first;
            if (i < counts.length) {
                counts[(int) i]++;
            }
        }
        return new ArrivalSeries(Instant.ofEpochSecond(first * bucketSeconds), counts);
    }

    Instant bucketStart(int index) {
        return firstBucket.plus(BUCKET.multipliedBy(index));
    }
}
