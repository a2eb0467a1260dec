package io.dwpilot.http;

import io.dwpilot.agents.indexer.IndexerControls;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.trainer.TrainerControls;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/** The indexer's and the trainer's controls of a front door tested without those agents: nothing ever answers. */
final class NoAgentControls implements IndexerControls, TrainerControls {
    @Override
    public CompletionStage<String> apply(long id, String by) {
        return unanswered();
    }

    @Override
    public CompletionStage<String> reject(long id, String by, String reason) {
        return unanswered();
    }

    @Override
    public CompletionStage<String> analyze() {
        return unanswered();
    }

    @Override
    public CompletionStage<Mode> mode() {
        return unanswered();
    }

    @Override
    public CompletionStage<Mode> setMode(Mode mode, String reason) {
        return unanswered();
    }

    @Override
    public CompletionStage<String> train(List<String> models, String by) {
        return unanswered();
    }

    private static <T> CompletionStage<T> unanswered() {
        return CompletableFuture.failedFuture(new TimeoutException("no such agent in this test"));
    }
}
