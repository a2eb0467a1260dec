// The learned models' registry metrics as people compare them: per model kind, the test metrics of the model
// against its baselines (and against the model that served when it was tested), with readable labels and formats.
import type { ModelVersion, TrainingRun } from '../api/types';
import { flattenFacts, num, obj, type Fact } from './facts';
import { formatCount, formatDateTime, formatNumber, formatPercent } from './format';

export const MODEL_NAMES = ['query_cost', 'workload_forecast', 'execution_anomaly', 'query_clusters'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export const MODEL_INFO: Record<ModelName, { title: string; short: string; what: string; baseline: string }> = {
  query_cost: {
    title: 'Query cost predictor',
    short: 'cost',
    what: 'Predicts each statement’s execution time before it runs; the gateway routes heavy statements by it.',
    baseline: 'the planner’s cost scaled to time',
  },
  workload_forecast: {
    title: 'Workload forecaster',
    short: 'forecast',
    what: 'Forecasts arrivals per 5 minutes for the next hours; the governor and the indexer plan by it.',
    baseline: 'the forecaster agent’s seasonal and Holt-Winters models',
  },
  execution_anomaly: {
    title: 'Anomaly detector',
    short: 'anomaly',
    what: 'An isolation forest over execution features, combined with statistical rules, flags unusual executions.',
    baseline: 'the anomaly watcher’s statistical rules alone',
  },
  query_clusters: {
    title: 'Query clustering',
    short: 'cluster',
    what: 'Groups the query fingerprints by shape and cost (k-means, k chosen by silhouette).',
    baseline: 'no clustering',
  },
};

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export function modelTitle(name: string): string {
  return isModelName(name) ? MODEL_INFO[name].title : name.replace(/_/g, ' ');
}

// ---- formats ------------------------------------------------------------------------------------------------------

/** qerror ×1.23 · score 0.912 · percent 62.3 % (already a percentage) · fraction 0.139 → 13.9 % · count · seconds. */
export type MetricFormat = 'qerror' | 'score' | 'percent' | 'fraction' | 'rate' | 'count' | 'seconds' | 'ms';

export function formatMetric(value: number | null | undefined, format: MetricFormat): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (format) {
    case 'qerror':
      return `×${formatNumber(value, 2)}`;
    case 'score':
      return value.toFixed(3);
    case 'percent':
      return `${value.toFixed(1)} %`;
    case 'fraction':
      return formatPercent(value, 1);
    case 'rate':
      return formatPercent(value, 2);
    case 'count':
      return formatCount(value);
    case 'seconds':
      return `${formatNumber(value, value < 10 ? 2 : 1)} s`;
    case 'ms':
      return `${formatNumber(value, 4)} ms`;
  }
}

// ---- comparisons --------------------------------------------------------------------------------------------------

export type ColumnRole = 'model' | 'baseline' | 'serving';

export interface MetricColumn {
  key: string;
  label: string;
  role: ColumnRole;
}

export interface MetricRow {
  key: string;
  label: string;
  format: MetricFormat;
  /** Which direction is better; null for sizes (n, counts) that are not judged. */
  better: 'lower' | 'higher' | null;
  values: (number | null)[];
  /** The index of the best value among the columns (null when not judged or nothing measured). */
  best: number | null;
}

export interface MetricComparison {
  title: string;
  columns: MetricColumn[];
  rows: MetricRow[];
}

export interface Headline {
  label: string;
  value: string;
  /** e.g. "vs ×1.79 planner cost": the best baseline's value, when there is one. */
  against: string | null;
  /** Whether the model beats that baseline (null when not compared). */
  wins: boolean | null;
}

export interface ModelMetricsView {
  comparisons: MetricComparison[];
  headlines: Headline[];
  facts: Fact[];
}

interface RowSpec {
  key: string;
  label: string;
  format: MetricFormat;
  better: 'lower' | 'higher' | null;
}

