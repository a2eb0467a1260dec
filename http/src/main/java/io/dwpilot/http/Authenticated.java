package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import io.dwpilot.agents.gateway.Caller;
import io.dwpilot.agents.gateway.Role;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Route;

/** The route directives that turn the Authorization header into a {@link Caller} (or 401) and check its role. */
public final class Authenticated {
    private Authenticated() {
    }

    /**
     * Runs {@code inner} for an admin and answers 403 to anyone else: changes to the warehouse are an admin's. Without
     * tokens every request acts as the configured anonymous role (admin unless configured otherwise).
     */
    public static Route admin(Caller caller, Supplier<Route> inner) {
        return caller.role() == Role.ADMIN ? inner.get() : complete(ApiErrors.of(StatusCodes.FORBIDDEN, "forbidden",
                "Only an admin may do this; " + caller.userId() + " is " + caller.role().label(), null));
    }

    public static Route caller(Authenticator authenticator, Function<Caller, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> authenticator.authenticate(header)
                .map(inner)
                .orElseGet(Authenticated::unauthorized));
    }

    /**
     * As {@link #caller}, but a request without an Authorization header may carry its token in a bearer subprotocol
     * (a browser's WebSocket cannot set headers); {@code inner} gets the offered subprotocols to select from.
     */
    static Route webSocketCaller(Authenticator authenticator, Function<Subprotocols, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> optionalHeaderValueByName(Subprotocols.HEADER,
                offered -> {
                    Subprotocols protocols = Subprotocols.parse(offered);
                    Optional<String> authorization = header.isPresent() ? header
                            : protocols.bearerToken().map(token -> "Bearer " + token);
                    return authenticator.authenticate(authorization)
                            .map(caller -> inner.apply(protocols))
                            .orElseGet(Authenticated::unauthorized);
                }));
    }

    private static Route unauthorized() {
        return complete(ApiErrors.of(StatusCodes.UNAUTHORIZED, "unauthorized", "A valid bearer token is required", null)
                .addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "dwpilot"))));
    }
}
