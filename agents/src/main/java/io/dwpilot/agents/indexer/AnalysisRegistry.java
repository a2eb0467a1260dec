package io.dwpilot.agents.indexer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyses asked for through the API, so that asking answers at once and the work runs on (an analysis plans
 * every candidate and may take minutes): at most one runs at a time, asking again while it runs joins it, and the
 * last {@link #KEPT} are kept in memory only (they do not survive a restart; the journal keeps every analysis).
 */
public final class AnalysisRegistry {
    static final int KEPT = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisRegistry.class);

    private final Supplier<CompletionStage<String>> analyze;
    private final Clock clock;
    private final Map<String, AnalysisRun> runs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AnalysisRun> eldest) {
            return size() > KEPT; // the eldest is never the one running: only the newest may run
        }
    };
    private Optional<String> running = Optional.empty();

    /** {@code analyze} starts an analysis and completes with its summary, or fails with the indexer's words. */
    public AnalysisRegistry(Supplier<CompletionStage<String>> analyze, Clock clock) {
        this.analyze = Objects.requireNonNull(analyze, "analyze");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts an analysis, or answers the one running. */
    public AnalysisRun start() {
        AnalysisRun run;
        synchronized (this) {
            if (running.isPresent()) {
                return runs.get(running.get());
            }
            run = AnalysisRun.running(UUID.randomUUID().toString(), clock.instant());
            runs.put(run.id(), run);
            running = Optional.of(run.id());
        }
        CompletionStage<String> work;
        try {
            work = analyze.get();
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((summary, failure) -> finish(run, summary, failure));
        return run;
    }

    /** One of the last analyses started here. */
    public synchronized Optional<AnalysisRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    private synchronized void finish(AnalysisRun run, String summary, Throwable failure) {
        AnalysisRun finished =
                failure == null ? run.done(clock.instant(), summary) : run.failed(clock.instant(), words(failure));
        runs.computeIfPresent(run.id(), (id, old) -> finished);
        running = Optional.empty();
    }

    /** The indexer's own words when it refused; otherwise no exception text (it may hold internals). */
    private static String words(Throwable failure) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof StatusReply.ErrorMessage refusal) {
            return refusal.getMessage();
        }
        if (e instanceof TimeoutException || e instanceof AskTimeoutException) {
            return "the indexer did not finish the analysis in time";
        }
        LOG.warn("A workload analysis failed", e);
        return "the analysis failed (see the server log)";
    }
}