/** "planner-cost" → "Planner cost", "seasonal-naive(288)" → "Seasonal naive (day)", "holt-winters(288)" → "Holt-Winters (day)". */
export function predictorLabel(name: string): string {
  const season = name.match(/\((\d+)\)$/);
  const base = name.replace(/\(.*\)$/, '');
  const words: Record<string, string> = {
    mlp: 'MLP',
    'learned-mlp': 'Learned MLP',
    'planner-cost': 'Planner cost',
    'history-mean': 'History mean',
    'seasonal-naive': 'Seasonal naive',
    'holt-winters': 'Holt-Winters',
  };
  const label = words[base] ?? base.charAt(0).toUpperCase() + base.slice(1).replace(/[-_]/g, ' ');
  if (!season) return label;
  const period = season[1] === '288' ? 'day' : season[1] === '2016' ? 'week' : season[1];
  return `${label} (${period})`;
}

function bestIndex(values: (number | null)[], better: RowSpec['better']): number | null {
  if (!better) return null;
  let best: number | null = null;
  values.forEach((v, i) => {
    if (v === null) return;
    if (best === null || (better === 'lower' ? v < values[best]! : v > values[best]!)) best = i;
  });
  return best;
}

function comparison(
  title: string,
  columns: MetricColumn[],
  specs: RowSpec[],
  read: (column: MetricColumn, spec: RowSpec) => number | null,
): MetricComparison {
  const rows = specs
    .map((spec) => {
      const values = columns.map((c) => read(c, spec));
      return { ...spec, values, best: bestIndex(values, spec.better) };
    })
    .filter((r) => r.values.some((v) => v !== null));
  return { title, columns, rows };
}

/** The headline of a row: the model's value against the best baseline's. */
function headline(c: MetricComparison | undefined, key: string, label?: string): Headline | null {
  const row = c?.rows.find((r) => r.key === key);
  if (!c || !row) return null;
  const modelIndex = c.columns.findIndex((col) => col.role === 'model');
  const value = modelIndex >= 0 ? row.values[modelIndex] : null;
  if (value === null) return null;
  let baseline: { v: number; label: string } | null = null;
  c.columns.forEach((col, i) => {
    const v = row.values[i];
    if (col.role !== 'baseline' || v === null || !row.better) return;
    if (!baseline || (row.better === 'lower' ? v < baseline.v : v > baseline.v)) baseline = { v, label: col.label };
  });
  const b = baseline as { v: number; label: string } | null;
  return {
    label: label ?? row.label,
    value: formatMetric(value, row.format),
    against: b ? `vs ${formatMetric(b.v, row.format)} ${b.label.toLowerCase()}` : null,
    wins: b ? (row.better === 'lower' ? value <= b.v : value >= b.v) : null,
  };
}

const COST_ROWS: RowSpec[] = [
  { key: 'q_error_median', label: 'q-error median', format: 'qerror', better: 'lower' },
  { key: 'q_error_p90', label: 'q-error p90', format: 'qerror', better: 'lower' },
  { key: 'q_error_p99', label: 'q-error p99', format: 'qerror', better: 'lower' },
  { key: 'r2_log', label: 'R² (log time)', format: 'score', better: 'higher' },
  { key: 'mae_percent', label: 'MAE % of mean', format: 'percent', better: 'lower' },
  { key: 'n', label: 'test executions', format: 'count', better: null },
];
const COST_BASELINES = ['planner-cost', 'history-mean'];

/** The model's own entry first, then the baselines, of an object keyed by predictor name. */
function predictorColumns(groups: Record<string, unknown>[], isBaseline: (name: string) => boolean): MetricColumn[] {
  const names: string[] = [];
  for (const g of groups) for (const k of Object.keys(g)) if (obj(g[k]) && !names.includes(k)) names.push(k);
  const model = names.filter((n) => !isBaseline(n));
  const baselines = names.filter(isBaseline);
  return [
    ...model.map((n) => ({ key: n, label: predictorLabel(n), role: 'model' as const })),
    ...baselines.map((n) => ({ key: n, label: predictorLabel(n), role: 'baseline' as const })),
  ];
}

