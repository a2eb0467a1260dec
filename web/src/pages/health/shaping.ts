// Pure shaping of the health API's answers for the health page (tested in shaping.test.ts).
import type {
  Alert,
  Anomaly,
  ComponentStatus,
  DatabaseStatistics,
  HealthComponent,
  HealthNow,
  IndexStatistics,
  MetricsBucket,
  SystemSample,
} from '../../api/types';
import type { Tone } from '../../components/states';
import { formatMs, formatNumber, formatPercent } from '../../shaping/format';

export type Granularity = 'minute' | 'hour' | 'day';

const WIDTH_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Enough points to show a day minute by minute, few enough to draw and send quickly. */
const MAX_POINTS = 1500;

/** The finest granularity of /metrics/history that draws a range in at most 1500 points. */
export function granularityFor(rangeMs: number): Granularity {
  for (const g of ['minute', 'hour', 'day'] as const) {
    if (rangeMs / WIDTH_MS[g] <= MAX_POINTS) return g;
  }
  return 'day';
}

export function granularityMs(g: Granularity | string): number {
  return WIDTH_MS[g as Granularity] ?? WIDTH_MS.minute;
}

/**
 * The start, end and granularity of a range ending now, the end rounded up to the granularity so that requests
 * within one bucket ask the same question (and share a cache entry).
 */
export function metricsWindow(
  rangeMs: number,
  now: number = Date.now(),
): { start: string; end: string; granularity: Granularity } {
  const granularity = granularityFor(rangeMs);
  const width = WIDTH_MS[granularity];
  const end = Math.ceil(now / width) * width;
  return { start: new Date(end - rangeMs).toISOString(), end: new Date(end).toISOString(), granularity };
}

/** A live sample as a bucket of one sample, so that the charts draw the newest point like the others. */
export function sampleAsBucket(s: SystemSample): MetricsBucket {
  return {
    bucket: s.sampledAt,
    samples: 1,
    avgCpuUsage: s.cpuUsage,
    maxCpuUsage: s.cpuUsage,
    avgMemoryUsage: s.memoryUsage,
    maxMemoryUsage: s.memoryUsage,
    avgIoOperations: s.ioOperations,
    maxIoOperations: s.ioOperations,
    avgDiskReadBytesPerS: s.diskReadBytesPerS,
    avgDiskWriteBytesPerS: s.diskWriteBytesPerS,
    avgConnections: s.connections,
    maxConnections: s.connections,
    avgActiveQueries: s.activeQueries,
    maxActiveQueries: s.activeQueries,
    avgCacheHitRatio: s.cacheHitRatio,
    minCacheHitRatio: s.cacheHitRatio,
    avgTransactionsPerS: s.transactionsPerS,
    maxTransactionsPerS: s.transactionsPerS,
    avgLocksWaiting: s.locksWaiting,
    maxLocksWaiting: s.locksWaiting,
    avgQueryPoolSize: s.queryPoolSize,
    avgQueueLength: s.queueLength,
    maxQueueLength: s.queueLength,
  };
}

/**
 * The history's buckets followed by the live samples that came after its newest bucket began (the feed runs ahead
 * of the last fetch), each sample once, oldest first.
 */
export function withLiveTail(buckets: MetricsBucket[], live: SystemSample[]): MetricsBucket[] {
  const last = buckets.length ? Date.parse(buckets[buckets.length - 1].bucket) : -Infinity;
  const seen = new Set<string>();
  const tail = live
    .filter((s) => Date.parse(s.sampledAt) > last && !seen.has(s.sampledAt) && seen.add(s.sampledAt))
    .sort((a, b) => Date.parse(a.sampledAt) - Date.parse(b.sampledAt))
    .map(sampleAsBucket);
  return [...buckets, ...tail];
}

export interface Thresholds {
  warning: number;
  critical: number;
  unit: string;
}

/** A health component's thresholds in its unit; null when they are not numbers. */
export function thresholdsOf(component: Pick<HealthComponent, 'warning' | 'critical' | 'unit'>): Thresholds | null {
  const { warning, critical } = component;
  if (!Number.isFinite(warning) || !Number.isFinite(critical)) return null;
  return { warning, critical, unit: component.unit };
}

