package io.dwpilot.http;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * The answer to a request too malformed for any route (a bad request line, an illegal header, a URI or header over
 * its limit): the API's JSON error with pekko's status, instead of its plain text. Named by
 * {@code pekko.http.server.parsing.error-handler} in reference.conf; pekko creates it by its no-argument constructor.
 */
public final class JsonParsingErrors extends ParsingErrorHandler {
    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        String summary = Quoted.atMost(info.summary(), ApiErrors.MAX_MESSAGE);
        log.warning("Illegal request, answered {}: {}", status.intValue(), summary);
        return ApiErrors.of(status, ApiErrors.code(status), summary, null);
    }
}
