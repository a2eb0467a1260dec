package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import io.dwpilot.gateway.Caller;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The route directives that turn the Authorization header into a {@link Caller} (or 401) and check what it may do
 * (or 403).
 */
public final class Authenticated {
    private Authenticated() {}

    /**
     * Runs {@code inner} for an admin and answers 403 to anyone else: changes to the warehouse are an admin's. Without
     * tokens every request acts as the configured anonymous role (admin unless configured otherwise).
     */
    public static Route admin(Caller caller, Supplier<Route> inner) {
        return caller.isAdmin()
                ? inner.get()
                : forbidden("Only an admin may do this; " + caller.userId() + " is "
                        + caller.role().label());
    }

    /** Runs {@code inner} for a caller with the workload view (every user's statements) and answers 403 to others. */
    public static Route workloadView(Caller caller, Supplier<Route> inner) {
        return caller.mayViewWorkload()
                ? inner.get()
                : forbidden("This needs the workload view (every user's"
                        + " statements; dwpilot.http.auth.workload-view), which " + caller.userId() + " ("
                        + caller.role().label() + ") does not have");
    }

    public static Route caller(Authenticator authenticator, Function<Caller, Route> inner) {
        return optionalHeaderValueByName(
                "Authorization",
                header -> authenticator.authenticate(header).map(inner).orElseGet(Authenticated::unauthorized));
    }

    /**
     * As {@link #caller}, but a request without an Authorization header may carry its token in a bearer subprotocol
     * (a browser's WebSocket cannot set headers); {@code inner} gets the offered subprotocols to select from.
     */
    static Route webSocketCaller(Authenticator authenticator, BiFunction<Caller, Subprotocols, Route> inner) {
        return optionalHeaderValueByName(
                "Authorization",
                header -> optionalHeaderValueByName(Subprotocols.HEADER, offered -> {
                    Subprotocols protocols = Subprotocols.parse(offered);
                    Optional<String> authorization = header.isPresent()
                            ? header
                            : protocols.bearerToken().map(token -> "Bearer " + token);
                    return authenticator
                            .authenticate(authorization)
                            .map(caller -> inner.apply(caller, protocols))
                            .orElseGet(Authenticated::unauthorized);
                }));
    }

    private static Route forbidden(String message) {
        return complete(ApiErrors.of(StatusCodes.FORBIDDEN, "forbidden", message, null));
    }

    static final String UNAUTHORIZED = "A valid bearer token is required";

    static Route unauthorized() {
        return complete(ApiErrors.of(StatusCodes.UNAUTHORIZED, "unauthorized", UNAUTHORIZED, null)
                .addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "dwpilot"))));
    }
}