/** A component's detail split into what was measured and the thresholds clause the scorer appends. */
export function splitDetail(detail: string): { reading: string; thresholds: string | null } {
  const at = detail.search(/;\s*warning at /i);
  if (at < 0) return { reading: detail, thresholds: null };
  return { reading: detail.slice(0, at).trim(), thresholds: detail.slice(at + 1).trim() };
}

/** Each component's thresholds by its name (cpu, memory, cache_hit, connections, locks, ...). */
export function componentThresholds(health: Pick<HealthNow, 'components'> | undefined): Record<string, Thresholds> {
  const out: Record<string, Thresholds> = {};
  for (const c of health?.components ?? []) {
    const t = thresholdsOf(c);
    if (t) out[c.name] = t;
  }
  return out;
}

/**
 * Warning and critical lines for a chart (an ECharts markLine), the thresholds converted to the chart's scale by
 * `scale` (e.g. connections: percent of max_connections → connections); undefined when there are none.
 */
export function thresholdMarkLine(
  t: Thresholds | undefined | null,
  colors: { warn: string; bad: string },
  scale: (v: number) => number = (v) => v,
) {
  if (!t) return undefined;
  const line = (name: string, value: number, color: string) => ({
    name,
    yAxis: scale(value),
    lineStyle: { color, type: 'dashed', width: 1 },
    label: { formatter: name, position: 'insideStartTop', color, fontSize: 10 },
  });
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    data: [line('warning', t.warning, colors.warn), line('critical', t.critical, colors.bad)],
  };
}

/**
 * The y-axis bounds that keep the threshold lines in view when the data stays clear of them: the maximum for a
 * metric that is bad when high (CPU), the minimum for one that is bad when low (cache hits); each undefined when
 * the axis can scale itself.
 */
export function axisRangeWithThresholds(
  values: number[],
  t: Thresholds | undefined | null,
  scale: (v: number) => number = (v) => v,
): { min?: number; max?: number } {
  if (!t || values.length === 0) return {};
  const warning = scale(t.warning);
  const critical = scale(t.critical);
  const highest = Math.max(...values);
  const lowest = Math.min(...values);
  if (critical > warning) {
    return highest >= critical ? {} : { max: critical * 1.1 };
  }
  if (lowest <= critical) return {};
  const span = Math.max(highest, warning) - critical;
  return { min: Math.max(0, critical - span * 0.1) };
}

/** The lowest and highest score of a history and when the lowest was; null without any score. */
export function scoreRange(
  history: { bucket: string; score: number | null }[],
): { min: number; minAt: string; max: number; measured: number } | null {
  const scored = history.filter(
    (h): h is { bucket: string; score: number } => h.score !== null && Number.isFinite(h.score),
  );
  if (scored.length === 0) return null;
  const lowest = scored.reduce((low, h) => (h.score < low.score ? h : low));
  return {
    min: lowest.score,
    minAt: lowest.bucket,
    max: Math.max(...scored.map((h) => h.score)),
    measured: scored.length,
  };
}

export interface ConnectionSlice {
  state: string;
  count: number;
  tone: Tone;
}

/**
 * Client connections split by state against max_connections: active, idle in transaction, idle, other backends
 * and what is still free. The slices add up to max (or to the total, when the total is above max).
 */
export function connectionSlices(c: DatabaseStatistics['database']['connections']): {
  slices: ConnectionSlice[];
  used: number | null;
} {
  const other = Math.max(0, c.total - c.active - c.idle - c.idleInTransaction);
  const free = Math.max(0, c.max - c.total);
  const slices: ConnectionSlice[] = [
    { state: 'active', count: c.active, tone: 'info' },
    { state: 'idle in transaction', count: c.idleInTransaction, tone: 'warn' },
    { state: 'idle', count: c.idle, tone: 'neutral' },
    { state: 'other', count: other, tone: 'neutral' },
    { state: 'free', count: free, tone: 'ok' },
  ];
  return {
    slices: slices.filter((s) => s.count > 0 || s.state === 'active' || s.state === 'free'),
    used: c.max > 0 ? c.total / c.max : null,
  };
}

