package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefixTest;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.Config;
import io.dwpilot.agents.feed.LiveFeed;
import io.dwpilot.agents.indexer.IndexRecommendation;
import io.dwpilot.agents.indexer.IndexerControls;
import io.dwpilot.agents.runtime.AgentDirectory;
import io.dwpilot.agents.trainer.TrainerControls;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.GatewayAssembly;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.etl.EtlRuns;
import io.dwpilot.persistence.indexing.OptimizationRepository;
import io.dwpilot.persistence.metrics.DatabaseStatistics;
import io.dwpilot.persistence.metrics.HealthSignals;
import io.dwpilot.persistence.metrics.SystemMetricsRepository;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.persistence.observations.ForecastRepository;
import io.dwpilot.persistence.query.ExecutionHistogram;
import io.dwpilot.persistence.query.ExecutionSeries;
import io.dwpilot.persistence.query.QueryLogRepository;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The front door assembled: gateway, API routes, metrics and OpenAPI document, bound to its address; and, when
 * configured, the management listener that serves the metrics alone.
 */
public final class FrontDoor implements AutoCloseable {
    private static final Pattern AUTHENTICATED =
            Pattern.compile("session|dashboard|metrics|alerts|anomalies|forecasts|agents|optimization|ml");
    /** The classpath directory the web module's jar puts the dashboard in. */
    private static final String DASHBOARD = "dashboard";

    /**
     * What the running agents give the API: their statuses, the indexer's and the trainer's controls and the live
     * feed.
     */
    public record Agents(AgentDirectory directory, IndexerControls indexer, TrainerControls trainer, LiveFeed feed) {
        public Agents {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(indexer, "indexer");
            Objects.requireNonNull(trainer, "trainer");
            Objects.requireNonNull(feed, "feed");
        }
    }

    private final QueryGateway gateway;
    private final HttpServer server;
    private final Optional<HttpServer> management;
    private final boolean requiresTokens;
    private final Executor blocking;

    private FrontDoor(
            QueryGateway gateway,
            HttpServer server,
            Optional<HttpServer> management,
            boolean requiresTokens,
            Executor blocking) {
        this.gateway = gateway;
        this.server = server;
        this.management = management;
        this.requiresTokens = requiresTokens;
        this.blocking = blocking;
    }

    /**
     * Checks the security settings first (no tokens off loopback fails here), then binds.
     *
     * @throws IllegalArgumentException for bad security settings
     * @throws ServerBindException when the address (or the management address) is taken
     */
    public static FrontDoor start(
            Config config, Database database, ActorSystem<?> system, String host, int port, Readiness readiness) {
        return start(config, database, system, host, port, readiness, Optional.empty());
    }

