package io.dwpilot.agents.indexer;

import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What people may ask of the running indexer through the API. Each stage fails with the indexer's own words when
 * the request is refused (an unknown id, a recommendation already decided) or the indexer does not answer in time.
 */
public interface IndexerControls {
    /** Builds a recommended index (at the indexer's next tick); answers what was scheduled. */
    CompletionStage<String> apply(long id, String by);

    /** Rejects a recommended (or scheduled, not yet built) index for good. */
    CompletionStage<String> reject(long id, String by, String reason);

    /**
     * Starts analyzing the workload now and answers at once: the new analysis, or the one already running (never a
     * second at the same time).
     */
    AnalysisRun startAnalysis();

    /** One of the last analyses started with {@link #startAnalysis()} (kept in memory only). */
    Optional<AnalysisRun> analysis(String id);

    CompletionStage<Mode> mode();

    /** Switches between building on its own and recommending only; journaled. */
    CompletionStage<Mode> setMode(Mode mode, String reason);
}
