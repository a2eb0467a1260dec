package io.dwpilot.gateway;

import java.time.Instant;
import java.util.Optional;

/**
 * A request the front door refused before the gateway could read it (a body that is not a request, a missing or
 * wrong token, a header the caller may not send): it is logged all the same, so that every request has its row.
 *
 * @param text     the statement when one could be read, else the request's body as it came
 * @param userId   the caller, or {@code unauthenticated}
 * @param userRole the caller's role, or {@code none}
 * @param code     why, as the API's error code (bad_request, unauthorized, forbidden)
 */
public record RefusedRequest(
        String text, String userId, String userRole, String code, String message, Optional<Instant> simulatedAt) {
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String NO_ROLE = "none";
}
