import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../api/types';
import {
  anomalyCounts,
  anomalyScatter,
  errorHistogram,
  factorLabel,
  forecastMape,
  forecastSeries,
  logRange,
  qErrorMedian,
  scatterPoints,
  silhouetteBars,
  withinFactor,
} from './modelCharts';

const fp = (
  minute: number,
  actual: number | null,
  predicted: number | null,
  future = false,
  lower: number | null = null,
  upper: number | null = null,
) => ({
  bucketStart: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  actual,
  predicted,
  lower,
  upper,
  future,
});

describe('forecastMape', () => {
  it('averages |actual − predicted| / actual over the past buckets with arrivals and a prediction', () => {
    const mape = forecastMape([fp(0, 10, 12), fp(5, 20, 15), fp(10, 0, 3), fp(15, 5, null), fp(20, null, 4, true)]);
    expect(mape!.n).toBe(2);
    expect(mape!.mape).toBeCloseTo((0.2 + 0.25) / 2);
    expect(forecastMape([fp(0, null, 3, true)])).toBeNull();
  });
});

describe('forecastSeries', () => {
  it('splits the prediction at the present, joins the two lines and stacks the band', () => {
    const s = forecastSeries([fp(5, 20, 15, false, 10, 25), fp(0, 10, 12), fp(10, null, 18, true, 12, 24)]);
    const t = (m: number) => Date.UTC(2026, 0, 1, 0, m);
    expect(s.actual).toEqual([
      [t(0), 10],
      [t(5), 20],
    ]);
    expect(s.predictedPast).toEqual([
      [t(0), 12],
      [t(5), 15],
    ]);
    expect(s.predictedFuture).toEqual([
      [t(5), 15],
      [t(10), 18],
    ]);
    expect(s.futureFrom).toBe(t(10));
    expect(s.bandLower).toEqual([
      [t(5), 10],
      [t(10), 12],
    ]);
    expect(s.bandWidth).toEqual([
      [t(5), 15],
      [t(10), 12],
    ]);
  });
});

describe('logRange', () => {
  it('spans whole decades around the positive values', () => {
    expect(logRange([0.3, 45, 0, -1])).toEqual([0.1, 100]);
    expect(logRange([10, 10])).toEqual([10, 100]);
    expect(logRange([])).toEqual([1, 10]);
  });
});

const pp = (predictedMs: number, actualMs: number, queryId = 1) => ({
  queryId,
  fingerprint: null,
  predictedMs,
  actualMs,
  executedAt: '2026-01-01T00:00:00Z',
});

describe('errorHistogram', () => {
  it('bins log10(predicted / actual), the outer bins holding what lies beyond', () => {
    const bins = errorHistogram([pp(10, 10), pp(12, 10), pp(1000, 1), pp(1, 1000), pp(0, 5), pp(5, 10)], 0.5, 1);
    expect(bins.map((b) => [b.from, b.to, b.label, b.count])).toEqual([
      [-1, -0.5, '÷5.6', 1],
      [-0.5, 0, '÷1.8', 1],
      [0, 0.5, '×1.8', 2],
      [0.5, 1, '×5.6', 1],
    ]);
  });
});

describe('factorLabel', () => {
  it('writes a log10 factor as a multiple or a fraction', () => {
    expect([factorLabel(0), factorLabel(1), factorLabel(-1), factorLabel(0.5), factorLabel(-2)]).toEqual([
      '×1',
      '×10',
      '÷10',
      '×3.2',
      '÷100',
    ]);
  });
});

describe('scatter helpers', () => {
  it('keeps drawable points as [actual, predicted, id] and computes the median q-error', () => {
    expect(scatterPoints([pp(2, 1, 7), pp(0, 1, 8)])).toEqual([[1, 2, 7]]);
    expect(qErrorMedian([pp(2, 1), pp(1, 4), pp(3, 3)])).toBe(2);
    expect(qErrorMedian([pp(2, 1), pp(1, 4)])).toBe(3);
    expect(qErrorMedian([])).toBeNull();
  });
  it('tells the share predicted within a factor', () => {
    expect(withinFactor([pp(2, 1), pp(1, 4), pp(3, 3), pp(0, 3)], 2)).toBeCloseTo(2 / 3);
    expect(withinFactor([], 2)).toBeNull();
  });
});

const anomaly = (
  id: number,
  kind: string,
  severity: Anomaly['severity'],
  detector: string,
  minute: number,
): Anomaly => ({
  id,
  kind,
  severity,
  detector,
  detectedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  fingerprint: null,
  queryId: null,
  metric: null,
  observedValue: null,
  expectedValue: null,
  score: null,
  description: '',
  acknowledged: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
  simulatedAt: null,
});

describe('anomalies', () => {
  const list = [
    anomaly(1, 'slow_query', 'high', 'watcher', 0),
    anomaly(2, 'slow_query', 'low', 'iforest', 1),
    anomaly(3, 'metric_spike', 'high', 'watcher', 2),
  ];
  it('counts per kind with severities and per detector, most frequent first', () => {
    expect(anomalyCounts(list)).toEqual({
      byKind: [
        { kind: 'slow_query', total: 2, high: 1, medium: 0, low: 1 },
        { kind: 'metric_spike', total: 1, high: 1, medium: 0, low: 0 },
      ],
      byDetector: [
        { detector: 'watcher', total: 2 },
        { detector: 'iforest', total: 1 },
      ],
    });
  });
  it('plots one series per severity with the most frequent kind on the top row', () => {
    const s = anomalyScatter(list);
    expect(s.kinds).toEqual(['metric_spike', 'slow_query']);
    expect(s.series[0]).toEqual({
      severity: 'high',
      points: [
        [Date.UTC(2026, 0, 1, 0, 0), 1, 1],
        [Date.UTC(2026, 0, 1, 0, 2), 0, 3],
      ],
    });
    expect(s.series[1].points).toEqual([]);
  });
});

describe('silhouetteBars', () => {
  it('orders by k and marks the chosen (or best) k', () => {
    expect(silhouetteBars({ 10: 0.2, 2: 0.335, 3: 0.23 })).toEqual([
      { k: 2, value: 0.335, chosen: true },
      { k: 3, value: 0.23, chosen: false },
      { k: 10, value: 0.2, chosen: false },
    ]);
    expect(silhouetteBars({ 2: 0.3, 3: 0.2 }, 3).map((b) => b.chosen)).toEqual([false, true]);
    expect(silhouetteBars(null)).toEqual([]);
  });
});
