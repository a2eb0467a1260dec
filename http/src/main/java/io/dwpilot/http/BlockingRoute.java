package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** Completes a request with work that blocks (JDBC, parsing) on a dedicated executor; failures become JSON errors. */
final class BlockingRoute {
    @FunctionalInterface
    interface Work {
        HttpResponse get() throws Exception;
    }

    private BlockingRoute() {}

    static Route respond(Executor blocking, Work work) {
        return completeWithFuture(CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return work.get();
                    } catch (Exception e) {
                        return ApiErrors.toResponse(e);
                    }
                },
                blocking));
    }
}
