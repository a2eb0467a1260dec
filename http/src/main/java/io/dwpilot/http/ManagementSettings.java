package io.dwpilot.http;

import com.typesafe.config.Config;
import java.util.Optional;

/**
 * {@code dwpilot.http.management}: the address of a separate listener for {@code GET /metrics} without a token (a
 * Prometheus scraper's, kept where only it reaches); empty when the host is empty, and /metrics is then served on the
 * API's port to callers with the workload view.
 */
public record ManagementSettings(Optional<Address> address) {
    record Address(String host, int port) {}

    static final HttpServer.Listener LISTENER =
            new HttpServer.Listener("Management (metrics) server", "dwpilot.http.management.port");

    /** @throws IllegalArgumentException for a port out of range */
    public static ManagementSettings fromConfig(Config config) {
        Config management = config.getConfig("dwpilot.http.management");
        String host = management.getString("host").strip();
        int port = management.getInt("port");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("dwpilot.http.management.port must be 0..65535, got " + port);
        }
        return new ManagementSettings(host.isEmpty() ? Optional.empty() : Optional.of(new Address(host, port)));
    }
}
