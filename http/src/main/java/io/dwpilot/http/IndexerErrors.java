package io.dwpilot.http;

import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.pattern.StatusReply;

/**
 * The indexer's refusals as API errors. The indexer answers in words ({@link StatusReply#error(String)}), so its
 * words decide the status: an unknown id is 404, a recommendation already decided or a busy indexer 409; anything
 * else it reports failed on its side. Timeouts and everything else are {@link ApiErrors}'.
 */
final class IndexerErrors {
    private IndexerErrors() {}

    static HttpResponse toResponse(Throwable failure) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(e instanceof StatusReply.ErrorMessage refusal)) {
            return ApiErrors.toResponse(e);
        }
        String message = refusal.getMessage();
        if (message.startsWith("no index recommendation")) {
            return ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", message, null);
        }
        if (message.contains("only a recommended index") || message.contains("busy")) {
            return ApiErrors.of(StatusCodes.CONFLICT, "conflict", message, null);
        }
        return ApiErrors.of(StatusCodes.INTERNAL_SERVER_ERROR, "indexer_failed", message, null);
    }
}
