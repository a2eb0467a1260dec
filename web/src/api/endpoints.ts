// One function per API call the dashboard makes, typed by the contract in types.ts.
import { api, type Params } from './client';
import type {
  AckResult,
  AgentList,
  AnalysisStarted,
  AnalysisStatus,
  Alerts,
  Anomaly,
  Clusters,
  DatabaseStatistics,
  Decision,
  DurationHistogram,
  ExplainResponse,
  FingerprintStatistics,
  Forecast,
  ForecastHistory,
  HealthReport,
  IndexList,
  IndexerMode,
  IndexerModeSetting,
  LoggedQuery,
  Message,
  MetricsHistory,
  ModelList,
  ModelPerformance,
  ModelVersion,
  OptimizationList,
  OptimizationSettings,
  Overview,
  Page,
  Predictions,
  QueryDetail,
  QueryFilter,
  QueryTimeseries,
  SystemSample,
  TrainingRunList,
} from './types';

type Signal = AbortSignal | undefined;
const V1 = '/api/v1';

export const endpoints = {
  overview: (zone: string, signal?: Signal) => api.get<Overview>(`${V1}/dashboard/overview`, { tz: zone }, signal),

  queryHistory: (
    filter: QueryFilter & { sort?: string; order?: 'asc' | 'desc'; page?: number; size?: number },
    signal?: Signal,
  ) => api.get<Page<LoggedQuery>>(`${V1}/queries/history`, filter as Params, signal),
  query: (id: number, signal?: Signal) => api.get<QueryDetail>(`${V1}/queries/${id}`, undefined, signal),
  explain: (sql: string) => api.post<ExplainResponse>(`${V1}/queries/explain`, { sql }),
  statistics: (
    params: { from?: string; to?: string; limit?: number; sort?: string; fingerprint?: string; text?: string },
    signal?: Signal,
  ) => api.get<FingerprintStatistics[]>(`${V1}/queries/statistics`, params, signal),
  timeseries: (params: { from?: string; to?: string; bucketSeconds?: number; fingerprint?: string }, signal?: Signal) =>
    api.get<QueryTimeseries>(`${V1}/queries/timeseries`, params, signal),
  histogram: (filter: QueryFilter, signal?: Signal) =>
    api.get<DurationHistogram>(`${V1}/queries/histogram`, filter as Params, signal),

  metricsCurrent: (signal?: Signal) => api.get<SystemSample>(`${V1}/metrics/current`, undefined, signal),
  metricsHistory: (
    params: { start?: string; end?: string; granularity?: 'minute' | 'hour' | 'day' },
    signal?: Signal,
  ) => api.get<MetricsHistory>(`${V1}/metrics/history`, params, signal),
  database: (signal?: Signal) => api.get<DatabaseStatistics>(`${V1}/metrics/database`, undefined, signal),
  health: (params: { from?: string; to?: string }, signal?: Signal) =>
    api.get<HealthReport>(`${V1}/metrics/health`, params, signal),
  alerts: (signal?: Signal) => api.get<Alerts>(`${V1}/alerts`, undefined, signal),

  anomalies: (
    params: {
      kind?: string;
      severity?: string;
      acknowledged?: boolean;
      from?: string;
      to?: string;
      page?: number;
      size?: number;
    },
    signal?: Signal,
  ) => api.get<Page<Anomaly>>(`${V1}/anomalies`, params, signal),
  acknowledge: (id: number) => api.post<AckResult>(`${V1}/anomalies/${id}/ack`),
  forecast: (target: string, signal?: Signal) => api.get<Forecast>(`${V1}/forecasts`, { target }, signal),
  forecastHistory: (params: { target?: string; hours?: number }, signal?: Signal) =>
    api.get<ForecastHistory>(`${V1}/forecasts/history`, params, signal),

  agents: (signal?: Signal) => api.get<AgentList>(`${V1}/agents`, undefined, signal),
  decisions: (
    params: {
      agent?: string;
      kind?: string;
      channel?: string;
      from?: string;
      to?: string;
      page?: number;
      size?: number;
    },
    signal?: Signal,
  ) => api.get<Page<Decision>>(`${V1}/agents/decisions`, params, signal),

  indexes: (params: { status?: string; limit?: number; offset?: number }, signal?: Signal) =>
    api.get<IndexList>(`${V1}/optimization/indexes`, params, signal),
  optimizationHistory: (
    params: { agent?: string; type?: string; status?: string; fingerprint?: string; limit?: number; offset?: number },
    signal?: Signal,
  ) => api.get<OptimizationList>(`${V1}/optimization/history`, params, signal),
  applyIndex: (id: number) => api.post<Message>(`${V1}/optimization/indexes/${id}/apply`),
  rejectIndex: (id: number, reason: string) =>
    api.post<Message>(`${V1}/optimization/indexes/${id}/reject`, reason ? { reason } : {}),
  analyzeIndexes: () => api.post<AnalysisStarted>(`${V1}/optimization/indexes/analyze`),
  indexAnalysis: (id: string, signal?: Signal) =>
    api.get<AnalysisStatus>(`${V1}/optimization/indexes/analyses/${encodeURIComponent(id)}`, undefined, signal),
  indexerMode: (signal?: Signal) => api.get<IndexerModeSetting>(`${V1}/optimization/indexes/mode`, undefined, signal),
  setIndexerMode: (mode: IndexerMode, reason: string) =>
    api.put<IndexerModeSetting>(`${V1}/optimization/indexes/mode`, { mode, reason }),
  optimizationSettings: (signal?: Signal) =>
    api.get<OptimizationSettings>(`${V1}/optimization/settings`, undefined, signal),

  models: (name?: string, signal?: Signal) => api.get<ModelList>(`${V1}/ml/models`, { name }, signal),
  modelPerformance: (signal?: Signal) => api.get<ModelPerformance>(`${V1}/ml/models/performance`, undefined, signal),
  activateModel: (id: number) => api.put<ModelVersion>(`${V1}/ml/models/${id}/activate`),
  train: (models: string[]) => api.post<Message>(`${V1}/ml/models/train`, models.length ? { models } : {}),
  trainingRuns: (params: { model?: string; limit?: number }, signal?: Signal) =>
    api.get<TrainingRunList>(`${V1}/ml/training-runs`, params, signal),
  clusters: (signal?: Signal) => api.get<Clusters>(`${V1}/ml/clusters`, undefined, signal),
  predictions: (params: { from?: string; to?: string; limit?: number }, signal?: Signal) =>
    api.get<Predictions>(`${V1}/ml/predictions`, params, signal),
};
