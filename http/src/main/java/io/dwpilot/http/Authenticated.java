package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import io.dwpilot.agents.gateway.Caller;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Route;

/** The route directive that turns the Authorization header into a {@link Caller}, or answers 401. */
public final class Authenticated {
    private Authenticated() {
    }

    public static Route caller(Authenticator authenticator, Function<Caller, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> authenticator.authenticate(header)
                .map(inner)
                .orElseGet(() -> complete(ApiErrors.of(StatusCodes.UNAUTHORIZED, "unauthorized",
                        "A valid bearer token is required", null)
                        .addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "dwpilot"))))));
    }
}
