// The shapes the dwpilot HTTP API answers with, under the names the dashboard uses. The contract is the server's
// openapi.json (served at /api/v1/openapi.json); openapi.d.ts is generated from it by `npm run api:types` and must
// not be edited by hand. Only what the contract does not describe is written here: the query filters the dashboard
// sends, the live feed's envelope, and a page of any kind.
import type { components } from './openapi';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
/** Any error: `{error, message, detail}` with a fitting HTTP status. */
export type ApiProblem = Schemas['Error'];

/** One page of a paged list (the query history, the anomalies, the decisions). */
export type Page<T> = Omit<Schemas['LoggedQueryPage'], 'items'> & { items: T[] };

// ---- session and health -------------------------------------------------------------------------------------------

export type Session = Schemas['Session'];
export type ServerHealth = Schemas['ServerHealth'];

// ---- queries ------------------------------------------------------------------------------------------------------

export type QueryStatus = Schemas['QueryStatus'];
export type LoggedQuery = Schemas['LoggedQuery'];

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

export type QueryDetail = Schemas['QueryDetail'];
export type PlanJson = Schemas['PlanJson'];
export type PlanNodeJson = Schemas['PlanNodeJson'];
export type ExplainResponse = Schemas['ExplainResponse'];
export type ExecuteResponse = Schemas['ExecuteResponse'];
export type FingerprintStatistics = Schemas['FingerprintStatistics'];

/** The `sort` of GET /api/v1/queries/statistics. */
export type StatisticsSort = 'total' | 'mean' | 'p95' | 'max' | 'executions' | 'errors';

export type QueryTimeseries = Schemas['QueryTimeseries'];
export type QueryBucket = Schemas['QueryBucket'];
export type DurationHistogram = Schemas['DurationHistogram'];

// ---- overview, system metrics, database, health score, alerts -----------------------------------------------------

export type Overview = Schemas['Overview'];
export type SystemSample = Schemas['SystemSample'];
export type MetricsHistory = Schemas['MetricsHistory'];
export type MetricsBucket = Schemas['MetricsBucket'];
export type DatabaseStatistics = Schemas['DatabaseStatistics'];
export type TableStatistics = Schemas['TableStatistics'];
export type IndexStatistics = Schemas['IndexStatistics'];
export type PoolStatistics = Schemas['PoolStatistics'];
export type ComponentStatus = Schemas['ComponentStatus'];
export type HealthComponent = Schemas['HealthComponent'];
export type HealthNow = Schemas['HealthNow'];
export type HealthReport = Schemas['HealthReport'];
export type Alerts = Schemas['Alerts'];
export type Alert = Schemas['Alert'];

// ---- anomalies and forecasts --------------------------------------------------------------------------------------

export type Anomaly = Schemas['Anomaly'];
export type AckResult = Schemas['AckResult'];
export type ForecastPoint = Schemas['ForecastPoint'];
export type Forecast = Schemas['Forecast'];
export type ForecastHistory = Schemas['ForecastHistory'];

// ---- agents, decisions and optimization ---------------------------------------------------------------------------

export type AgentList = Schemas['AgentList'];
export type AgentStatus = Schemas['AgentStatus'];
export type Decision = Schemas['Decision'];
export type OptimizationStatus = Schemas['OptimizationStatus'];
export type Optimization = Schemas['Optimization'];
export type IndexList = Schemas['IndexList'];
export type OptimizationList = Schemas['OptimizationList'];
export type IndexHelp = Schemas['IndexHelp'];
export type IndexerMode = Schemas['IndexerMode'];
export type IndexerModeSetting = Schemas['IndexerModeSetting'];
export type OptimizationSettings = Schemas['OptimizationSettings'];
/** A workload analysis started on demand: poll its statusUrl. */
export type AnalysisStarted = Schemas['AnalysisStarted'];
export type AnalysisStatus = Schemas['AnalysisStatus'];
/** What an action did or scheduled, in words. */
export type Message = Schemas['Message'];

// ---- learned models -----------------------------------------------------------------------------------------------

export type ModelVersion = Schemas['ModelVersion'];
export type ModelList = Schemas['ModelList'];
export type Accuracy = Schemas['Accuracy'];
export type ModelPerformance = Schemas['ModelPerformance'];
export type TrainingRun = Schemas['TrainingRun'];
export type TrainingRunList = Schemas['TrainingRunList'];
export type Clusters = Schemas['Clusters'];
export type Predictions = Schemas['Predictions'];

// ---- the live feed (WebSocket /api/v1/stream) ---------------------------------------------------------------------

export type FeedType = Schemas['FeedType'];

/** One text frame of the live feed. `at` is workload time; `seq` grows by one per message. */
export interface FeedMessage<T = unknown> {
  type: FeedType;
  seq: number;
  at: string;
  data: T;
}

export type QueryEvent = Schemas['QueryEvent'];
export type WorkloadSnapshot = Schemas['WorkloadSnapshot'];
/** data of decision, anomaly, forecast and model messages: the decision row's fields. */
export type DecisionEvent = Decision;
