package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefixTest;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.Config;
import io.dwpilot.agents.gateway.GatewaySettings;
import io.dwpilot.agents.gateway.QueryGateway;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.Migrations;
import io.dwpilot.persistence.metrics.SystemMetricsRepository;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.observations.ForecastRepository;
import io.dwpilot.persistence.query.PlanStore;
import io.dwpilot.persistence.query.QueryLogRepository;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.server.Route;

/** The front door assembled: gateway, API routes, metrics and OpenAPI document, bound to its address. */
public final class FrontDoor implements AutoCloseable {
    private static final Pattern OBSERVATIONS = Pattern.compile("metrics|anomalies|forecasts");

    private final QueryGateway gateway;
    private final HttpServer server;
    private final boolean requiresTokens;

    private FrontDoor(QueryGateway gateway, HttpServer server, boolean requiresTokens) {
        this.gateway = gateway;
        this.server = server;
        this.requiresTokens = requiresTokens;
    }

    /**
     * Checks the security settings first (no tokens off loopback fails here), then binds.
     *
     * @throws IllegalArgumentException for bad security settings
     * @throws ServerBindException when the address is taken
     */
    public static FrontDoor start(Config config, Database database, ActorSystem<?> system, String host, int port,
                                  Readiness readiness) {
        Authenticator authenticator = Authenticator.fromConfig(config, host);
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("dwpilot.blocking-dispatcher"));
        QueryGateway gateway = new QueryGateway(GatewaySettings.fromConfig(config), database.queryPool(),
                database.systemPool(), system.dispatchers().lookup(DispatcherSelector.fromConfig("dwpilot.query-dispatcher")),
                Clock.systemUTC());
        try {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            List<Route> routes = List.of(
                    new HealthRoutes(database, new Migrations(database.systemPool()), readiness, blocking).route(),
                    new QueryRoutes(gateway, new QueryLogRepository(database.systemPool()),
                            new PlanStore(database.queryPool()), authenticator, blocking, metrics).route(),
                    new MetricsRoutes(metrics, gateway, database.queryPool(), database.systemPool()).route(),
                    // authenticate only requests for these resources, so that other paths still answer 404 or public
                    pathPrefixTest(segment("api").slash("v1").slash(segment(OBSERVATIONS)), resource ->
                            Authenticated.caller(authenticator, caller -> concat(
                            new SystemMetricsRoutes(new SystemMetricsRepository(database.systemPool()), blocking).route(),
                            new ObservationRoutes(new AnomalyRepository(database.systemPool()),
                                    new ForecastRepository(database.systemPool()), blocking).route(caller)))),
                    path(segment("api").slash("v1").slash("openapi.json"),
                            () -> get(() -> getFromResource("openapi.json", ContentTypes.APPLICATION_JSON))));
            return new FrontDoor(gateway, HttpServer.start(system, host, port, routes), authenticator.requiresTokens());
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    public QueryGateway gateway() {
        return gateway;
    }

    /** Whether API calls need a bearer token. */
    public boolean requiresTokens() {
        return requiresTokens;
    }

    public int port() {
        return server.port();
    }

    /** Unbinds, then writes the queued query logs. */
    @Override
    public void close() {
        server.close();
        gateway.close();
    }
}