    /**
     * The same, with the agents' routes ({@code /api/v1/agents}, {@code /api/v1/agents/decisions},
     * {@code /api/v1/optimization/...} and the WebSocket {@code /api/v1/stream}) when {@code agents} is given.
     */
    public static FrontDoor start(
            Config config,
            Database database,
            ActorSystem<?> system,
            String host,
            int port,
            Readiness readiness,
            Optional<Agents> agents) {
        QueryGateway gateway = gateway(config, database, system);
        try {
            return start(config, database, system, gateway, host, port, readiness, agents);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /**
     * The gateway a front door serves, reading statements on the system's query dispatcher; built first when the agents
     * watch it.
     */
    public static QueryGateway gateway(Config config, Database database, ActorSystem<?> system) {
        return GatewayAssembly.create(
                GatewaySettings.fromConfig(config),
                database.sessions(),
                database.systemPool(),
                system.dispatchers().lookup(DispatcherSelector.fromConfig("dwpilot.query-dispatcher")),
                Clock.systemUTC(),
                config.getBoolean("dwpilot.gateway.learning"));
    }

    /**
     * The same around a given gateway, which the front door closes with itself once it has started (on failure the
     * caller still owns it).
     */
    public static FrontDoor start(
            Config config,
            Database database,
            ActorSystem<?> system,
            QueryGateway gateway,
            String host,
            int port,
            Readiness readiness,
            Optional<Agents> agents) {
        Authenticator authenticator = Authenticator.fromConfig(config, host);
        ManagementSettings managementSettings = ManagementSettings.fromConfig(config);
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("dwpilot.blocking-dispatcher"));
        Clock clock = Clock.systemUTC();
        Optional<HttpServer> management = Optional.empty();
        try {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DataSource pool = database.systemPool();
            AnomalyRepository anomalies = new AnomalyRepository(pool);
            DashboardSettings dashboard = DashboardSettings.fromConfig(config);
            HealthScores health = new HealthScores(new HealthSignals(pool), dashboard);
            SessionRoutes session = new SessionRoutes(authenticator.requiresTokens(), dashboard);
            SystemMetricsRoutes systemMetrics = new SystemMetricsRoutes(
                    new SystemMetricsRepository(pool),
                    new DatabaseStatistics(database, IndexRecommendation.NAME_PREFIX),
                    blocking);
            HealthScoreRoutes healthScores = new HealthScoreRoutes(
                    health, new AlertList(health, anomalies, new EtlRuns(pool), dashboard), clock, blocking);
            OverviewRoutes overview = new OverviewRoutes(pool, gateway.models(), health, dashboard, clock, blocking);
            ForecastRepository forecasts = new ForecastRepository(pool);
            ObservationRoutes observations = new ObservationRoutes(
                    anomalies,
                    forecasts,
                    new ForecastTrack(forecasts, new ArrivalHistory(pool), new TrainingData(pool), clock),
                    blocking);
            MlRoutes ml = new MlRoutes(pool, gateway, agents.map(Agents::trainer), clock, blocking);
            Function<Caller, Route> agentRoutes = agentRoutes(agents, pool, new AgentSettings(config), blocking);
            QueryCharts charts =
                    new QueryCharts(new ExecutionSeries(pool), new ExecutionHistogram(pool), dashboard, clock);
            MetricsRoutes metricsRoutes =
                    new MetricsRoutes(metrics, gateway, database.sessions(), database.systemPool());
            // with a management address the metrics are served there, without a token, and not on the API's port
            management = managementSettings
                    .address()
                    .map(a -> HttpServer.start(
                            system, ManagementSettings.LISTENER, a.host(), a.port(), List.of(metricsRoutes.route())));
            List<Route> routes = List.of(
                    new HealthRoutes(
                                    database,
                                    readiness,
                                    authenticator,
                                    system.dispatchers()
                                            .lookup(DispatcherSelector.fromConfig("dwpilot.health-dispatcher")))
                            .route(),
                    new QueryRoutes(gateway, new QueryLogRepository(pool), charts, authenticator, blocking, metrics)
                            .route(),
                    management.isPresent() ? reject() : metricsRoutes.route(authenticator),
                    // authenticate only requests for these resources, so that other paths still answer 404 or public
                    pathPrefixTest(
                            segment("api").slash("v1").slash(segment(AUTHENTICATED)),
                            resource -> Authenticated.caller(
                                    authenticator,
                                    caller -> concat(
                                            session.route(caller),
                                            systemMetrics.route(),
                                            healthScores.route(),
                                            overview.route(),
                                            observations.route(caller),
                                            ml.route(caller),
                                            agentRoutes.apply(caller)))),
                    streamRoute(agents, authenticator),
                    path(
                            segment("api").slash("v1").slash("openapi.json"),
                            () -> get(() -> getFromResource("openapi.json", ContentTypes.APPLICATION_JSON))),
                    // last: it answers any other page path with the dashboard's index.html
                    new DashboardRoutes(DASHBOARD).route());
            return new FrontDoor(
                    gateway,
                    HttpServer.start(system, host, port, routes),
                    management,
                    authenticator.requiresTokens(),
                    blocking);
        } catch (RuntimeException e) {
            management.ifPresent(HttpServer::close);
            throw e;
        }
    }

    /** The agents' routes for a caller; none without agents. */
    private static Function<Caller, Route> agentRoutes(
            Optional<Agents> agents, DataSource pool, AgentSettings settings, Executor blocking) {
        return agents.<Function<Caller, Route>>map(a -> {
                    AgentRoutes statuses = new AgentRoutes(a.directory(), new DecisionRepository(pool), blocking);
                    OptimizationRoutes optimization =
                            new OptimizationRoutes(a.indexer(), new OptimizationRepository(pool), settings, blocking);
                    return caller -> concat(statuses.route(), optimization.route(caller));
                })
                .orElse(caller -> reject());
    }

    /** The live feed authenticates on its own: a browser's WebSocket sends its token as a subprotocol. */
    private static Route streamRoute(Optional<Agents> agents, Authenticator authenticator) {
        return agents.map(a -> pathPrefixTest(
                        segment("api").slash("v1").slash("stream"),
                        () -> Authenticated.webSocketCaller(authenticator, new StreamRoutes(a.feed())::route)))
                .orElseGet(Directives::reject);
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

    /** The management listener's port, when one is configured. */
    public OptionalInt managementPort() {
        return management.map(m -> OptionalInt.of(m.port())).orElse(OptionalInt.empty());
    }

    /**
     * Makes the front door's stop part of coordinated shutdown: both listeners unbind, the requests in flight finish,
     * then the queued query logs are written (before the database closes).
     */
    public void stopOnShutdown(CoordinatedShutdown shutdown) {
        shutdown.addTask(
                CoordinatedShutdown.PhaseServiceUnbind(), "http-unbind", () -> bothListeners(HttpServer::unbind));
        shutdown.addTask(
                CoordinatedShutdown.PhaseServiceRequestsDone(),
                "http-requests-done",
                () -> bothListeners(HttpServer::terminate));
        shutdown.addTask(
                CoordinatedShutdown.PhaseServiceStop(),
                "query-log-flush",
                () -> CompletableFuture.supplyAsync(
                        () -> {
                            gateway.close();
                            return Done.getInstance();
                        },
                        blocking));
    }

    private CompletionStage<Done> bothListeners(Function<HttpServer, CompletionStage<Done>> step) {
        CompletableFuture<Done> api = step.apply(server).toCompletableFuture();
        return management
                .map(m -> api.thenCombine(step.apply(m), (a, b) -> Done.getInstance()))
                .orElse(api);
    }

    /** Unbinds (both listeners), then writes the queued query logs. */
    @Override
    public void close() {
        server.close();
        management.ifPresent(HttpServer::close);
        gateway.close();
    }
}