function costView(m: Record<string, unknown>): ModelMetricsView {
  const test = obj(m.test) ?? {};
  const serving = obj(m.active_on_test);
  const columns = predictorColumns([test], (n) => COST_BASELINES.includes(n));
  if (serving) columns.push({ key: 'active_on_test', label: 'Serving model then', role: 'serving' });
  const readTest = (c: MetricColumn, s: RowSpec) => num((c.role === 'serving' ? serving : obj(test[c.key]))?.[s.key]);
  const comparisons = [comparison('Held-out executions (latest 15 % by time)', columns, COST_ROWS, readTest)];
  const heldOut = obj(m.held_out_fingerprints);
  if (heldOut) {
    const hc = predictorColumns([heldOut], (n) => COST_BASELINES.includes(n));
    comparisons.push(
      comparison('Held-out fingerprints (never seen in training)', hc, COST_ROWS, (c, s) =>
        num(obj(heldOut[c.key])?.[s.key]),
      ),
    );
  }
  const facts: Fact[] = [];
  const inference = num(m.inference_ms);
  if (inference !== null)
    facts.push({ key: 'inference_ms', label: 'inference per prediction', value: formatMetric(inference, 'ms') });
  const fingerprints = num(m.held_out_fingerprint_count);
  if (fingerprints !== null)
    facts.push({ key: 'held_out_fingerprint_count', label: 'held-out fingerprints', value: formatCount(fingerprints) });
  pushFit(facts, m);
  return {
    comparisons,
    headlines: [
      headline(comparisons[0], 'q_error_median'),
      headline(comparisons[0], 'q_error_p90'),
      headline(comparisons[0], 'r2_log', 'R²'),
      headline(comparisons[0], 'mae_percent', 'MAE %'),
    ].filter(isHeadline),
    facts,
  };
}

const FORECAST_ROWS: RowSpec[] = [
  { key: 'test_1h.mape', label: 'MAPE 1 h ahead', format: 'fraction', better: 'lower' },
  { key: 'test_6h.mape', label: 'MAPE 6 h ahead', format: 'fraction', better: 'lower' },
  { key: 'test_1h.peak_hour_hits', label: 'peak-hour hits (1 h)', format: 'fraction', better: 'higher' },
  { key: 'test_6h.peak_hour_hits', label: 'peak-hour hits (6 h)', format: 'fraction', better: 'higher' },
  { key: 'test_1h.forecasts', label: 'test forecasts', format: 'count', better: null },
];
const isForecastBaseline = (n: string) => /^(seasonal|holt)/.test(n);

function forecastView(m: Record<string, unknown>): ModelMetricsView {
  const groups = { test_1h: obj(m.test_1h) ?? {}, test_6h: obj(m.test_6h) ?? {} };
  const columns = predictorColumns([groups.test_1h, groups.test_6h], isForecastBaseline);
  const servingMape = num(m.active_on_test_1h_mape);
  if (servingMape !== null) columns.push({ key: 'active_on_test', label: 'Serving model then', role: 'serving' });
  const c = comparison('Walk-forward test (latest 15 % of buckets)', columns, FORECAST_ROWS, (col, s) => {
    const [group, metric] = s.key.split('.') as ['test_1h' | 'test_6h', string];
    if (col.role === 'serving') return s.key === 'test_1h.mape' ? servingMape : null;
    return num(obj(groups[group][col.key])?.[metric]);
  });
  const facts: Fact[] = [];
  if (typeof m.test_from === 'string' && typeof m.test_to === 'string') {
    facts.push({
      key: 'test_period',
      label: 'test period (workload time)',
      value: `${formatDateTime(m.test_from)} → ${formatDateTime(m.test_to)}`,
    });
  }
  pushFit(facts, m);
  return {
    comparisons: [c],
    headlines: [
      headline(c, 'test_1h.mape', 'MAPE 1 h'),
      headline(c, 'test_6h.mape', 'MAPE 6 h'),
      headline(c, 'test_1h.peak_hour_hits', 'peak-hour hits'),
    ].filter(isHeadline),
    facts,
  };
}

const ANOMALY_ROWS: RowSpec[] = [
  { key: 'f1', label: 'F1', format: 'score', better: 'higher' },
  { key: 'precision', label: 'precision', format: 'score', better: 'higher' },
  { key: 'recall', label: 'recall', format: 'score', better: 'higher' },
  { key: 'false_positive_rate', label: 'false-positive rate', format: 'rate', better: 'lower' },
  { key: 'true_positives', label: 'true positives', format: 'count', better: null },
  { key: 'false_positives', label: 'false positives', format: 'count', better: null },
  { key: 'false_negatives', label: 'false negatives', format: 'count', better: null },
];

