package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import com.zaxxer.hikari.HikariDataSource;
import io.dwpilot.agents.gateway.QueryGateway;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics} in Prometheus' text format: gateway counters, pool usage, JVM and process figures. */
public final class MetricsRoutes {
    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry, QueryGateway gateway, HikariDataSource queryPool,
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
        Gauge.builder("dwpilot.gateway.running", gateway, g -> g.stats().running()).register(registry);
        Gauge.builder("dwpilot.querylog.waiting", gateway, g -> g.stats().log().waiting()).register(registry);
        pool("query", queryPool);
        pool("system", systemPool);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public Route route() {
        return path("metrics", () -> get(() -> complete(
                org.apache.pekko.http.javadsl.model.HttpResponse.create().withEntity(
                        HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, registry.scrape())))));
    }

    private void counter(String name, QueryGateway gateway, ToDoubleFunction<QueryGateway> value) {
        FunctionCounter.builder(name, gateway, value).register(registry);
    }

    private void pool(String name, HikariDataSource pool) {
        Gauge.builder("dwpilot.pool.active", pool, p -> p.getHikariPoolMXBean().getActiveConnections())
                .tag("pool", name).register(registry);
        Gauge.builder("dwpilot.pool.idle", pool, p -> p.getHikariPoolMXBean().getIdleConnections())
                .tag("pool", name).register(registry);
        Gauge.builder("dwpilot.pool.pending", pool, p -> p.getHikariPoolMXBean().getThreadsAwaitingConnection())
                .tag("pool", name).register(registry);
        Gauge.builder("dwpilot.pool.size", pool, p -> p.getMaximumPoolSize()).tag("pool", name).register(registry);
    }
}
