package io.dwpilot.agents.trainer;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** What the API may ask of the trainer. */
public interface TrainerControls {
    /**
     * Starts training the named models ({@code cost}, {@code forecast}, {@code anomaly}, {@code cluster}; all when
     * empty); completes once training started, failing when one is already running.
     */
    CompletionStage<String> train(List<String> models, String by);
}
