package io.dwpilot.simulator.workload.run;

import java.time.Instant;

/** What a run reports as it goes; called from the runner's worker threads. */
public interface RunProgress {
    RunProgress SILENT = new RunProgress() {};

    /** The run starts; {@code expectedQueries} is an estimate. */
    default void started(long expectedQueries) {}

    /** One more statement was answered (or failed to be). */
    default void answered(long sent, long errors, Instant simulatedAt) {}

    /** An anomaly episode sent its first statement. */
    default void anomalyStarted(AnomalyKind kind, Instant simulatedAt) {}

    /** The run is over. */
    default void finished(RunSummary summary) {}
}
