package io.dwpilot.gateway;

import com.zaxxer.hikari.HikariDataSource;
import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.CostEstimator;
import io.dwpilot.gateway.serving.ModelAlerts;
import io.dwpilot.gateway.serving.PredictionRange;
import io.dwpilot.gateway.serving.WarehouseVolumes;
import io.dwpilot.persistence.access.UserSessions;
import io.dwpilot.persistence.catalog.RelationVolumes;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.query.PlanStore;
import io.dwpilot.persistence.query.QueryExecutor;
import io.dwpilot.persistence.query.QueryIds;
import io.dwpilot.persistence.query.QueryLogWriter;
import io.dwpilot.persistence.query.QueryRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Builds a {@link QueryGateway} with its collaborators over the database's pools: the one place that wires them. */
public final class GatewayAssembly {
    /** Query ids taken from the sequence ahead, so that the log has ids to hand out while the database is away. */
    private static final int IDS_AHEAD = 500;
    /** Fingerprints whose cost estimate is kept (the least recently used beyond this are forgotten). */
    private static final int COST_ESTIMATES = 10_000;
    /** Table sizes for the cost features move slowly: read them from the catalog this often. */
    private static final Duration VOLUME_REFRESH = Duration.ofMinutes(1);

    private GatewayAssembly() {}

    /** A gateway that learns: features built and logged, the active cost model consulted. */
    public static QueryGateway create(
            GatewaySettings settings,
            UserSessions sessions,
            HikariDataSource systemPool,
            Executor blocking,
            Clock clock) {
        return create(settings, sessions, systemPool, blocking, clock, true);
    }

    /**
     * With {@code learning} off, no features are built, logged or fed to a model: statements go to lanes by their
     * fingerprint's observed cost alone (what a benchmark compares against).
     */
    public static QueryGateway create(
            GatewaySettings settings,
            UserSessions sessions,
            HikariDataSource systemPool,
            Executor blocking,
            Clock clock,
            boolean learning) {
        QueryExecutor executor = new QueryExecutor(sessions);
        ActiveModels models = new ActiveModels(
                        new ModelRegistry(systemPool), new ModelAlerts(new AnomalyRepository(systemPool), clock))
                .loadAll();
        Optional<WarehouseVolumes> volumes = learning
                ? Optional.of(WarehouseVolumes.start(new RelationVolumes(systemPool), VOLUME_REFRESH))
                : Optional.empty();
        Optional<CostEstimator> costs =
                volumes.map(v -> new CostEstimator(models, v, PredictionRange.upTo(settings.maxTimeout())));
        PlanSampler plans = new PlanSampler(
                (sql, role) -> executor.explain(new QueryRequest(sql, role, sessions.statementTimeout(), 1)),
                new PlanStore(systemPool),
                settings.planRefreshInterval(),
                clock,
                (fingerprint, plan) -> costs.ifPresent(c -> c.planCaptured(fingerprint, plan)));
        QueryGateway.Collaborators collaborators = new QueryGateway.Collaborators(
                new StatementAnalyzer(),
                executor,
                new QueryIds(systemPool, IDS_AHEAD),
                new QueryLogWriter(
                        systemPool, settings.logQueueCapacity(), settings.logBatchSize(), settings.logFlushInterval()),
                plans,
                new Admission(settings),
                new CostClassifier(settings.heavyThreshold(), COST_ESTIMATES),
                models,
                volumes,
                costs);
        return new QueryGateway(settings, sessions, collaborators, blocking, clock);
    }
}