/** Adds what the confusion counts imply: executions tested, flagged, and the alert rate (the flagged share). */
function withAlertRate(o: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!o) return null;
  const [tp, fp, fn, tn] = ['true_positives', 'false_positives', 'false_negatives', 'true_negatives'].map((k) =>
    num(o[k]),
  );
  if (tp === null || fp === null || fn === null || tn === null) return o;
  const executions = tp + fp + fn + tn;
  return { ...o, executions, flagged: tp + fp, alert_rate: executions > 0 ? (tp + fp) / executions : null };
}

const UNLABELLED_ROWS: RowSpec[] = [
  { key: 'alert_rate', label: 'alert rate', format: 'rate', better: null },
  { key: 'flagged', label: 'flagged', format: 'count', better: null },
  { key: 'executions', label: 'test executions', format: 'count', better: null },
];

function anomalyView(m: Record<string, unknown>): ModelMetricsView {
  const test = withAlertRate(obj(m.test)) ?? {};
  const serving = withAlertRate(obj(m.active_on_test));
  // without labelled anomalies precision, recall and F1 are zero by construction: the alert rate is what was judged
  const labelled = m.labelled !== false;
  const columns: MetricColumn[] = [{ key: 'test', label: 'This version', role: 'model' }];
  if (serving) columns.push({ key: 'active_on_test', label: 'Serving model then', role: 'serving' });
  const c = comparison('Test executions (latest 15 %)', columns, labelled ? ANOMALY_ROWS : UNLABELLED_ROWS, (col, s) =>
    num((col.role === 'serving' ? serving : test)?.[s.key]),
  );
  const facts: Fact[] = [];
  if (typeof m.labelled === 'boolean') {
    facts.push({
      key: 'labelled',
      label: 'judged against',
      value: m.labelled ? 'labelled anomaly episodes' : 'no labels yet: its alert rate against the target',
    });
  }
  const byKind = obj(m.test_recall_by_kind);
  if (byKind) {
    for (const [kind, v] of Object.entries(byKind)) {
      const o = obj(v);
      facts.push({
        key: `recall.${kind}`,
        label: `${kind.replace(/_/g, ' ')} flagged`,
        value: `${formatCount(num(o?.detected))} of ${formatCount(num(o?.labelled))}`,
      });
    }
  }
  pushFit(facts, m);
  const h = (key: string, label: string): Headline | null => {
    const row = c.rows.find((r) => r.key === key);
    return row && row.values[0] !== null
      ? { label, value: formatMetric(row.values[0], row.format), against: null, wins: null }
      : null;
  };
  const headlines = labelled
    ? [h('f1', 'F1'), h('precision', 'precision'), h('recall', 'recall'), h('false_positive_rate', 'false positives')]
    : [h('alert_rate', 'alert rate'), h('flagged', 'flagged in test')];
  return { comparisons: [c], headlines: headlines.filter(isHeadline), facts };
}

function clusterView(m: Record<string, unknown>): ModelMetricsView {
  const rows: RowSpec[] = [
    { key: 'k', label: 'clusters (k)', format: 'count', better: null },
    { key: 'silhouette', label: 'silhouette', format: 'score', better: 'higher' },
    { key: 'fingerprints', label: 'fingerprints', format: 'count', better: null },
  ];
  const c = comparison('Clustering', [{ key: 'model', label: 'This version', role: 'model' }], rows, (_, s) =>
    num(m[s.key]),
  );
  const facts: Fact[] = [];
  pushFit(facts, m);
  const value = (key: string) => c.rows.find((r) => r.key === key);
  return {
    comparisons: [c],
    headlines: ['k', 'silhouette', 'fingerprints']
      .map((key): Headline | null => {
        const row = value(key);
        return row
          ? { label: row.label, value: formatMetric(row.values[0], row.format), against: null, wins: null }
          : null;
      })
      .filter(isHeadline),
    facts,
  };
}

function pushFit(facts: Fact[], m: Record<string, unknown>) {
  const fit = num(m.fit_seconds);
  if (fit !== null) facts.push({ key: 'fit_seconds', label: 'fit time', value: formatMetric(fit, 'seconds') });
}

function isHeadline(h: Headline | null): h is Headline {
  return h !== null;
}

