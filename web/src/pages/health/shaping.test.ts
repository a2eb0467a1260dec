import { describe, expect, it } from 'vitest';
import type { Alert, IndexStatistics, MetricsBucket, SystemSample } from '../../api/types';
import {
  anomalyFactor,
  anomalyValue,
  axisRangeWithThresholds,
  componentThresholds,
  connectionSlices,
  filterIndexes,
  formatComponentValue,
  granularityFor,
  indexFlags,
  indexShape,
  metricsWindow,
  thresholdsOf,
  scoreRange,
  seqScanShare,
  splitDetail,
  sortAlerts,
  thresholdMarkLine,
  unusedBytes,
  withLiveTail,
} from './shaping';

const HOUR = 3_600_000;

describe('granularityFor and metricsWindow', () => {
  it('picks the finest granularity that draws the range in at most 1500 points', () => {
    expect(granularityFor(HOUR)).toBe('minute');
    expect(granularityFor(6 * HOUR)).toBe('minute');
    expect(granularityFor(24 * HOUR)).toBe('minute');
    expect(granularityFor(7 * 24 * HOUR)).toBe('hour');
    expect(granularityFor(365 * 24 * HOUR)).toBe('day');
  });

  it('ends the window at the next whole bucket so that requests within a bucket are the same', () => {
    const now = Date.parse('2026-01-01T10:20:30Z');
    expect(metricsWindow(HOUR, now)).toEqual({
      start: '2026-01-01T09:21:00.000Z',
      end: '2026-01-01T10:21:00.000Z',
      granularity: 'minute',
    });
    expect(metricsWindow(HOUR, now + 10_000)).toEqual(metricsWindow(HOUR, now));
    expect(metricsWindow(7 * 24 * HOUR, now).end).toBe('2026-01-01T11:00:00.000Z');
  });
});

function sample(at: string, cpu: number): SystemSample {
  return {
    sampledAt: at,
    cpuUsage: cpu,
    memoryUsage: null,
    ioOperations: null,
    diskReadBytesPerS: null,
    diskWriteBytesPerS: null,
    connections: 3,
    activeQueries: 1,
    cacheHitRatio: 0.99,
    transactionsPerS: 5,
    locksWaiting: 0,
    queryPoolSize: 10,
    queueLength: 0,
    simulatedAt: null,
  };
}

describe('withLiveTail', () => {
  const buckets = [
    { bucket: '2026-01-01T10:00:00Z', avgCpuUsage: 0.2 },
    { bucket: '2026-01-01T10:01:00Z', avgCpuUsage: 0.3 },
  ] as MetricsBucket[];

  it('appends the live samples newer than the newest bucket, once each, oldest first', () => {
    const out = withLiveTail(buckets, [
      sample('2026-01-01T10:01:40Z', 0.6),
      sample('2026-01-01T10:00:30Z', 0.9),
      sample('2026-01-01T10:01:20Z', 0.5),
      sample('2026-01-01T10:01:40Z', 0.6),
    ]);
    expect(out.map((b) => b.bucket)).toEqual([
      '2026-01-01T10:00:00Z',
      '2026-01-01T10:01:00Z',
      '2026-01-01T10:01:20Z',
      '2026-01-01T10:01:40Z',
    ]);
    expect(out[3].avgCpuUsage).toBe(0.6);
    expect(out[3].minCacheHitRatio).toBe(0.99);
  });

  it('draws the live samples alone before the first history arrives', () => {
    expect(withLiveTail([], [sample('2026-01-01T10:00:00Z', 0.1)])).toHaveLength(1);
  });
});

describe('thresholdsOf', () => {
  it("takes the thresholds the server gives, in the component's unit", () => {
    expect(thresholdsOf({ warning: 85, critical: 95, unit: '%' })).toEqual({ warning: 85, critical: 95, unit: '%' });
    expect(thresholdsOf({ warning: 98.5, critical: 95, unit: '%' })?.warning).toBe(98.5);
  });

  it('is null when they are not numbers', () => {
    expect(thresholdsOf({ warning: Number.NaN, critical: 95, unit: '%' })).toBeNull();
  });

  it('collects the thresholds by component, measured or not', () => {
    const t = componentThresholds({
      components: [
        {
          name: 'cpu',
          label: 'CPU',
          score: 90,
          weight: 1,
          value: 40,
          unit: '%',
          warning: 80,
          critical: 95,
          status: 'ok',
          detail: 'x',
        },
        {
          name: 'locks',
          label: 'Locks',
          score: null,
          weight: 1,
          value: null,
          unit: 'locks',
          warning: 1,
          critical: 5,
          status: 'unknown',
          detail: 'not measured',
        },
      ],
    });
    expect(t).toEqual({
      cpu: { warning: 80, critical: 95, unit: '%' },
      locks: { warning: 1, critical: 5, unit: 'locks' },
    });
  });
});

