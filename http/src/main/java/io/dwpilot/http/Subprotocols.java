package io.dwpilot.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The subprotocols a WebSocket client offers ({@code Sec-WebSocket-Protocol}). A browser cannot send an Authorization
 * header on a WebSocket, so the dashboard offers {@code dwpilot.v1, dwpilot.bearer.<base64url of its token>}: the
 * first is the protocol the server selects, the second carries the token.
 */
record Subprotocols(List<String> offered) {
    static final String HEADER = "Sec-WebSocket-Protocol";
    /** The live feed's protocol, selected when offered. */
    static final String FEED = "dwpilot.v1";

    static final String BEARER = "dwpilot.bearer.";

    Subprotocols {
        offered = List.copyOf(offered);
    }

    static Subprotocols parse(Optional<String> header) {
        return new Subprotocols(header.stream()
                .flatMap(h -> Arrays.stream(h.split(",")))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList());
    }

    boolean offersFeed() {
        return offered.contains(FEED);
    }

    /** The token of the first bearer subprotocol; empty without one or when it is no base64url. */
    Optional<String> bearerToken() {
        return offered.stream().filter(p -> p.startsWith(BEARER)).findFirst().flatMap(p -> {
            try {
                return Optional.of(new String(
                        Base64.getUrlDecoder().decode(p.substring(BEARER.length())), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