/** A registry row's (or a training run's) metrics JSON as comparisons, headline numbers and remaining facts. */
export function modelMetrics(name: string, metrics: unknown): ModelMetricsView {
  const m = obj(metrics) ?? {};
  if (name === 'query_cost' && obj(m.test)) return costView(m);
  if (name === 'workload_forecast' && (obj(m.test_1h) || obj(m.test_6h))) return forecastView(m);
  if (name === 'execution_anomaly' && obj(m.test)) return anomalyView(m);
  if (name === 'query_clusters' && num(m.k) !== null) return clusterView(m);
  return { comparisons: [], headlines: [], facts: flattenFacts(m, { skip: ['silhouette_by_k'] }) };
}

/**
 * The trainer's deciding numbers ("mlp.q_error_median": 1.4, "f1": 0.5, "k": 3) back in the registry's metrics
 * shape, so a model_activated decision shows its numbers as the model cards do.
 */
export function metricsFromNumbers(name: string, numbers: unknown): Record<string, unknown> {
  const test: Record<string, unknown> = {};
  const top: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj(numbers) ?? {})) {
    if (name === 'query_clusters' && (key === 'k' || key === 'silhouette')) {
      top[key] = value;
      continue;
    }
    const dot = key.indexOf('.');
    if (dot < 0) {
      test[key] = value;
    } else {
      const group = key.slice(0, dot);
      test[group] = { ...(obj(test[group]) ?? {}), [key.slice(dot + 1)]: value };
    }
  }
  if (name === 'workload_forecast') return { test_1h: test };
  if (name === 'query_clusters') return top;
  return { test };
}

// ---- key metric per version ---------------------------------------------------------------------------------------

export interface KeyMetric {
  label: string;
  format: MetricFormat;
  better: 'lower' | 'higher';
}

export const KEY_METRICS: Record<ModelName, KeyMetric> = {
  query_cost: { label: 'median q-error', format: 'qerror', better: 'lower' },
  workload_forecast: { label: 'MAPE 1 h ahead', format: 'fraction', better: 'lower' },
  execution_anomaly: { label: 'F1', format: 'score', better: 'higher' },
  query_clusters: { label: 'silhouette', format: 'score', better: 'higher' },
};

/** The model's key metric from a metrics JSON (the learned model's, not a baseline's); null when absent. */
export function keyMetricValue(name: string, metrics: unknown): number | null {
  const m = obj(metrics) ?? {};
  const first = (group: unknown, metric: string, isBaseline: (n: string) => boolean) => {
    const g = obj(group);
    if (!g) return null;
    const key = Object.keys(g).find((k) => obj(g[k]) && !isBaseline(k));
    return key ? num(obj(g[key])?.[metric]) : null;
  };
  switch (name) {
    case 'query_cost':
      return first(m.test, 'q_error_median', (n) => COST_BASELINES.includes(n));
    case 'workload_forecast':
      return first(m.test_1h, 'mape', isForecastBaseline);
    case 'execution_anomaly':
      return m.labelled === false ? null : num(obj(m.test)?.f1);
    case 'query_clusters':
      return num(m.silhouette);
    default:
      return null;
  }
}

/** The best baseline's value of the key metric (for a reference line), when the metrics hold baselines. */
export function keyMetricBaseline(name: string, metrics: unknown): { label: string; value: number } | null {
  const m = obj(metrics) ?? {};
  const pick = (group: unknown, metric: string, isBaseline: (n: string) => boolean, better: 'lower' | 'higher') => {
    const g = obj(group);
    let best: { label: string; value: number } | null = null;
    for (const [k, v] of Object.entries(g ?? {})) {
      const value = num(obj(v)?.[metric]);
      if (!isBaseline(k) || value === null) continue;
      if (!best || (better === 'lower' ? value < best.value : value > best.value))
        best = { label: predictorLabel(k), value };
    }
    return best;
  };
  if (name === 'query_cost') return pick(m.test, 'q_error_median', (n) => COST_BASELINES.includes(n), 'lower');
  if (name === 'workload_forecast') return pick(m.test_1h, 'mape', isForecastBaseline, 'lower');
  return null;
}