describe('thresholdMarkLine and axisRangeWithThresholds', () => {
  const colors = { warn: 'orange', bad: 'red' };
  const t = { warning: 80, critical: 95, unit: '%' };

  it('draws the two thresholds on the chart scale', () => {
    const line = thresholdMarkLine(t, colors, (v) => (v / 100) * 200)!;
    expect(line.data.map((d) => [d.name, d.yAxis, d.lineStyle.color])).toEqual([
      ['warning', 160, 'orange'],
      ['critical', 190, 'red'],
    ]);
    expect(thresholdMarkLine(null, colors)).toBeUndefined();
  });

  it('stretches the axis up to a high threshold unless the data reaches it', () => {
    expect(axisRangeWithThresholds([10, 20], t).max).toBeCloseTo(104.5);
    expect(axisRangeWithThresholds([10, 99], t)).toEqual({});
    expect(axisRangeWithThresholds([10], undefined)).toEqual({});
    expect(axisRangeWithThresholds([], t)).toEqual({});
  });

  it('stretches the axis down to a low threshold (cache hits) unless the data falls to it', () => {
    const low = { warning: 98, critical: 95, unit: '%' };
    expect(axisRangeWithThresholds([99.5, 100], low).min).toBeCloseTo(94.5);
    expect(axisRangeWithThresholds([94, 100], low)).toEqual({});
  });
});

describe('connectionSlices', () => {
  it('splits the connections by state against max_connections', () => {
    const { slices, used } = connectionSlices({
      total: 20,
      active: 5,
      idle: 10,
      idleInTransaction: 2,
      waiting: 1,
      max: 100,
    });
    expect(slices.map((s) => [s.state, s.count])).toEqual([
      ['active', 5],
      ['idle in transaction', 2],
      ['idle', 10],
      ['other', 3],
      ['free', 80],
    ]);
    expect(slices.reduce((s, x) => s + x.count, 0)).toBe(100);
    expect(used).toBeCloseTo(0.2);
  });

  it('leaves out empty states but keeps active and free', () => {
    const { slices } = connectionSlices({
      total: 100,
      active: 0,
      idle: 100,
      idleInTransaction: 0,
      waiting: 0,
      max: 100,
    });
    expect(slices.map((s) => s.state)).toEqual(['active', 'idle', 'free']);
  });
});

function index(over: Partial<IndexStatistics>): IndexStatistics {
  return {
    schema: 'gold',
    table: 't',
    name: 'ix',
    sizeBytes: 100,
    scans: 0,
    tuplesRead: 0,
    unique: false,
    primary: false,
    valid: true,
    byDwpilot: false,
    definition: '',
    ...over,
  };
}

describe('index flags', () => {
  const indexes = [
    index({ name: 'pk', primary: true, unique: true }),
    index({ name: 'uq', unique: true }),
    index({ name: 'unused', sizeBytes: 1000 }),
    index({ name: 'used', scans: 5 }),
    index({ name: 'dwpilot_ix_a', byDwpilot: true, scans: 2 }),
    index({ name: 'broken', valid: false, scans: 3 }),
  ];

  it('flags an unused index only when it enforces no constraint', () => {
    expect(indexes.filter((i) => indexFlags(i).unused).map((i) => i.name)).toEqual(['unused']);
    expect(unusedBytes(indexes)).toEqual({ count: 1, bytes: 1000 });
  });

  it('filters by flag', () => {
    expect(filterIndexes(indexes, 'dwpilot').map((i) => i.name)).toEqual(['dwpilot_ix_a']);
    expect(filterIndexes(indexes, 'invalid').map((i) => i.name)).toEqual(['broken']);
    expect(filterIndexes(indexes, 'all')).toHaveLength(6);
  });
});

