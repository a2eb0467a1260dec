package io.dwpilot.http;

import io.dwpilot.gateway.GatewayRejection;
import io.dwpilot.models.sql.SqlSyntaxException;
import io.dwpilot.persistence.query.QueryFailure;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps failures to the API's JSON errors {error, message, detail} with a fitting status. A message is at most
 * {@link #MAX_MESSAGE} characters, whatever it quotes. A 500 says no more than an error id, which the log line with
 * the exception holds: the exception's text (class names, the driver's internals) stays in the log.
 */
public final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    static final int MAX_MESSAGE = 300;

    private ApiErrors() {}

    public static HttpResponse of(StatusCode status, String error, String message, Object detail) {
        return Json.response(status, new Json.ApiError(error, Quoted.atMost(message, MAX_MESSAGE), detail));
    }

    /** A failure the server did not foresee: logged with a fresh error id, which is all the answer tells. */
    public static HttpResponse internal(Throwable failure) {
        String errorId = UUID.randomUUID().toString().substring(0, 13);
        log.error("Request failed, error id {}", errorId, failure);
        return of(
                StatusCodes.INTERNAL_SERVER_ERROR,
                "internal_error",
                "The server failed to answer; its log holds the cause under error id " + errorId,
                Map.of("errorId", errorId));
    }

    /** The error code of a status as the API names it: "method_not_allowed" for 405, "uri_too_long" for 414. */
    static String code(StatusCode status) {
        return status.reason()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z]+", "_")
                .replaceAll("^_|_$", "");
    }

    /** A plain-text error answer (pekko's own) as the API's JSON error, its headers kept. */
    static HttpResponse asJson(HttpResponse response) {
        if (!(response.entity() instanceof HttpEntity.Strict strict)
                || strict.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
            return response;
        }
        String text = strict.getData().utf8String().strip();
        return of(
                        response.status(),
                        code(response.status()),
                        text.isEmpty() ? response.status().reason() : text,
                        null)
                .addHeaders(response.getHeaders());
    }

    public static HttpResponse badRequest(String message) {
        return of(StatusCodes.BAD_REQUEST, "bad_request", message, null);
    }

    /** A refusal the caller may retry: the wait in the body and in Retry-After. */
    private static HttpResponse retryLater(StatusCode status, String error, GatewayRejection rejection) {
        return of(status, error, rejection.getMessage(), Map.of("retryAfterSeconds", rejection.retryAfterSeconds()))
                .addHeader(RetryAfter.create((long) rejection.retryAfterSeconds()));
    }

    public static HttpResponse toResponse(Throwable failure) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof GatewayRejection rejection) {
            return switch (rejection.reason()) {
                case FORBIDDEN -> of(StatusCodes.FORBIDDEN, "forbidden", rejection.getMessage(), null);
                case UNSUPPORTED -> of(StatusCodes.BAD_REQUEST, "unsupported", rejection.getMessage(), null);
                case SATURATED -> retryLater(StatusCodes.SERVICE_UNAVAILABLE, "saturated", rejection);
                case OVER_QUOTA -> retryLater(StatusCodes.TOO_MANY_REQUESTS, "over_quota", rejection);
            };
        }
        if (e instanceof QueryFailure f) {
            Map<String, Object> detail = new LinkedHashMap<>();
            f.sqlState().ifPresent(s -> detail.put("sqlState", s));
            f.position().ifPresent(p -> detail.put("position", p));
            f.queryId().ifPresent(id -> detail.put("queryId", id));
            return switch (f.kind()) {
                case INVALID_STATEMENT -> of(StatusCodes.BAD_REQUEST, "invalid_sql", f.getMessage(), detail);
                case TIMEOUT -> of(StatusCodes.GATEWAY_TIMEOUT, "timeout", f.getMessage(), detail);
                case NOT_ALLOWED -> of(StatusCodes.FORBIDDEN, "forbidden", f.getMessage(), detail);
                case UNSUPPORTED -> of(StatusCodes.BAD_REQUEST, "unsupported", f.getMessage(), detail);
                case RESOURCE_LIMIT -> of(StatusCodes.UNPROCESSABLE_ENTITY, "resource_limit", f.getMessage(), detail);
                case NO_CONNECTION ->
                    of(StatusCodes.SERVICE_UNAVAILABLE, "no_connection", f.getMessage(), detail)
                            .addHeader(RetryAfter.create(1L));
                case EXECUTION_ERROR -> of(StatusCodes.UNPROCESSABLE_ENTITY, "execution_error", f.getMessage(), detail);
            };
        }
        if (e instanceof TimeoutException) {
            // an agent did not answer an ask in time: worth a retry
            return of(
                            StatusCodes.SERVICE_UNAVAILABLE,
                            "unavailable",
                            "An agent did not answer in time: try again",
                            null)
                    .addHeader(RetryAfter.create(1L));
        }
        if (e instanceof SqlSyntaxException syntax) {
            // what the lexer refused before PostgreSQL saw it: one statement per request, nothing unterminated
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("sqlState", "42601");
            syntax.position().ifPresent(p -> detail.put("position", p));
            return of(StatusCodes.BAD_REQUEST, "invalid_sql", syntax.getMessage(), detail);
        }
        if (e instanceof IllegalArgumentException) {
            return badRequest(e.getMessage());
        }
        if (e instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("42")) {
            // syntax or naming errors in SQL the caller sent (explain): the caller's to fix
            return of(StatusCodes.BAD_REQUEST, "invalid_sql", sql.getMessage(), Map.of("sqlState", sql.getSQLState()));
        }
        return internal(e);
    }
}
