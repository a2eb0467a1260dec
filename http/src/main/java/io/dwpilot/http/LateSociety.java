package io.dwpilot.http;

import io.dwpilot.agents.AgentSociety;
import io.dwpilot.agents.indexer.IndexerControls;
import io.dwpilot.agents.runtime.AgentDirectory;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.trainer.TrainerControls;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The agent society as the front door sees it: the front door binds before the agents start (they watch its
 * gateway), so every call is passed on once the society is there and fails with {@link NotStarted} until then.
 */
final class LateSociety implements AgentDirectory, IndexerControls, TrainerControls {
    /** The agents have not started (yet): a 503 for the caller. */
    static final class NotStarted extends IllegalStateException {
        NotStarted() {
            super("the agents are starting");
        }
    }

    private final AtomicReference<AgentSociety> society = new AtomicReference<>();

    void started(AgentSociety started) {
        society.set(started);
    }

    @Override
    public CompletionStage<List<AgentStatus>> statuses() {
        return ask(AgentSociety::statuses);
    }

    @Override
    public CompletionStage<String> apply(long id, String by) {
        return ask(s -> s.apply(id, by));
    }

    @Override
    public CompletionStage<String> reject(long id, String by, String reason) {
        return ask(s -> s.reject(id, by, reason));
    }

    @Override
    public CompletionStage<String> analyze() {
        return ask(AgentSociety::analyze);
    }

    @Override
    public CompletionStage<String> train(List<String> models, String by) {
        return ask(s -> s.train(models, by));
    }

    @Override
    public CompletionStage<Mode> mode() {
        return ask(AgentSociety::mode);
    }

    @Override
    public CompletionStage<Mode> setMode(Mode mode, String reason) {
        return ask(s -> s.setMode(mode, reason));
    }

    private <T> CompletionStage<T> ask(Function<AgentSociety, CompletionStage<T>> call) {
        AgentSociety current = society.get();
        return current == null ? CompletableFuture.failedFuture(new NotStarted()) : call.apply(current);
    }
}
