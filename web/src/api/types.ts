// The shapes the dwpilot HTTP API answers with (see /api/v1/openapi.json). Instants are ISO-8601 strings; a value
// the server could not measure is null. Field names match the server's JSON exactly.

export type Role = 'analyst' | 'operator' | 'admin' | 'simulator';

/** Any error: `{error, message, detail}` with a fitting HTTP status. */
export interface ApiProblem {
  error: string;
  message: string;
  detail: unknown;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

// ---- session and health -------------------------------------------------------------------------------------------

/**
 * GET /api/v1/session: who the caller is, whether it sees every user's statements (the workload view) or only its own,
 * and the thresholds the dashboard colours by.
 */
export interface Session {
  user: string;
  role: Role;
  workloadView: boolean;
  tokensRequired: boolean;
  thresholds: { moderateQueryMs: number; slowQueryMs: number };
}

/**
 * GET /api/v1/health with a valid token (without one: only status, phase and checkedAt); the database's url and user
 * only for an admin.
 */
export interface ServerHealth {
  status: 'UP' | 'STARTING' | 'DOWN';
  phase: string;
  checkedAt: string;
  uptimeSeconds: number;
  database: {
    up: boolean;
    mode: string;
    url: string | null;
    user: string | null;
    serverVersion: string | null;
    schemaVersion: string | null;
    extensions: string[];
    latencyMs: number | null;
    message: string;
  };
  warehouse: {
    loadedBatches: number;
    bronzeSalesRows: number;
    lastLoadAt: string | null;
    lastEtlRunId: number | null;
    lastEtlStatus: string | null;
    lastEtlAt: string | null;
    silverSalesRows: number;
    quarantinedRows: number;
  } | null;
}

// ---- queries ------------------------------------------------------------------------------------------------------

export type QueryStatus = 'ok' | 'error' | 'timeout' | 'rejected';

/** One row of GET /api/v1/queries/history (a Page of these). */
export interface LoggedQuery {
  queryId: number;
  queryText: string;
  fingerprint: string | null;
  normalizedText: string | null;
  statementKind: string | null;
  userId: string;
  userRole: string;
  status: QueryStatus;
  errorCode: string | null;
  errorMessage: string | null;
  executionTimeMs: number | null;
  queueTimeMs: number | null;
  predictedTimeMs: number | null;
  rowsReturned: number | null;
  truncated: boolean;
  tablesAccessed: string[];
  executedAt: string;
  simulatedAt: string | null;
}

/**
 * Filters of GET /api/v1/queries/history and /histogram: from, to (ISO), text (ILIKE on the text), status, table,
 * minMs, maxMs, fingerprint, user; history also sort (executed_at, execution_time_ms, ...), order (asc|desc), page,
 * size (≤ 500).
 */
export interface QueryFilter {
  from?: string;
  to?: string;
  text?: string;
  status?: QueryStatus;
  table?: string;
  minMs?: number;
  maxMs?: number;
  fingerprint?: string;
  user?: string;
}

/** GET /api/v1/queries/{id}: one execution with the newest captured plan (EXPLAIN FORMAT JSON) of its fingerprint. */
export interface QueryDetail {
  query: LoggedQuery;
  plan: PlanJson | null;
}

/** EXPLAIN (FORMAT JSON) as PostgreSQL writes it: an array with one object holding "Plan". */
export type PlanJson = Array<{ Plan: PlanNodeJson; [key: string]: unknown }>;

export interface PlanNodeJson {
  'Node Type': string;
  'Total Cost'?: number;
  'Startup Cost'?: number;
  'Plan Rows'?: number;
  'Plan Width'?: number;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Relation Name'?: string;
  Schema?: string;
  Alias?: string;
  'Index Name'?: string;
  'Join Type'?: string;
  'Parent Relationship'?: string;
  Filter?: string;
  'Index Cond'?: string;
  'Hash Cond'?: string;
  'Merge Cond'?: string;
  'Sort Key'?: string[];
  'Group Key'?: string[];
  Plans?: PlanNodeJson[];
  [key: string]: unknown;
}

/** POST /api/v1/queries/explain {sql}. */
export interface ExplainResponse {
  plan: PlanJson;
}

/** POST /api/v1/queries/execute {sql, maxRows?, timeoutMs?}. */
export interface ExecuteResponse {
  /** null when the database could not give an id at the time (the execution is still logged). */
  queryId: number | null;
  fingerprint: string;
  statementKind: string;
  tables: string[];
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  executionTimeMs: number;
  queueTimeMs: number;
}

/**
 * GET /api/v1/queries/statistics?from&to&limit&sort&fingerprint&text: per fingerprint, newest window.
 * sort: total (default) | mean | p95 | max | executions | errors. `executions` counts ok runs, `errors` errors and
 * timeouts.
 */
export interface FingerprintStatistics {
  fingerprint: string;
  normalizedText: string;
  statementKind: string | null;
  tables: string[];
  executions: number;
  errors: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  totalMs: number;
  lastSeen: string;
  lastError: string | null;
}

export type StatisticsSort = 'total' | 'mean' | 'p95' | 'max' | 'executions' | 'errors';

/**
 * GET /api/v1/queries/timeseries?from&to&bucketSeconds&fingerprint: executions per wall-clock bucket, zero-filled.
 * Defaults: to = now, from = to − 1 h, bucketSeconds the smallest of 60, 300, 900, 3600, 86400 giving ≤ 400 buckets.
 */
export interface QueryTimeseries {
  from: string;
  to: string;
  bucketSeconds: number;
  points: QueryBucket[];
}

export interface QueryBucket {
  bucket: string;
  count: number;
  failed: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/**
 * GET /api/v1/queries/histogram?<QueryFilter>: execution times of the matching executions in 1-2-5 bins
 * (0-1, 1-2, 2-5, ... 10000-20000, 20000-60000, ≥ 60000 ms; highMs null for the last), and the three speed bands.
 */
export interface DurationHistogram {
  total: number;
  bins: { lowMs: number; highMs: number | null; count: number }[];
  bands: { fast: number; moderate: number; slow: number };
  thresholds: { moderateQueryMs: number; slowQueryMs: number };
}

// ---- overview -----------------------------------------------------------------------------------------------------

/**
 * GET /api/v1/dashboard/overview?tz=<IANA zone, default UTC>: the overview's KPIs, by wall-clock time.
 * queries.today counts every execution since midnight in tz; yesterdaySameTime those of yesterday up to the same time
 * of day; latency is over the ok executions of the last `windowMinutes` against the window before it; throughput is
 * the executions of the last 60 complete minutes (zero-filled, oldest first) and qps those of the last 60 s / 60.
 */
export interface Overview {
  at: string;
  zone: string;
  queries: { today: number; yesterdaySameTime: number; yesterday: number };
  latency: {
    windowMinutes: number;
    avgMs: number | null;
    p95Ms: number | null;
    previousAvgMs: number | null;
    previousP95Ms: number | null;
  };
  throughput: { qps: number; perMinute: { minute: string; count: number }[] };
  slowQueries: { thresholdMs: number; today: number; lastHour: number };
  failures: { today: number; lastHour: number };
  /** Index optimizations by status (recommended, applied, kept, reverted, ...); active = indexes in place (applied + kept). */
  optimizations: { active: number; byStatus: Record<string, number> };
  /** The serving cost model's online accuracy over the last hour of workload time. */
  modelAccuracy: {
    model: string;
    version: number | null;
    n: number;
    qErrorMedian: number | null;
    qErrorP90: number | null;
  };
  cacheHitRatio: number | null;
  anomalies: { unacknowledged: number; unacknowledgedHigh: number };
  health: HealthNow;
}

// ---- system metrics, database, health score, alerts ---------------------------------------------------------------

/** GET /api/v1/metrics/current. */
export interface SystemSample {
  sampledAt: string;
  cpuUsage: number | null;
  memoryUsage: number | null;
  ioOperations: number | null;
  diskReadBytesPerS: number | null;
  diskWriteBytesPerS: number | null;
  connections: number | null;
  activeQueries: number | null;
  cacheHitRatio: number | null;
  transactionsPerS: number | null;
  locksWaiting: number | null;
  queryPoolSize: number | null;
  queueLength: number | null;
  simulatedAt: string | null;
}

/** GET /api/v1/metrics/history?start&end&granularity=minute|hour|day. */
export interface MetricsHistory {
  start: string;
  end: string;
  granularity: string;
  buckets: MetricsBucket[];
}

export interface MetricsBucket {
  bucket: string;
  samples: number;
  avgCpuUsage: number | null;
  maxCpuUsage: number | null;
  avgMemoryUsage: number | null;
  maxMemoryUsage: number | null;
  avgIoOperations: number | null;
  maxIoOperations: number | null;
  avgDiskReadBytesPerS: number | null;
  avgDiskWriteBytesPerS: number | null;
  avgConnections: number | null;
  maxConnections: number | null;
  avgActiveQueries: number | null;
  maxActiveQueries: number | null;
  avgCacheHitRatio: number | null;
  minCacheHitRatio: number | null;
  avgTransactionsPerS: number | null;
  maxTransactionsPerS: number | null;
  avgLocksWaiting: number | null;
  maxLocksWaiting: number | null;
  avgQueryPoolSize: number | null;
  avgQueueLength: number | null;
  maxQueueLength: number | null;
}

/** GET /api/v1/metrics/database: what pgHero's front page shows, for the warehouse's own schemas. */
export interface DatabaseStatistics {
  database: {
    name: string;
    sizeBytes: number;
    cacheHitRatio: number | null;
    connections: {
      total: number;
      active: number;
      idle: number;
      idleInTransaction: number;
      waiting: number;
      max: number;
    };
    locksWaiting: number;
    deadlocks: number;
    commits: number;
    rollbacks: number;
    tempBytes: number;
  };
  tables: TableStatistics[];
  indexes: IndexStatistics[];
  pools: PoolStatistics[];
}

export interface TableStatistics {
  schema: string;
  name: string;
  rows: number;
  totalBytes: number;
  tableBytes: number;
  indexBytes: number;
  seqScans: number;
  indexScans: number;
  cacheHitRatio: number | null;
  deadRows: number;
  lastAutovacuum: string | null;
  lastAutoanalyze: string | null;
}

export interface IndexStatistics {
  schema: string;
  table: string;
  name: string;
  sizeBytes: number;
  scans: number;
  tuplesRead: number;
  unique: boolean;
  primary: boolean;
  valid: boolean;
  /** Built by the indexer agent (its names start dwpilot_ix_). */
  byDwpilot: boolean;
  definition: string;
}

/** A HikariCP pool of the server: "analyst" and "admin" (users' statements, by database role; "users" when one login serves both) or "system" (ETL, agents). */
export interface PoolStatistics {
  name: string;
  active: number;
  idle: number;
  total: number;
  waiting: number;
  max: number;
}

export type ComponentStatus = 'ok' | 'warning' | 'critical' | 'unknown';

/** One input of the health score, scored 0..100 with its weight in the mean. */
export interface HealthComponent {
  name: string;
  label: string;
  score: number | null;
  weight: number;
  value: number | null;
  unit: string;
  /** Where the component turns warning and critical, in the value's unit. */
  warning: number;
  critical: number;
  status: ComponentStatus;
  detail: string;
}

export interface HealthNow {
  at: string;
  score: number;
  status: 'healthy' | 'degraded' | 'critical';
  components: HealthComponent[];
}

/** GET /api/v1/metrics/health?from&to: the score now and per bucket (default the last 24 h). */
export interface HealthReport {
  current: HealthNow;
  bucketSeconds: number;
  history: { bucket: string; score: number | null }[];
}

/** GET /api/v1/alerts: what needs attention now (health components out of bounds, unacknowledged high anomalies, a failed ETL). */
export interface Alerts {
  at: string;
  alerts: Alert[];
}

export interface Alert {
  key: string;
  severity: 'warning' | 'critical';
  source: string;
  message: string;
  value: number | null;
  threshold: number | null;
  since: string | null;
  anomalyId: number | null;
}

// ---- anomalies and forecasts --------------------------------------------------------------------------------------

/** GET /api/v1/anomalies?kind&severity&acknowledged&from&to&page&size (a Page of these). */
export interface Anomaly {
  id: number;
  detectedAt: string;
  kind: string;
  severity: 'low' | 'medium' | 'high';
  fingerprint: string | null;
  queryId: number | null;
  metric: string | null;
  observedValue: number | null;
  expectedValue: number | null;
  score: number | null;
  detector: string;
  description: string;
  acknowledged: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  simulatedAt: string | null;
}

/** POST /api/v1/anomalies/{id}/ack: the anomaly and whether this call acknowledged it. */
export interface AckResult extends Anomaly {
  ackStatus: 'acknowledged' | 'already_acknowledged';
}

export interface ForecastPoint {
  bucketStart: string;
  predicted: number;
  lower: number | null;
  upper: number | null;
  actual: number | null;
}

/** GET /api/v1/forecasts?target=total: the newest forecast (workload time). */
export interface Forecast {
  model: string;
  modelVersion: string | null;
  madeAt: string;
  target: string;
  bucketMinutes: number;
  points: ForecastPoint[];
}

/**
 * GET /api/v1/forecasts/history?target=total&hours=24: forecast against actual, in workload time. For each bucket of
 * the `hours` before the newest forecast was made: the arrivals that happened and what the latest forecast made
 * before that bucket predicted; then the newest forecast's points ahead (future = true, actual null).
 */
export interface ForecastHistory {
  target: string;
  bucketMinutes: number;
  model: string | null;
  madeAt: string | null;
  points: {
    bucketStart: string;
    actual: number | null;
    predicted: number | null;
    lower: number | null;
    upper: number | null;
    future: boolean;
  }[];
}

// ---- agents and decisions -----------------------------------------------------------------------------------------

/** GET /api/v1/agents → {agents: AgentStatus[]}. */
export interface AgentStatus {
  agent: string;
  state: string;
  lastDecision: string | null;
  lastDecisionAt: string | null;
  counters: Record<string, number>;
}

/** GET /api/v1/agents/decisions?agent&kind&channel&from&to&page&size (a Page of these, newest first). */
export interface Decision {
  ordering: number;
  persistenceId: string;
  sequenceNr: number;
  agent: string;
  kind: string;
  channel: string;
  /** The agent's clock (workload time). */
  decidedAt: string;
  /** When the journal wrote it (wall time). */
  persistedAt: string;
  summary: string;
  event: Record<string, unknown>;
}

// ---- optimization -------------------------------------------------------------------------------------------------

export type OptimizationStatus =
  'analyzed' | 'recommended' | 'applied' | 'kept' | 'reverted' | 'rejected' | 'failed' | 'dropped';

/**
 * GET /api/v1/optimization/indexes?status&limit&offset → {indexes}; GET /api/v1/optimization/history?agent&type&status
 * &fingerprint&limit&offset → {optimizations}. For create_index rows `details` is the recommendation: ddl, keyColumns,
 * includeColumns, estimatedBytes, benefit, maintenance and helps [{fingerprint, weight, costBefore, costAfter}].
 */
export interface Optimization {
  id: number;
  agent: string;
  type: string;
  status: OptimizationStatus;
  applied: boolean;
  index: { schema: string; name: string; table: string; sizeBytes: number | null } | null;
  /** The row's target: an index's DDL, or what another action changed (e.g. a pool setting). */
  ddl: string | null;
  reason: string;
  fingerprints: string[];
  estimatedGain: number | null;
  performanceGain: number | null;
  pValue: number | null;
  details: Record<string, unknown> | null;
  recommendedAt: string;
  appliedAt: string | null;
  verifiedAt: string | null;
  droppedAt: string | null;
}

export interface IndexHelp {
  fingerprint: string;
  weight: number;
  costBefore: number;
  costAfter: number;
}

export type IndexerMode = 'automatic' | 'recommend-only';

/**
 * GET /api/v1/optimization/settings: each deciding agent's mode (null when it has no switch) and its effective
 * settings from the configuration, flattened to "key": "value" (read-only).
 */
export interface OptimizationSettings {
  agents: { agent: string; mode: IndexerMode | null; settings: Record<string, string> }[];
}

// ---- learned models -----------------------------------------------------------------------------------------------

/** GET /api/v1/ml/models[?name=] → {models}. */
export interface ModelVersion {
  id: number;
  name: string;
  version: number;
  algorithm: string;
  artifactFormat: string;
  artifactBytes: number;
  metrics: Record<string, unknown>;
  hyperParameters: Record<string, unknown>;
  features: string[];
  trainingDataSize: number;
  trainingTimeMs: number | null;
  active: boolean;
  createdAt: string;
  activatedAt: string | null;
}

export interface Accuracy {
  n: number;
  qErrorMedian: number | string;
  qErrorP90: number | string;
  qErrorP95: number | string;
  meanAbsLogError: number | string;
}

/** GET /api/v1/ml/models/performance. Accuracy values are "NaN" (a string) when nothing was measured. */
export interface ModelPerformance {
  serving: { model: string; version: string | null }[];
  costLastHour: Accuracy;
  costLastDay: Accuracy;
}

/** GET /api/v1/ml/training-runs?model&limit → {runs}. */
export interface TrainingRun {
  id: number;
  model: string;
  trigger: string;
  status: 'succeeded' | 'rejected' | 'failed' | string;
  trainRows: number | null;
  validationRows: number | null;
  testRows: number | null;
  metrics: Record<string, unknown>;
  message: string;
  startedAt: string;
  finishedAt: string | null;
}

/** GET /api/v1/ml/clusters (404 until a clustering is trained). */
export interface Clusters {
  model: string;
  k: number;
  silhouette: number;
  silhouetteByK: Record<string, number>;
  clusters: {
    id: number;
    size: number;
    executions: number;
    meanMs: number;
    topTables: string[];
    meanComplexity: number;
  }[];
  points: { fingerprint: string; cluster: number; x: number; y: number; text: string | null }[];
}

/**
 * GET /api/v1/ml/predictions?from&to&limit (default 1000, ≤ 5000): the newest ok executions that had a cost
 * prediction, with the fit over them (q-error median, R² of log times).
 */
export interface Predictions {
  n: number;
  qErrorMedian: number | null;
  r2Log: number | null;
  points: { queryId: number; fingerprint: string | null; predictedMs: number; actualMs: number; executedAt: string }[];
}

// ---- the live feed (WebSocket /api/v1/stream) ---------------------------------------------------------------------

export type FeedType = 'metric' | 'query' | 'decision' | 'anomaly' | 'forecast' | 'model' | 'gap' | 'dropped';

/** One text frame of the live feed. `at` is workload time; `seq` grows by one per message. */
export interface FeedMessage<T = unknown> {
  type: FeedType;
  seq: number;
  at: string;
  data: T;
}

/** data of a "query" message: the gateway's QueryExecuted, with the start of its text. */
export interface QueryEvent {
  /** null when the database could not give an id at the time (the execution is still logged). */
  queryId: number | null;
  fingerprint: string;
  statementKind: string;
  tables: string[];
  status: QueryStatus;
  executionTimeMs: number;
  rows: number;
  executedAt: string;
  simulatedAt: string | null;
  predictedMs: number | null;
  /** The statement's text, cut at 300 characters. */
  sql: string;
}

/** data of a "metric" message: the observer's workload snapshot (workload-time windows). */
export interface WorkloadSnapshot {
  at: string;
  arrivalsLastMinute: number;
  arrivalsLast5Minutes: number;
  failedLast5Minutes: number;
  rejectedLast5Minutes: number;
  p50Ms: number;
  p95Ms: number;
  running: number;
  busiest: {
    fingerprint: string;
    statementKind: string;
    arrivalsLast5Minutes: number;
    executions: number;
    failures: number;
    p50Ms: number;
    p95Ms: number;
    meanRows: number;
    tables: string[];
  }[];
  system: SystemSample | null;
}

/** data of decision, anomaly, forecast and model messages: the decision row's fields. */
export type DecisionEvent = Decision;