export interface VersionPoint {
  /** When the candidate was trained (the run's end, else its start). */
  at: number;
  value: number;
  status: string;
  /** The registry version the run registered, when it is still in the registry. */
  version: number | null;
  runId: number;
  baseline: number | null;
}

/**
 * The key metric of every trained candidate of one model over time, oldest first: one point per training run that
 * produced metrics (activated or rejected), matched to its registry version by time where that version is still kept
 * (a version is registered moments before its run finishes).
 */
export function versionSeries(
  model: string,
  runs: TrainingRun[],
  versions: ModelVersion[],
  matchWithinMs = 60_000,
): VersionPoint[] {
  const own = versions.filter((v) => v.name === model);
  return runs
    .filter((r) => r.model === model)
    .map((r) => {
      const at = Date.parse(r.finishedAt ?? r.startedAt);
      const value = keyMetricValue(model, r.metrics);
      if (value === null || Number.isNaN(at)) return null;
      let version: ModelVersion | null = null;
      for (const v of own) {
        const gap = Math.abs(Date.parse(v.createdAt) - at);
        if (gap <= matchWithinMs && (!version || gap < Math.abs(Date.parse(version.createdAt) - at))) version = v;
      }
      return {
        at,
        value,
        status: r.status,
        version: version?.version ?? null,
        runId: r.id,
        baseline: keyMetricBaseline(model, r.metrics)?.value ?? null,
      };
    })
    .filter((p): p is VersionPoint => p !== null)
    .sort((a, b) => a.at - b.at);
}

// ---- versions and runs --------------------------------------------------------------------------------------------

/** The versions a model's panel shows: the newest `newest` and the active one (if older), newest first. */
export function shownVersions(versions: ModelVersion[], model: string, newest = 5): ModelVersion[] {
  const own = versions.filter((v) => v.name === model).sort((a, b) => b.version - a.version);
  const shown = own.slice(0, newest);
  const active = own.find((v) => v.active);
  if (active && !shown.includes(active)) shown.push(active);
  return shown;
}

/** How long a run took in ms; null while it runs (or when its times are unreadable). */
export function runDurationMs(run: Pick<TrainingRun, 'startedAt' | 'finishedAt'>): number | null {
  if (!run.finishedAt) return null;
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

export type ModelStatus = 'serving' | 'baseline' | 'fallback';

/**
 * Whether a model serves: a registry version is active and the server says it serves ("serving"), nothing was
 * activated yet so the baseline serves ("baseline"), or the registry has an active version the server does not
 * serve (its artifact could not be read: "fallback" to an older version or the baseline).
 */
export function modelStatus(
  model: string,
  serving: { model: string; version: string | null }[],
  versions: ModelVersion[],
): { status: ModelStatus; label: string; active: ModelVersion | null } {
  const active = versions.find((v) => v.name === model && v.active) ?? null;
  const servingVersion = serving.find((s) => s.model === model)?.version ?? null;
  if (!active && !servingVersion) return { status: 'baseline', label: 'no model yet — baseline serves', active: null };
  if (active && servingVersion && servingVersion.endsWith(` v${active.version}`)) {
    return { status: 'serving', label: `serving v${active.version}`, active };
  }
  if (servingVersion) return { status: 'fallback', label: `fallback: ${servingVersion} serves`, active };
  return { status: 'fallback', label: 'fallback — baseline serves', active };
}

/**
 * The versions' own test metrics side by side: one row per metric of the model's main comparison (the learned
 * model's column), one value per version, the best version of each judged row marked.
 */
export function versionMetricRows(name: string, versions: ModelVersion[]): MetricRow[] {
  const rows: MetricRow[] = [];
  versions.forEach((v, column) => {
    const main = modelMetrics(name, v.metrics).comparisons[0];
    if (!main) return;
    const modelIndex = main.columns.findIndex((c) => c.role === 'model');
    if (modelIndex < 0) return;
    for (const r of main.rows) {
      let row = rows.find((x) => x.key === r.key);
      if (!row) {
        row = {
          key: r.key,
          label: r.label,
          format: r.format,
          better: r.better,
          values: versions.map(() => null),
          best: null,
        };
        rows.push(row);
      }
      row.values[column] = r.values[modelIndex];
    }
  });
  return rows.map((r) => ({ ...r, best: bestIndex(r.values, r.better) }));
}
