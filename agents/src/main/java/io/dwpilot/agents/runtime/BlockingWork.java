package io.dwpilot.agents.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * How an agent hands blocking work (JDBC, training) to the blocking executor: the work runs there, and its result or
 * failure comes back to the actor as a message, so the actor's context is only ever touched on the actor's thread.
 */
public final class BlockingWork {
    private BlockingWork() {}

    /**
     * Runs {@code work} on {@code blocking} and tells the actor {@code onSuccess} of its result or {@code onFailure}
     * of what failed (the work's own exception, not a wrapper). Both functions run on the actor's thread.
     */
    public static <T, M> void pipeToSelf(
            ActorContext<M> context,
            Executor blocking,
            Callable<T> work,
            Function<T, ? extends M> onSuccess,
            Function<Throwable, ? extends M> onFailure) {
        context.pipeToSelf(
                supply(blocking, work),
                (value, failure) -> failure == null ? onSuccess.apply(value) : onFailure.apply(cause(failure)));
    }

    /** Runs {@code work} on {@code blocking}; a checked exception, or a full executor, fails the future. */
    public static <T> CompletableFuture<T> supply(Executor blocking, Callable<T> work) {
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return work.call();
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    },
                    blocking);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The failure itself, unwrapped from the future's {@link CompletionException}. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