describe('seqScanShare', () => {
  it('is the sequential share of the scans, null without scans', () => {
    expect(seqScanShare({ seqScans: 3, indexScans: 1 })).toBeCloseTo(0.75);
    expect(seqScanShare({ seqScans: 0, indexScans: 0 })).toBeNull();
  });
});

describe('sortAlerts', () => {
  const alert = (key: string, severity: Alert['severity'], since: string | null): Alert => ({
    key,
    severity,
    source: 's',
    message: key,
    value: null,
    threshold: null,
    since,
    anomalyId: null,
  });

  it('puts critical first, then what holds now, then the newest events', () => {
    const sorted = sortAlerts([
      alert('w-new', 'warning', '2026-01-01T10:00:00Z'),
      alert('c-new', 'critical', '2026-01-01T11:00:00Z'),
      alert('w-now', 'warning', null),
      alert('w-old', 'warning', '2026-01-01T09:00:00Z'),
      alert('c-old', 'critical', '2026-01-01T08:00:00Z'),
      alert('c-now', 'critical', null),
    ]);
    expect(sorted.map((a) => a.key)).toEqual(['c-now', 'c-new', 'c-old', 'w-now', 'w-new', 'w-old']);
  });
});

describe('formatComponentValue', () => {
  it('writes each unit as people read it', () => {
    expect(formatComponentValue(97.23, '%')).toBe('97.2 %');
    expect(formatComponentValue(100, '%')).toBe('100 %');
    expect(formatComponentValue(1.314, '×')).toBe('1.31×');
    expect(formatComponentValue(98, '%')).toBe('98 %');
    expect(formatComponentValue(3, '×')).toBe('3×');
    expect(formatComponentValue(2, 'locks')).toBe('2 locks');
    expect(formatComponentValue(null, '%')).toBe('–');
  });
});

describe('anomalyValue and anomalyFactor', () => {
  it("reads values in the kind's unit", () => {
    expect(anomalyValue({ kind: 'slow_query', metric: null }, 211.2)).toBe('211 ms');
    expect(anomalyValue({ kind: 'failure_burst', metric: null }, 12)).toBe('12 failures');
    expect(anomalyValue({ kind: 'metric_spike', metric: 'cpu_usage' }, 0.93)).toBe('93 %');
    expect(anomalyValue({ kind: 'metric_spike', metric: 'locks_waiting' }, 7)).toBe('7');
    expect(anomalyValue({ kind: 'slow_query', metric: null }, null)).toBe('–');
  });

  it('is the factor over the norm only when there is a positive norm', () => {
    expect(anomalyFactor({ observedValue: 200, expectedValue: 8 })).toBe(25);
    expect(anomalyFactor({ observedValue: 200, expectedValue: null })).toBeNull();
    expect(anomalyFactor({ observedValue: 200, expectedValue: 0 })).toBeNull();
  });
});

describe('indexShape', () => {
  it('keeps the method, the columns and what follows', () => {
    expect(
      indexShape(
        'CREATE INDEX dwpilot_ix_a ON silver.sales_cleaned USING btree (sale_date, store_id) INCLUDE (amount)',
      ),
    ).toBe('btree (sale_date, store_id) INCLUDE (amount)');
    expect(indexShape('CREATE UNIQUE INDEX t_pkey ON ONLY gold.t USING btree (id)')).toBe('btree (id)');
    expect(indexShape('CREATE INDEX p ON gold.t USING btree (a) WHERE (b > 0)')).toBe('btree (a) WHERE (b > 0)');
    expect(indexShape('something else')).toBe('something else');
  });
});

describe('scoreRange', () => {
  it('finds the lowest and highest measured score', () => {
    expect(
      scoreRange([
        { bucket: 'a', score: null },
        { bucket: 'b', score: 70 },
        { bucket: 'c', score: 52 },
        { bucket: 'd', score: 91 },
      ]),
    ).toEqual({ min: 52, minAt: 'c', max: 91, measured: 3 });
    expect(scoreRange([{ bucket: 'a', score: null }])).toBeNull();
  });
});

describe('splitDetail', () => {
  it('separates the reading from the thresholds clause', () => {
    expect(splitDetail('11 of 100 max_connections; warning at 80%, critical at 95%')).toEqual({
      reading: '11 of 100 max_connections',
      thresholds: 'warning at 80%, critical at 95%',
    });
    expect(splitDetail('not measured')).toEqual({ reading: 'not measured', thresholds: null });
  });
});
