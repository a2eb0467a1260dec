package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import com.zaxxer.hikari.HikariDataSource;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.persistence.access.UserSessions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics} in Prometheus' text format: gateway counters, pool usage, JVM and process figures. On the API's
 * port it needs a bearer token of a role with the workload view; a management listener serves it without one.
 */
public final class MetricsRoutes {
    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(
            PrometheusMeterRegistry registry,
            QueryGateway gateway,
            UserSessions sessions,
            HikariDataSource systemPool) {
        this.registry = registry;
        counter("dwpilot.gateway.executed", gateway, g -> g.stats().executed());
        counter("dwpilot.gateway.failed", gateway, g -> g.stats().failed());
        counter("dwpilot.gateway.rejected", gateway, g -> g.stats().rejected());
        counter("dwpilot.querylog.written", gateway, g -> g.stats().log().written());
        counter("dwpilot.querylog.quarantined", gateway, g -> g.stats().log().quarantined());
        counter("dwpilot.querylog.lost", gateway, g -> g.stats().log().lost());
        counter("dwpilot.plans.captured", gateway, g -> g.stats().plansCaptured());
        counter("dwpilot.plans.dropped", gateway, g -> g.stats().plansDropped());
        Gauge.builder("dwpilot.gateway.running", gateway, g -> g.stats().running())
                .register(registry);
        Gauge.builder("dwpilot.querylog.waiting", gateway, g -> g.stats().log().waiting())
                .register(registry);
        sessions.namedPools().forEach(this::pool);
        pool("system", systemPool);
        FunctionCounter.builder(
                        "dwpilot.sessions.reset", sessions, s -> s.stats().resets())
                .register(registry);
        FunctionCounter.builder(
                        "dwpilot.sessions.evicted", sessions, s -> s.stats().evicted())
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** For anyone: the management listener's, which only the scraper reaches. */
    public Route route() {
        return path("metrics", () -> get(this::scrape));
    }

    /** For a caller with a valid token and the workload view (what operators and admins have): the API port's. */
    public Route route(Authenticator authenticator) {
        return path(
                "metrics",
                () -> get(() -> Authenticated.caller(
                        authenticator, caller -> Authenticated.workloadView(caller, this::scrape))));
    }

    private Route scrape() {
        return complete(
                HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, registry.scrape())));
    }

    private void counter(String name, QueryGateway gateway, ToDoubleFunction<QueryGateway> value) {
        FunctionCounter.builder(name, gateway, value).register(registry);
    }

    private void pool(String name, HikariDataSource pool) {
        Gauge.builder("dwpilot.pool.active", pool, p -> p.getHikariPoolMXBean().getActiveConnections())
                .tag("pool", name)
                .register(registry);
        Gauge.builder("dwpilot.pool.idle", pool, p -> p.getHikariPoolMXBean().getIdleConnections())
                .tag("pool", name)
                .register(registry);
        Gauge.builder("dwpilot.pool.pending", pool, p -> p.getHikariPoolMXBean().getThreadsAwaitingConnection())
                .tag("pool", name)
                .register(registry);
        Gauge.builder("dwpilot.pool.size", pool, p -> p.getMaximumPoolSize())
                .tag("pool", name)
                .register(registry);
    }
}
