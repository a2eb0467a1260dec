// The models page's charts as data: predicted against actual on log axes, the error distribution, forecast against
// actual with its band and its error over the shown past, anomalies by kind and severity, silhouette by k.
import type { Anomaly, ForecastHistory, Predictions } from '../api/types';

type ForecastPoint = ForecastHistory['points'][number];

/**
 * The mean absolute percentage error over the shown past (buckets with arrivals and a prediction; future buckets and
 * empty ones left out, as the server's MAPE does), with how many buckets it covers; null when none.
 */
export function forecastMape(points: ForecastPoint[]): { mape: number; n: number } | null {
  let sum = 0;
  let n = 0;
  for (const p of points) {
    if (p.future || p.actual === null || p.predicted === null || !(p.actual > 0)) continue;
    sum += Math.abs(p.actual - p.predicted) / p.actual;
    n++;
  }
  return n === 0 ? null : { mape: sum / n, n };
}

export interface ForecastSeries {
  actual: [number, number][];
  predictedPast: [number, number][];
  predictedFuture: [number, number][];
  /** The band as a stack: its lower edge, and its width on top of it. */
  bandLower: [number, number][];
  bandWidth: [number, number][];
  /** Where the future starts (the first future bucket), null when nothing lies ahead. */
  futureFrom: number | null;
}

/** The forecast history as chart series on a time axis (workload time). */
export function forecastSeries(points: ForecastPoint[]): ForecastSeries {
  const out: ForecastSeries = {
    actual: [],
    predictedPast: [],
    predictedFuture: [],
    bandLower: [],
    bandWidth: [],
    futureFrom: null,
  };
  const sorted = [...points].sort((a, b) => Date.parse(a.bucketStart) - Date.parse(b.bucketStart));
  let lastPast: [number, number] | null = null;
  for (const p of sorted) {
    const t = Date.parse(p.bucketStart);
    if (p.actual !== null && !p.future) out.actual.push([t, p.actual]);
    if (p.predicted !== null) {
      if (p.future) {
        if (out.futureFrom === null) {
          out.futureFrom = t;
          if (lastPast) out.predictedFuture.push(lastPast); // joins the two lines
        }
        out.predictedFuture.push([t, p.predicted]);
      } else {
        lastPast = [t, p.predicted];
        out.predictedPast.push(lastPast);
      }
    } else if (p.future && out.futureFrom === null) {
      out.futureFrom = t;
    }
    if (p.lower !== null && p.upper !== null && p.upper >= p.lower) {
      out.bandLower.push([t, p.lower]);
      out.bandWidth.push([t, p.upper - p.lower]);
    }
  }
  return out;
}

/** Decades around the positive values, for a log axis: [10^floor(log10 min), 10^ceil(log10 max)], at least one decade. */
export function logRange(values: number[]): [number, number] {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return [1, 10];
  let low = Math.floor(Math.log10(Math.min(...positive)));
  let high = Math.ceil(Math.log10(Math.max(...positive)));
  if (high <= low) high = low + 1;
  if (!Number.isFinite(low)) low = high - 1;
  return [10 ** low, 10 ** high];
}

/** The points a log-log scatter can draw (both times positive). */
export function scatterPoints(points: Predictions['points']): [number, number, number][] {
  return points.filter((p) => p.predictedMs > 0 && p.actualMs > 0).map((p) => [p.actualMs, p.predictedMs, p.queryId]);
}

/** The median of max(p/a, a/p) over the points, for when the server could not say. */
export function qErrorMedian(points: Predictions['points']): number | null {
  const q = points
    .filter((p) => p.predictedMs > 0 && p.actualMs > 0)
    .map((p) => Math.max(p.predictedMs / p.actualMs, p.actualMs / p.predictedMs))
    .sort((a, b) => a - b);
  if (q.length === 0) return null;
  const mid = Math.floor(q.length / 2);
  return q.length % 2 ? q[mid] : (q[mid - 1] + q[mid]) / 2;
}

export interface ErrorBin {
  /** log10(predicted / actual) at the bin's edges; the outer bins also hold what lies beyond them. */
  from: number;
  to: number;
  label: string;
  count: number;
}

/** A factor as it reads: 10^0.5 → "×3.2", 10^−0.5 → "÷3.2", 10^0 → "×1". */
export function factorLabel(log: number): string {
  const factor = 10 ** Math.abs(log);
  const text = factor >= 10 ? factor.toFixed(0) : factor.toFixed(1).replace(/\.0$/, '');
  return log < 0 ? `÷${text}` : `×${text}`;
}

