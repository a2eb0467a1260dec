package io.dwpilot.http;

import com.typesafe.config.Config;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.Role;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bearer tokens with roles from configuration, and which roles view the whole workload. Without tokens the server only
 * serves the loopback address, where every request acts as the configured anonymous role and may stamp statements with
 * the simulated time ({@code dwpilot up} drives itself with its own simulator); bound to any other address it refuses
 * to start without tokens.
 */
public final class Authenticator {
    private record Token(byte[] secret, Caller caller) {}

    private final List<Token> tokens;
    private final Caller anonymous;

    private Authenticator(List<Token> tokens, Caller anonymous) {
        this.tokens = tokens;
        this.anonymous = anonymous;
    }

    /** @throws IllegalArgumentException for a bad token entry, or a non-loopback host without tokens */
    public static Authenticator fromConfig(Config config, String host) {
        Config auth = config.getConfig("dwpilot.http.auth");
        Set<Role> workloadView = auth.getStringList("workload-view").stream()
                .map(name -> role("dwpilot.http.auth.workload-view", name))
                .collect(Collectors.toUnmodifiableSet());
        List<Token> tokens = auth.getConfigList("tokens").stream()
                .map(t -> {
                    String secret = t.getString("token");
                    if (secret.length() < 16) {
                        throw new IllegalArgumentException(
                                "dwpilot.http.auth.tokens: a token must have at least 16 characters" + " (user "
                                        + t.getString("user") + ")");
                    }
                    Role role =
                            role("dwpilot.http.auth.tokens (user " + t.getString("user") + ")", t.getString("role"));
                    return new Token(
                            secret.getBytes(StandardCharsets.UTF_8),
                            new Caller(t.getString("user"), role, workloadView.contains(role), role == Role.SIMULATOR));
                })
                .toList();
        if (tokens.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("Listening on " + host + " needs bearer tokens: configure"
                    + " dwpilot.http.auth.tokens, or bind to 127.0.0.1");
        }
        Role anonymous = role("dwpilot.http.auth.anonymous-role", auth.getString("anonymous-role"));
        return new Authenticator(tokens, new Caller("local", anonymous, workloadView.contains(anonymous), true));
    }

    public boolean requiresTokens() {
        return !tokens.isEmpty();
    }

    /** The caller for an Authorization header, or empty when a token is required and missing or wrong. */
    public Optional<Caller> authenticate(Optional<String> authorization) {
        if (tokens.isEmpty()) {
            return Optional.of(anonymous);
        }
        return authorization
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip().getBytes(StandardCharsets.UTF_8))
                .flatMap(presented -> tokens.stream()
                        .filter(t -> MessageDigest.isEqual(t.secret(), presented)) // constant time per token
                        .map(Token::caller)
                        .findFirst());
    }

    private static Role role(String setting, String name) {
        try {
            return Role.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
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