export interface IndexFlags {
  /** Never scanned since the statistics were reset, and not there to enforce a constraint. */
  unused: boolean;
  invalid: boolean;
  ours: boolean;
}

/** What the index table marks: unused (no scans, neither primary nor unique), invalid, built by dwpilot. */
export function indexFlags(
  i: Pick<IndexStatistics, 'scans' | 'primary' | 'unique' | 'valid' | 'byDwpilot'>,
): IndexFlags {
  return { unused: i.scans === 0 && !i.primary && !i.unique, invalid: !i.valid, ours: i.byDwpilot };
}

export type IndexView = 'all' | 'unused' | 'dwpilot' | 'invalid';

export function filterIndexes(indexes: IndexStatistics[], view: IndexView): IndexStatistics[] {
  if (view === 'all') return indexes;
  return indexes.filter((i) => {
    const f = indexFlags(i);
    return view === 'unused' ? f.unused : view === 'invalid' ? f.invalid : f.ours;
  });
}

/**
 * What an index definition says beyond its name and table: "btree (sale_date, store_id) INCLUDE (amount)", or the
 * whole definition when it has an unexpected form.
 */
export function indexShape(definition: string): string {
  const match =
    /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?\S+\s+ON\s+(?:ONLY\s+)?\S+\s+(?:USING\s+)?(.*)$/is.exec(
      definition.trim(),
    );
  return match ? match[1] : definition;
}

/** The space unused indexes take: what dropping them would free. */
export function unusedBytes(indexes: IndexStatistics[]): { count: number; bytes: number } {
  const unused = indexes.filter((i) => indexFlags(i).unused);
  return { count: unused.length, bytes: unused.reduce((s, i) => s + i.sizeBytes, 0) };
}

/** The share of a table's scans that were sequential; null when it was never scanned. */
export function seqScanShare(t: { seqScans: number; indexScans: number }): number | null {
  const total = t.seqScans + t.indexScans;
  return total > 0 ? t.seqScans / total : null;
}

/**
 * Critical before warning; within each, the conditions that hold now (no `since`: a health component out of
 * bounds, a failed ETL) before single events, and those newest first; then by key for a stable order.
 */
export function sortAlerts(alerts: Alert[]): Alert[] {
  const rank = (a: Alert) => (a.severity === 'critical' ? 0 : 1);
  const since = (a: Alert) => (a.since ? Date.parse(a.since) : Infinity);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || since(b) - since(a) || a.key.localeCompare(b.key));
}

export function statusTone(status: ComponentStatus | HealthNow['status'] | string): Tone {
  switch (status) {
    case 'ok':
    case 'healthy':
      return 'ok';
    case 'warning':
    case 'degraded':
      return 'warn';
    case 'critical':
      return 'bad';
    default:
      return 'neutral';
  }
}

/** A component's value with its unit as people read it: 97.2 %, 1.31×, 2 locks. */
export function formatComponentValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (unit === '%') return `${value.toFixed(Number.isInteger(value) || value >= 99.95 ? 0 : 1)} %`;
  if (unit === '×') return `${Number.isInteger(value) ? value : value.toFixed(2)}×`;
  const digits = Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

export const ANOMALY_KINDS = ['slow_query', 'failure_burst', 'new_shape', 'metric_spike'];

/** How an anomaly's observed and expected values read: times for queries, counts for bursts, a share for CPU. */
export function anomalyValue(a: Pick<Anomaly, 'kind' | 'metric'>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (a.kind === 'slow_query' || a.kind === 'new_shape') return formatMs(value);
  if (a.kind === 'failure_burst') return `${formatNumber(value, 0)} failures`;
  if (a.metric && /usage|ratio/.test(a.metric)) return formatPercent(value, 0);
  return formatNumber(value, 2);
}

/** observed ÷ expected, when both are known and the expectation is positive. */
export function anomalyFactor(a: Pick<Anomaly, 'observedValue' | 'expectedValue'>): number | null {
  if (a.observedValue === null || a.expectedValue === null || !(a.expectedValue > 0)) return null;
  return a.observedValue / a.expectedValue;
}
