package io.dwpilot.http;

import io.dwpilot.agents.indexer.AnalysisRegistry;
import io.dwpilot.agents.indexer.AnalysisRun;
import io.dwpilot.agents.indexer.IndexerControls;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.trainer.TrainerControls;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/** The indexer's and the trainer's controls of a front door tested without those agents: nothing ever answers. */
final class NoAgentControls implements IndexerControls, TrainerControls {
    private final AnalysisRegistry analyses = new AnalysisRegistry(NoAgentControls::unanswered, Clock.systemUTC());

    @Override
    public CompletionStage<String> apply(long id, String by) {
        return unanswered();
    }

    @Override
    public CompletionStage<String> reject(long id, String by, String reason) {
        return unanswered();
    }

    @Override
    public AnalysisRun startAnalysis() {
        return analyses.start();
    }

    @Override
    public Optional<AnalysisRun> analysis(String id) {
        return analyses.find(id);
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
