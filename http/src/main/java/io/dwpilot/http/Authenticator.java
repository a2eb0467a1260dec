package io.dwpilot.http;

import com.typesafe.config.Config;
import io.dwpilot.agents.gateway.Caller;
import io.dwpilot.agents.gateway.Role;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer tokens with roles from configuration. Without tokens the server only serves the loopback address, where
 * every request acts as the configured anonymous role; bound to any other address it refuses to start without them.
 */
public final class Authenticator {
    private record Token(byte[] secret, Caller caller) {
    }

    private final List<Token> tokens;
    private final Caller anonymous;

    private Authenticator(List<Token> tokens, Caller anonymous) {
        this.tokens = tokens;
        this.anonymous = anonymous;
    }

    /** @throws IllegalArgumentException for a bad token entry, or a non-loopback host without tokens */
    public static Authenticator fromConfig(Config config, String host) {
        Config auth = config.getConfig("dwpilot.http.auth");
        List<Token> tokens = auth.getConfigList("tokens").stream().map(t -> {
            String secret = t.getString("token");
            if (secret.length() < 16) {
                throw new IllegalArgumentException("dwpilot.http.auth.tokens: a token must have at least 16 characters"
                        + " (user " + t.getString("user") + ")");
            }
            return new Token(secret.getBytes(StandardCharsets.UTF_8), new Caller(t.getString("user"), role(t.getString("role"))));
        }).toList();
        if (tokens.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("Listening on " + host + " needs bearer tokens: configure"
                    + " dwpilot.http.auth.tokens, or bind to 127.0.0.1");
        }
        return new Authenticator(tokens, new Caller("local", role(auth.getString("anonymous-role"))));
    }

    public boolean requiresTokens() {
        return !tokens.isEmpty();
    }

    /** The caller for an Authorization header, or empty when a token is required and missing or wrong. */
    public Optional<Caller> authenticate(Optional<String> authorization) {
        if (tokens.isEmpty()) {
            return Optional.of(anonymous);
        }
        return authorization.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip().getBytes(StandardCharsets.UTF_8))
                .flatMap(presented -> tokens.stream()
                        .filter(t -> MessageDigest.isEqual(t.secret(), presented)) // constant time per token
                        .map(Token::caller)
                        .findFirst());
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown role '" + name + "': use analyst or admin", e);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Cannot resolve the listen address " + host, e);
        }
    }
}
