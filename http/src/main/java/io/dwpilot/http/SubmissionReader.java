package io.dwpilot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QuerySubmission;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * Reads the body of {@code POST /queries/execute|explain} and the simulated-time header into a submission, or says
 * why it cannot (the route logs that too: every request leaves a row). The body is read by hand rather than bound,
 * so that any body at all — not JSON, {@code null}, a number for {@code sql} — gets a 400 that says what is wrong.
 */
final class SubmissionReader {
    /** PostgreSQL's timestamptz holds 4713 BC to 294276 AD. */
    private static final Instant EARLIEST = Instant.parse("-4712-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("+294276-12-31T23:59:59Z");

    /** What was read: a submission, or a refusal with the text and time to log it under. */
    sealed interface Result permits Valid, Refused {}

    record Valid(QuerySubmission submission) implements Result {}

    record Refused(StatusCode status, String code, String message, String text, Optional<Instant> simulatedAt)
            implements Result {}

    private SubmissionReader() {}

    static Result read(String body, Caller caller, Optional<String> simulatedAtHeader) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return malformed("The body is not JSON: " + e.getOriginalMessage(), body, Optional.empty());
        }
        if (json == null || !json.isObject()) {
            return malformed("The body must be a JSON object like {\"sql\": \"SELECT 1\"}", body, Optional.empty());
        }
        JsonNode sql = json.get("sql");
        if (sql == null || !sql.isTextual() || sql.asText().isBlank()) {
            return malformed("sql is required: a non-empty string", body, Optional.empty());
        }
        String text = sql.asText();
        Optional<Instant> simulatedAt;
        try {
            simulatedAt = simulatedAtHeader.map(Instant::parse);
        } catch (DateTimeParseException e) {
            return malformed(
                    QueryRoutes.SIMULATED_AT + " must be an ISO instant, got " + simulatedAtHeader.get(),
                    text,
                    Optional.empty());
        }
        if (simulatedAt.isPresent() && !caller.maySetSimulatedTime()) {
            return new Refused(
                    StatusCodes.FORBIDDEN,
                    "forbidden",
                    QueryRoutes.SIMULATED_AT + " is only for the" + " simulator's token; " + caller.userId() + " is "
                            + caller.role().label(),
                    text,
                    simulatedAt);
        }
        if (simulatedAt.isPresent()
                && (simulatedAt.get().isBefore(EARLIEST) || simulatedAt.get().isAfter(LATEST))) {
            return malformed(
                    QueryRoutes.SIMULATED_AT + " " + simulatedAt.get() + " is outside the range PostgreSQL"
                            + " can store (4713 BC to 294276 AD)",
                    text,
                    simulatedAt);
        }
        if (!absentOrWholeNumber(json, "maxRows", 0) || !absentOrWholeNumber(json, "timeoutMs", 1)) {
            return malformed("maxRows must be a whole number from 0, and timeoutMs one from 1", text, simulatedAt);
        }
        OptionalInt maxRows =
                present(json, "maxRows") ? OptionalInt.of(json.get("maxRows").asInt()) : OptionalInt.empty();
        Optional<Duration> timeout = present(json, "timeoutMs")
                ? Optional.of(Duration.ofMillis(json.get("timeoutMs").asInt()))
                : Optional.empty();
        return new Valid(new QuerySubmission(text, caller, maxRows, timeout, simulatedAt));
    }

    private static boolean present(JsonNode json, String field) {
        return json.hasNonNull(field);
    }

    private static boolean absentOrWholeNumber(JsonNode json, String field, int minimum) {
        JsonNode value = json.get(field);
        return value == null
                || value.isNull()
                || (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= minimum);
    }

    private static Refused malformed(String message, String text, Optional<Instant> simulatedAt) {
        return new Refused(StatusCodes.BAD_REQUEST, "bad_request", message, text, simulatedAt);
    }
}