/**
 * The distribution of log10(predicted / actual) in bins of `width` from −`clip` to +`clip` (what lies beyond falls in
 * the outer bins); negative: the model predicted too little, positive: too much. Labelled by each bin's centre factor.
 */
export function errorHistogram(points: Predictions['points'], width = 0.25, clip = 2): ErrorBin[] {
  const count = Math.round((2 * clip) / width);
  const bins: ErrorBin[] = Array.from({ length: count }, (_, i) => {
    const from = -clip + i * width;
    return { from, to: from + width, label: factorLabel(from + width / 2), count: 0 };
  });
  for (const p of points) {
    if (!(p.predictedMs > 0) || !(p.actualMs > 0)) continue;
    const e = Math.log10(p.predictedMs / p.actualMs);
    const i = Math.min(count - 1, Math.max(0, Math.floor((e + clip) / width)));
    bins[i].count++;
  }
  return bins;
}

// ---- anomalies ----------------------------------------------------------------------------------------------------

export const SEVERITIES = ['high', 'medium', 'low'] as const;

export interface AnomalyCounts {
  byKind: { kind: string; total: number; high: number; medium: number; low: number }[];
  byDetector: { detector: string; total: number }[];
}

/** Anomalies counted per kind (with their severities) and per detector, most frequent first. */
export function anomalyCounts(anomalies: Anomaly[]): AnomalyCounts {
  const kinds = new Map<string, AnomalyCounts['byKind'][number]>();
  const detectors = new Map<string, number>();
  for (const a of anomalies) {
    const k = kinds.get(a.kind) ?? { kind: a.kind, total: 0, high: 0, medium: 0, low: 0 };
    k.total++;
    if (a.severity === 'high' || a.severity === 'medium' || a.severity === 'low') k[a.severity]++;
    kinds.set(a.kind, k);
    detectors.set(a.detector, (detectors.get(a.detector) ?? 0) + 1);
  }
  const byTotal = <T extends { total: number }>(a: T, b: T) => b.total - a.total;
  return {
    byKind: [...kinds.values()].sort((a, b) => byTotal(a, b) || a.kind.localeCompare(b.kind)),
    byDetector: [...detectors.entries()]
      .map(([detector, total]) => ({ detector, total }))
      .sort((a, b) => byTotal(a, b) || a.detector.localeCompare(b.detector)),
  };
}

/**
 * The anomalies as scatter series, one per severity: [detection time, kind row, anomaly id]. `kinds` orders the rows
 * (the most frequent kind at the top of the chart, so it comes last).
 */
export function anomalyScatter(anomalies: Anomaly[]): {
  kinds: string[];
  series: { severity: string; points: [number, number, number][] }[];
} {
  const kinds = anomalyCounts(anomalies)
    .byKind.map((k) => k.kind)
    .reverse();
  const series = SEVERITIES.map((severity) => ({
    severity,
    points: anomalies
      .filter((a) => a.severity === severity)
      .map((a) => [Date.parse(a.detectedAt), kinds.indexOf(a.kind), a.id] as [number, number, number])
      .filter((p) => Number.isFinite(p[0])),
  }));
  return { kinds, series };
}

// ---- clustering ---------------------------------------------------------------------------------------------------

/** Silhouette per k in order of k, the chosen k (the best silhouette) marked. */
export function silhouetteBars(
  byK: Record<string, unknown> | null | undefined,
  chosenK?: number | null,
): { k: number; value: number; chosen: boolean }[] {
  const bars = Object.entries(byK ?? {})
    .map(([k, v]) => ({ k: Number(k), value: typeof v === 'number' ? v : Number(v) }))
    .filter((b) => Number.isFinite(b.k) && Number.isFinite(b.value))
    .sort((a, b) => a.k - b.k);
  const best =
    chosenK ?? bars.reduce<{ k: number; value: number } | null>((m, b) => (!m || b.value > m.value ? b : m), null)?.k;
  return bars.map((b) => ({ ...b, chosen: b.k === best }));
}

/** The share of drawable points predicted within a factor of `factor` of the actual time (null without points). */
export function withinFactor(points: Predictions['points'], factor = 2): number | null {
  const drawable = points.filter((p) => p.predictedMs > 0 && p.actualMs > 0);
  if (drawable.length === 0) return null;
  const inside = drawable.filter(
    (p) => Math.max(p.predictedMs / p.actualMs, p.actualMs / p.predictedMs) <= factor,
  ).length;
  return inside / drawable.length;
}
