// The query detail's numbers: how far the cost model was off, and its predictions against the measured times.
import type { LoggedQuery, Optimization } from '../../api/types';
import { helpedQueries } from '../../shaping/optimization';

export interface PredictionVerdict {
  /** actual / predicted. */
  ratio: number;
  /** max(ratio, 1/ratio): how many times off, whichever the direction (1 is perfect). */
  qError: number;
  text: string;
  tone: 'ok' | 'warn' | 'bad';
}

/** How the cost model's prediction compares with the measured time; null when either is missing. */
export function predictionVerdict(
  predictedMs: number | null | undefined,
  actualMs: number | null | undefined,
): PredictionVerdict | null {
  if (predictedMs == null || actualMs == null || !(predictedMs > 0) || !(actualMs > 0)) return null;
  const ratio = actualMs / predictedMs;
  const qError = Math.max(ratio, 1 / ratio);
  const times = qError < 10 ? qError.toFixed(1) : Math.round(qError).toString();
  const text =
    qError < 1.1 ? 'on target' : ratio > 1 ? `${times}× slower than predicted` : `${times}× faster than predicted`;
  return { ratio, qError, text, tone: qError < 2 ? 'ok' : qError < 5 ? 'warn' : 'bad' };
}

export interface ScatterPoint {
  /** [predicted ms, actual ms, query id]. */
  value: [number, number, number];
  current: boolean;
}

export interface PredictionScatter {
  points: ScatterPoint[];
  /** The y = x line's ends: both axes span the same range, so the line is the diagonal. */
  range: [number, number];
  /** Median q-error of the points, null when there are none. */
  qErrorMedian: number | null;
  /** How many of the given executions had no prediction (or no time). */
  unpredicted: number;
}

/**
 * Predicted against actual time of a fingerprint's recent successful executions, for log axes: points need both
 * values above zero. The range covers every point on both axes, widened to whole decades (what a log axis labels),
 * so the diagonal runs corner to corner of a square plot.
 */
export function predictionScatter(rows: LoggedQuery[], currentId?: number): PredictionScatter {
  const points: ScatterPoint[] = [];
  let unpredicted = 0;
  for (const q of rows) {
    if (q.status !== 'ok') continue;
    if (
      q.predictedTimeMs == null ||
      q.executionTimeMs == null ||
      !(q.predictedTimeMs > 0) ||
      !(q.executionTimeMs > 0)
    ) {
      unpredicted++;
      continue;
    }
    points.push({ value: [q.predictedTimeMs, q.executionTimeMs, q.queryId], current: q.queryId === currentId });
  }
  if (points.length === 0) return { points, range: [1, 10], qErrorMedian: null, unpredicted };
  const all = points.flatMap((p) => [p.value[0], p.value[1]]);
  let range: [number, number] = [decadeDown(Math.min(...all)), decadeUp(Math.max(...all))];
  if (range[0] === range[1]) range = [range[0], range[1] * 10];
  const errors = points.map((p) => Math.max(p.value[1] / p.value[0], p.value[0] / p.value[1])).sort((a, b) => a - b);
  const mid = Math.floor(errors.length / 2);
  const qErrorMedian = errors.length % 2 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2;
  return { points, range, qErrorMedian, unpredicted };
}

/** The power of ten at or below x (x > 0). */
export function decadeDown(x: number): number {
  return 10 ** Math.floor(Math.log10(x) + 1e-9);
}

/** The power of ten at or above x (x > 0). */
export function decadeUp(x: number): number {
  return 10 ** Math.ceil(Math.log10(x) - 1e-9);
}

/** Whether an optimization is about a fingerprint: it names it, or (an index) its recommendation says it helps it. */
export function concernsFingerprint(o: Pick<Optimization, 'fingerprints' | 'details'>, fingerprint: string): boolean {
  return o.fingerprints.includes(fingerprint) || helpedQueries(o).some((h) => h.fingerprint === fingerprint);
}
