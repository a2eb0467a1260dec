package io.dwpilot.http;

import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QuerySubmission;
import java.nio.charset.StandardCharsets;
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
 * so that any body at all — not JSON, {@code null}, a number for {@code sql}, a NUL in it, a fraction for
 * {@code maxRows} — gets a 400 that names what is wrong.
 */
final class SubmissionReader {
    private static final String EXAMPLE = "{\"sql\": \"SELECT 1\"}";

    /** What was read: a submission, or a refusal with the text and time to log it under. */
    sealed interface Result permits Valid, Refused {}

    record Valid(QuerySubmission submission) implements Result {}

    record Refused(StatusCode status, String code, String message, String text, Optional<Instant> simulatedAt)
            implements Result {}

    private SubmissionReader() {}

    static Result read(byte[] body, Caller caller, Optional<String> simulatedAtHeader) {
        JsonBody json;
        try {
            json = JsonBody.read(body, EXAMPLE);
        } catch (IllegalArgumentException e) {
            return malformed(e.getMessage(), new String(body, StandardCharsets.UTF_8), Optional.empty());
        }
        String text;
        try {
            // a NUL is refused here: PostgreSQL's protocol would end the statement's text at it
            text = json.requiredText("sql", Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            // logged as sent (the log makes a NUL storable and notes it)
            return malformed(
                    e.getMessage(),
                    json.asSent("sql").orElseGet(() -> new String(body, StandardCharsets.UTF_8)),
                    Optional.empty());
        }
        Optional<Instant> simulatedAt;
        try {
            simulatedAt = simulatedAtHeader.map(Instant::parse);
        } catch (DateTimeParseException e) {
            return malformed(
                    QueryRoutes.SIMULATED_AT + " must be an ISO instant, got " + Quoted.prefix(simulatedAtHeader.get()),
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
        OptionalInt maxRows;
        Optional<Duration> timeout;
        try {
            simulatedAt.ifPresent(at -> PostgresRange.storable(QueryRoutes.SIMULATED_AT, at));
            maxRows = json.integer("maxRows", 0, Integer.MAX_VALUE);
            OptionalInt timeoutMs = json.integer("timeoutMs", 1, Integer.MAX_VALUE);
            timeout = timeoutMs.isPresent() ? Optional.of(Duration.ofMillis(timeoutMs.getAsInt())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            // logged with the time as sent: the log writer clamps what PostgreSQL cannot store and notes it
            return malformed(e.getMessage(), text, simulatedAt);
        }
        return new Valid(new QuerySubmission(text, caller, maxRows, timeout, simulatedAt));
    }

    private static Refused malformed(String message, String text, Optional<Instant> simulatedAt) {
        return new Refused(StatusCodes.BAD_REQUEST, "bad_request", message, text, simulatedAt);
    }
}
