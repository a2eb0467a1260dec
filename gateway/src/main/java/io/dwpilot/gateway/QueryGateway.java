package io.dwpilot.gateway;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.CostEstimator;
import io.dwpilot.gateway.serving.WarehouseVolumes;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.sql.SqlSyntaxException;
import io.dwpilot.persistence.access.UserSessions;
import io.dwpilot.persistence.query.ExecutionStatus;
import io.dwpilot.persistence.query.FeatureRow;
import io.dwpilot.persistence.query.QueryExecutor;
import io.dwpilot.persistence.query.QueryFailure;
import io.dwpilot.persistence.query.QueryIds;
import io.dwpilot.persistence.query.QueryLogEntry;
import io.dwpilot.persistence.query.QueryLogWriter;
import io.dwpilot.persistence.query.QueryRequest;
import io.dwpilot.persistence.query.QueryResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door's pipeline for one statement: analyze → check the role → choose a lane → admit → execute → log →
 * publish → sample the plan; with learning on, the cost estimate (features and the active cost model's prediction)
 * comes before the lane is chosen and is logged with the execution. Every outcome, including refusals, is logged
 * and published. Blocking work runs on the given executor. The lanes' limits, the query pool's size and heavy
 * statements' work_mem are the {@link GatewayControls} the resource governor turns at run time.
 *
 * <p>Statements the parser cannot read still go to PostgreSQL, which is the judge of valid SQL (its error, with the
 * position, goes back to the caller); they get a coarser text fingerprint, and an analyst runs them in a read-only
 * transaction like everything else.
 */
public final class QueryGateway implements GatewayControls, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryGateway.class);

    /** Counters since start, for metrics; {@code running} counts both lanes. */
    public record Stats(
            long executed,
            long failed,
            long rejected,
            int running,
            QueryLogWriter.Stats log,
            long plansCaptured,
            long plansDropped,
            LaneStats interactive,
            LaneStats heavy) {}

    /** One lane now: statements running and waiting, its limit, and the statements it turned away since start. */
    public record LaneStats(String lane, int running, int waiting, int limit, long rejected) {}

    /**
     * What the gateway works with, built by {@link GatewayAssembly} (or a test); the gateway closes the plan sampler,
     * the volumes and the log writer when it closes. {@code volumes} and {@code costs} are empty when it does not
     * learn.
     */
    record Collaborators(
            StatementAnalyzer analyzer,
            QueryExecutor executor,
            QueryIds ids,
            QueryLogWriter logWriter,
            PlanSampler plans,
            Admission admission,
            CostClassifier classifier,
            ActiveModels models,
            Optional<WarehouseVolumes> volumes,
            Optional<CostEstimator> costs) {}

    /** The error code of a text the lexer refused, as PostgreSQL's for a syntax error. */
    private static final String SYNTAX_ERROR = "42601";

    private final GatewaySettings settings;
    private final StatementAnalyzer analyzer;
    private final QueryExecutor executor;
    private final QueryIds ids;
    private final QueryLogWriter logWriter;
    private final PlanSampler plans;
    private final Admission admission;
    private final CostClassifier classifier;
    private final ActiveModels models;
    private final Optional<WarehouseVolumes> volumes;
    private final Optional<CostEstimator> costs;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final UserSessions sessions;
    private volatile int heavyWorkMemMb;
    private final Executor intake;
    /** One thread per admitted statement: admission bounds them, so nothing queues here. */
    private final ExecutorService statements = Executors.newCachedThreadPool(new StatementThreads());

    private final Clock clock;
    private final List<QueryListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    QueryGateway(
            GatewaySettings settings,
            UserSessions sessions,
            Collaborators collaborators,
            Executor intake,
            Clock clock) {
        this.settings = settings;
        this.analyzer = collaborators.analyzer();
        this.executor = collaborators.executor();
        this.ids = collaborators.ids();
        this.logWriter = collaborators.logWriter();
        this.models = collaborators.models();
        this.volumes = collaborators.volumes();
        this.costs = collaborators.costs();
        this.plans = collaborators.plans();
        this.admission = collaborators.admission();
        this.classifier = collaborators.classifier();
        this.sessions = sessions;
        this.heavyWorkMemMb = settings.heavy().workMemMb();
        this.intake = intake;
        this.clock = clock;
    }

    /** The learned models the gateway and the agents serve with. */
    public ActiveModels models() {
        return models;
    }

    /**
     * The cost estimate the gateway would make for {@code sql} now, without running it.
     *
     * @throws SqlSyntaxException when the text is not one statement, or something in it is unterminated
     */
    public CostPrediction predict(String sql) {
        AnalyzedStatement analyzed = analyzer.analyze(sql);
        String fingerprint = analyzed.fingerprint().hash();
        Optional<CostEstimator.Estimate> estimate =
                costs.map(c -> c.estimate(sql, analyzed.analysis(), fingerprint, inFlight.get(), clock.instant()));
        Optional<Double> predictedMs = estimate.flatMap(CostEstimator.Estimate::predictedMs);
        return new CostPrediction(
                fingerprint,
                analyzed.kindLabel(),
                predictedMs,
                estimate.flatMap(CostEstimator.Estimate::model),
                classifier.estimateMs(fingerprint),
                classifier.laneFor(fingerprint, predictedMs),
                estimate.map(e -> e.features().asMap()).orElse(Map.of()));
    }

    /** How long a front door keeps the request open at least: see {@link GatewaySettings#deadlineFor}. */
    public Duration deadlineFor(QuerySubmission submission) {
        return settings.deadlineFor(submission);
    }

    public void subscribe(QueryListener listener) {
        listeners.add(listener);
    }

    /**
     * Runs one statement: read, checked and estimated on the intake executor, then admitted to its lane (or refused
     * within the lane's wait) before a thread of its own runs it, so that a flood waits in the bounded lane queues
     * rather than in front of a thread pool.
     */
    public CompletionStage<QueryOutcome> execute(QuerySubmission submission) {
        long received = System.nanoTime();
        inFlight.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> prepare(submission, received), intake)
                .thenCompose(prepared -> admit(prepared, true).thenApplyAsync(slot -> run(prepared, slot), statements))
                .whenComplete((outcome, failure) -> inFlight.decrementAndGet());
    }

    /**
     * PostgreSQL's plan of a statement, never run: the same role check, admission, role's session, timeout and
     * logging as an execution (logged with status {@link ExecutionStatus#EXPLAINED}, so that workload statistics
     * leave it out), planned in a read-only transaction that is rolled back. Agents do not hear of it.
     */
    public CompletionStage<ExplainOutcome> explain(QuerySubmission submission) {
        long received = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> prepareExplain(submission, received), intake)
                .thenCompose(
                        prepared -> admit(prepared, false).thenApplyAsync(slot -> plan(prepared, slot), statements));
    }

    /** Logs a request refused before it reached the gateway: see {@link RefusedRequest}. */
    public void logRefused(RefusedRequest request) {
        logWriter.offer(QueryLogEntry.builder()
                .queryId(ids.tryNext())
                .queryText(request.text())
                .userId(request.userId())
                .userRole(request.userRole())
                .status(ExecutionStatus.REJECTED)
                .errorCode(Optional.of(request.code()))
                .errorMessage(Optional.of(request.message()))
                .executedAt(clock.instant())
                .simulatedAt(request.simulatedAt())
                .build());
        rejected.incrementAndGet();
    }

    public Stats stats() {
        LaneStats interactive = admission.stats(Lane.INTERACTIVE);
        LaneStats heavy = admission.stats(Lane.HEAVY);
        return new Stats(
                executed.get(),
                failed.get(),
                rejected.get(),
                interactive.running() + heavy.running(),
                logWriter.stats(),
                plans.captured(),
                plans.dropped(),
                interactive,
                heavy);
    }

    @Override
    public synchronized Limits current() {
        return new Limits(
                admission.limit(Lane.INTERACTIVE),
                admission.limit(Lane.HEAVY),
                sessions.maximumPoolSize(),
                heavyWorkMemMb);
    }

    @Override
    public LimitBounds bounds() {
        return settings.bounds();
    }

    /** Grows the pool before the lanes and shrinks it after them, so a slot never waits on a missing connection. */
    @Override
    public synchronized void apply(Limits limits) {
        settings.bounds().violation(limits).ifPresent(why -> {
            throw new IllegalArgumentException("cannot apply " + limits + ": " + why);
        });
        Limits before = current();
        if (limits.poolSize() > before.poolSize()) {
            sessions.resize(limits.poolSize());
        }
        admission.resize(Lane.INTERACTIVE, limits.interactive());
        admission.resize(Lane.HEAVY, limits.heavy());
        if (limits.poolSize() < before.poolSize()) {
            sessions.resize(limits.poolSize());
        }
        heavyWorkMemMb = limits.heavyWorkMemMb();
        log.info("Gateway limits: {} (were {})", limits, before);
    }

    @Override
    public Demand takeDemand() {
        return admission.takeDemand();
    }

    /** A statement read, allowed and estimated, with the lane it asks a slot of. */
    private record Prepared(
            QuerySubmission submission,
            OptionalLong queryId,
            AnalyzedStatement analyzed,
            Optional<CostEstimator.Estimate> estimate,
            Lane lane,
            long received) {}

    private Prepared prepare(QuerySubmission submission, long received) {
        // empty only while the database is unreachable and the ids taken ahead are used up: the log row then gets
        // its id when written, and the caller's answer carries none
        OptionalLong queryId = ids.tryNext();
        AnalyzedStatement analyzed = readable(queryId, submission);
        Caller caller = submission.caller();
        requireAllowed(
                queryId,
                submission,
                analyzed,
                StatementPolicy.forExecution(caller.databaseRole(), analyzed.statement()),
                true);
        String fingerprint = analyzed.fingerprint().hash();
        Instant at = submission.simulatedAt().orElseGet(clock::instant);
        Optional<CostEstimator.Estimate> estimate =
                costs.map(c -> c.estimate(submission.sql(), analyzed.analysis(), fingerprint, inFlight.get() - 1, at));
        // the active cost model's prediction when one serves, else the fingerprint's observed cost
        Lane lane = classifier.laneFor(fingerprint, estimate.flatMap(CostEstimator.Estimate::predictedMs));
        return new Prepared(submission, queryId, analyzed, estimate, lane, received);
    }

    private Prepared prepareExplain(QuerySubmission submission, long received) {
        OptionalLong queryId = ids.tryNext();
        AnalyzedStatement analyzed = readable(queryId, submission);
        requireAllowed(
                queryId,
                submission,
                analyzed,
                StatementPolicy.forPlan(submission.caller().databaseRole(), analyzed.statement()),
                false);
        return new Prepared(submission, queryId, analyzed, Optional.empty(), Lane.INTERACTIVE, received);
    }

    /**
     * A slot of the statement's lane; a refusal (queue full, the wait ran out, the caller over its share) is logged,
     * and published when {@code publish}, before the failed future reaches the caller.
     */
    private CompletableFuture<LaneSlots.Slot> admit(Prepared prepared, boolean publish) {
        return admission
                .acquire(prepared.lane(), prepared.submission().caller().userId(), prepared.received())
                .whenComplete((slot, failure) -> {
                    if (failure instanceof GatewayRejection refusal) {
                        noteRefusal(
                                prepared.queryId(),
                                prepared.submission(),
                                prepared.analyzed(),
                                prepared.estimate(),
                                refusal,
                                millisSince(prepared.received()),
                                publish);
                    }
                });
    }

    private QueryOutcome run(Prepared prepared, LaneSlots.Slot slot) {
        QuerySubmission submission = prepared.submission();
        OptionalLong queryId = prepared.queryId();
        AnalyzedStatement analyzed = prepared.analyzed();
        Optional<CostEstimator.Estimate> estimate = prepared.estimate();
        Lane lane = prepared.lane();
        long received = prepared.received();
        Caller caller = submission.caller();
        String fingerprint = analyzed.fingerprint().hash();
        double queueMs = millisSince(received);
        QueryResult result;
        try {
            result = executor.execute(new QueryRequest(
                    submission.sql(),
                    caller.databaseRole(),
                    settings.timeoutFor(submission),
                    settings.maxRowsFor(submission),
                    settings.maxResultBytes(),
                    workMemFor(lane)));
        } catch (QueryFailure failure) {
            if (failure.kind() == QueryFailure.Kind.TIMEOUT) { // it cost at least its timeout: that counts too
                classifier.observe(analyzed.fingerprint().hash(), millisSince(received) - queueMs);
            }
            ExecutionStatus status =
                    failure.kind() == QueryFailure.Kind.TIMEOUT ? ExecutionStatus.TIMEOUT : ExecutionStatus.ERROR;
            record(
                    queryId,
                    submission,
                    analyzed,
                    estimate,
                    status,
                    failure.sqlState(),
                    failure.getMessage(),
                    queueMs,
                    millisSince(received) - queueMs,
                    0,
                    false);
            failed.incrementAndGet();
            throw queryId.isPresent() ? failure.withQueryId(queryId.getAsLong()) : failure;
        } finally {
            admission.release(slot);
        }
        double executionMs = result.executionTime().toNanos() / 1e6;
        classifier.observe(fingerprint, executionMs);
        costs.ifPresent(c -> c.observe(fingerprint, executionMs));
        record(
                queryId,
                submission,
                analyzed,
                estimate,
                ExecutionStatus.OK,
                Optional.empty(),
                null,
                queueMs,
                executionMs,
                result.rowCount(),
                result.truncated());
        executed.incrementAndGet();
        if (analyzed.isQuery() && queryId.isPresent()) {
            plans.offer(queryId.getAsLong(), analyzed.fingerprint().hash(), submission.sql(), caller.databaseRole());
        }
        return new QueryOutcome(
                queryId, analyzed.fingerprint().hash(), analyzed.kindLabel(), analyzed.tables(), queueMs, lane, result);
    }

    private ExplainOutcome plan(Prepared prepared, LaneSlots.Slot slot) {
        QuerySubmission submission = prepared.submission();
        OptionalLong queryId = prepared.queryId();
        AnalyzedStatement analyzed = prepared.analyzed();
        Caller caller = submission.caller();
        long received = prepared.received();
        double queueMs = millisSince(received);
        try {
            String plan = executor.explain(
                    new QueryRequest(submission.sql(), caller.databaseRole(), settings.timeoutFor(submission), 1));
            log(
                    queryId,
                    submission,
                    analyzed,
                    Optional.empty(),
                    ExecutionStatus.EXPLAINED,
                    Optional.empty(),
                    null,
                    queueMs,
                    millisSince(received) - queueMs,
                    0,
                    false);
            return new ExplainOutcome(queryId, analyzed.fingerprint().hash(), analyzed.kindLabel(), plan);
        } catch (QueryFailure failure) {
            log(
                    queryId,
                    submission,
                    analyzed,
                    Optional.empty(),
                    ExecutionStatus.EXPLAINED,
                    Optional.of(failure.sqlState().orElse("explain_failed")),
                    failure.getMessage(),
                    queueMs,
                    millisSince(received) - queueMs,
                    0,
                    false);
            throw queryId.isPresent() ? failure.withQueryId(queryId.getAsLong()) : failure;
        } finally {
            admission.release(slot);
        }
    }

    /**
     * The statement of a request, or a refusal (logged) of a text that is not one statement or holds something
     * unterminated: such a text never reaches PostgreSQL, and the caller gets the lexer's message and position.
     */
    private AnalyzedStatement readable(OptionalLong queryId, QuerySubmission submission) {
        try {
            return analyzer.analyze(submission.sql());
        } catch (SqlSyntaxException e) {
            Caller caller = submission.caller();
            logWriter.offer(QueryLogEntry.builder()
                    .queryId(queryId)
                    .queryText(submission.sql())
                    .userId(caller.userId())
                    .userRole(caller.role().label())
                    .status(ExecutionStatus.REJECTED)
                    .errorCode(Optional.of(SYNTAX_ERROR))
                    .errorMessage(Optional.of(e.getMessage()))
                    .executedAt(clock.instant())
                    .simulatedAt(submission.simulatedAt())
                    .build());
            rejected.incrementAndGet();
            QueryFailure failure = new QueryFailure(
                    QueryFailure.Kind.INVALID_STATEMENT,
                    SYNTAX_ERROR,
                    e.getMessage(),
                    e.position().isPresent() ? e.position().getAsInt() : null,
                    e);
            throw queryId.isPresent() ? failure.withQueryId(queryId.getAsLong()) : failure;
        }
    }

    /** Refuses (logged, and published when {@code publish}) what the policy refuses. */
    private void requireAllowed(
            OptionalLong queryId,
            QuerySubmission submission,
            AnalyzedStatement analyzed,
            Optional<GatewayRejection> refusal,
            boolean publish) {
        if (refusal.isPresent()) {
            noteRefusal(queryId, submission, analyzed, Optional.empty(), refusal.get(), 0, publish);
            throw refusal.get();
        }
    }

    /** Logs (and publishes when {@code publish}) a statement the gateway refused before running it. */
    private void noteRefusal(
            OptionalLong queryId,
            QuerySubmission submission,
            AnalyzedStatement analyzed,
            Optional<CostEstimator.Estimate> estimate,
            GatewayRejection refusal,
            double queueMs,
            boolean publish) {
        String code = refusal.reason().name().toLowerCase(Locale.ROOT);
        if (publish) {
            record(
                    queryId,
                    submission,
                    analyzed,
                    estimate,
                    ExecutionStatus.REJECTED,
                    Optional.of(code),
                    refusal.getMessage(),
                    queueMs,
                    0,
                    0,
                    false);
        } else {
            log(
                    queryId,
                    submission,
                    analyzed,
                    estimate,
                    ExecutionStatus.REJECTED,
                    Optional.of(code),
                    refusal.getMessage(),
                    queueMs,
                    0,
                    0,
                    false);
        }
        rejected.incrementAndGet();
    }

    private OptionalInt workMemFor(Lane lane) {
        int workMem = heavyWorkMemMb;
        return lane == Lane.HEAVY && workMem > 0 ? OptionalInt.of(workMem) : OptionalInt.empty();
    }

    private void record(
            OptionalLong queryId,
            QuerySubmission submission,
            AnalyzedStatement analyzed,
            Optional<CostEstimator.Estimate> estimate,
            ExecutionStatus status,
            Optional<String> errorCode,
            String errorMessage,
            double queueMs,
            double executionMs,
            long rows,
            boolean truncated) {
        log(
                queryId,
                submission,
                analyzed,
                estimate,
                status,
                errorCode,
                errorMessage,
                queueMs,
                executionMs,
                rows,
                truncated);
        Optional<Double> predictedMs = estimate.flatMap(CostEstimator.Estimate::predictedMs);
        OptionalInt concurrent =
                estimate.map(e -> OptionalInt.of(e.concurrentQueries())).orElse(OptionalInt.empty());
        QueryExecuted event = new QueryExecuted(
                queryId,
                analyzed.fingerprint().hash(),
                analyzed.kindLabel(),
                analyzed.tables(),
                analyzed.columns(),
                submission.caller(),
                status,
                executionMs,
                rows,
                clock.instant(),
                submission.simulatedAt(),
                predictedMs,
                estimate.map(CostEstimator.Estimate::history),
                concurrent,
                submission.sql());
        for (QueryListener listener : listeners) {
            try {
                listener.onExecuted(event);
            } catch (RuntimeException e) {
                log.warn("A query listener failed on query {}: {}", queryId, e.getMessage());
            }
        }
    }

    private void log(
            OptionalLong queryId,
            QuerySubmission submission,
            AnalyzedStatement analyzed,
            Optional<CostEstimator.Estimate> estimate,
            ExecutionStatus status,
            Optional<String> errorCode,
            String errorMessage,
            double queueMs,
            double executionMs,
            long rows,
            boolean truncated) {
        Caller caller = submission.caller();
        Optional<Double> predictedMs = estimate.flatMap(CostEstimator.Estimate::predictedMs);
        OptionalInt concurrent =
                estimate.map(e -> OptionalInt.of(e.concurrentQueries())).orElse(OptionalInt.empty());
        logWriter.offer(QueryLogEntry.builder()
                .queryId(queryId)
                .queryText(submission.sql())
                .fingerprint(Optional.of(analyzed.fingerprint().hash()))
                .normalizedText(Optional.of(analyzed.fingerprint().normalizedText()))
                .statementKind(Optional.of(analyzed.kindLabel()))
                .userId(caller.userId())
                .userRole(caller.role().label())
                .status(status)
                .errorCode(errorCode)
                .errorMessage(Optional.ofNullable(errorMessage))
                .executionTimeMs(Optional.of(executionMs))
                .queueTimeMs(Optional.of(queueMs))
                .predictedTimeMs(predictedMs)
                .rowsReturned(Optional.of(rows))
                .truncated(truncated)
                .tablesAccessed(analyzed.tables())
                .executedAt(clock.instant())
                .simulatedAt(submission.simulatedAt())
                .concurrentQueries(concurrent)
                .features(estimate.map(e -> new FeatureRow(
                        CostFeatures.SCHEMA.version(), e.features().asMap())))
                .build());
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** Stops sampling plans and writes the queued log rows. */
    @Override
    public void close() {
        statements.shutdown();
        admission.close();
        plans.close();
        volumes.ifPresent(WarehouseVolumes::close);
        logWriter.close();
    }
}
