import { useMemo, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { MetricsBucket, SystemSample, WorkloadSnapshot } from '../../api/types';
import { useFeed } from '../../live/LiveFeedProvider';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { Segmented } from '../../components/Drawer';
import { Loadable, Skeleton } from '../../components/states';
import { formatBytes, formatCompact } from '../../shaping/format';
import { rolling, TIME_RANGES, timePairs, type TimeRangeKey } from '../../shaping/series';
import { usePalette, type Palette } from '../../components/charts/palette';
import {
  axisRangeWithThresholds,
  granularityMs,
  metricsWindow,
  thresholdMarkLine,
  withLiveTail,
  type Thresholds,
} from './shaping';
import { useUrlParams } from '../../urlParams';

type Value = (b: MetricsBucket) => number | null;

interface Line {
  name: string;
  value: Value;
  /** Dashed and thinner: the peak beside an average. */
  secondary?: boolean;
  area?: boolean;
  axis?: 0 | 1;
  thresholds?: Thresholds;
  /** From the thresholds' unit to the chart's. */
  scale?: (v: number) => number;
}

interface Spec {
  key: string;
  title: string;
  unit: (v: number) => string;
  lines: Line[];
  /** A second axis (e.g. operations beside bytes). */
  secondAxis?: (v: number) => string;
  wide?: boolean;
  min?: number;
  max?: number;
}

const pct = (v: number | null) => (v === null ? null : v * 100);

/**
 * The observer's system samples over a chosen range, one small chart per resource, with the health score's warning
 * and critical thresholds drawn where the score has them. The newest points come from the live feed.
 */
export function ResourceCharts({
  thresholds,
  maxConnections,
}: {
  thresholds: Record<string, Thresholds>;
  maxConnections: number | null;
}) {
  const [params, update] = useUrlParams();
  const range = (TIME_RANGES.find((r) => r.key === params.get('range'))?.key ?? '1h') as TimeRangeKey;
  const rangeMs = TIME_RANGES.find((r) => r.key === range)!.ms;
  const setRange = (key: TimeRangeKey) => update({ range: key === '1h' ? null : key });

  // the window is computed when fetching, not in the key: the key stays put while time passes (no skeleton flash)
  const history = useLiveQuery({
    queryKey: ['metrics', 'history', range],
    queryFn: ({ signal }) => endpoints.metricsHistory(metricsWindow(rangeMs), signal),
    livePollMs: Math.max(60_000, granularityMs(metricsWindow(rangeMs).granularity)),
    fallbackPollMs: 15_000,
  });
  const [live, setLive] = useState<SystemSample[]>([]);
  useFeed<WorkloadSnapshot>(['metric'], (m) => {
    const s = m.data.system;
    if (s && !live.some((x) => x.sampledAt === s.sampledAt)) setLive((all) => rolling(all, s, 600));
  });

  const buckets = useMemo(() => {
    const from = Date.now() - rangeMs;
    return withLiveTail(history.data?.buckets ?? [], live).filter((b) => Date.parse(b.bucket) >= from);
  }, [history.data, live, rangeMs]);

  const specs = useMemo(() => chartSpecs(thresholds, maxConnections), [thresholds, maxConnections]);
  return (
    <Card
      title="Resources"
      testId="resource-charts"
      actions={
        <>
          {history.data && (
            <span className="muted text-sm">{history.data.granularity} averages · newest points live</span>
          )}
          <Segmented
            label="Time range"
            value={range}
            onChange={setRange}
            options={TIME_RANGES.map((r) => ({ key: r.key, label: r.label }))}
          />
        </>
      }
    >
      <Loadable
        query={history}
        skeleton={
          <div className="resource-grid">
            {specs.map((s) => (
              <Skeleton key={s.key} height={190} />
            ))}
          </div>
        }
        isEmpty={() => buckets.length === 0}
        emptyTitle="No samples in this range"
        emptyText="The observer samples the host and PostgreSQL every few seconds while the server runs; pick a longer range or wait a moment."
      >
        {() => (
          <div className="resource-grid">
            {specs.map((s) => (
              <ResourceChart key={s.key} spec={s} buckets={buckets} rangeMs={rangeMs} />
            ))}
          </div>
        )}
      </Loadable>
    </Card>
  );
}

function chartSpecs(t: Record<string, Thresholds>, maxConnections: number | null): Spec[] {
  const sameCpuMemory = t.cpu && t.memory && t.cpu.warning === t.memory.warning && t.cpu.critical === t.memory.critical;
  return [
    {
      key: 'cpu-memory',
      title: 'CPU and memory',
      unit: (v) => `${Math.round(v)} %`,
      min: 0,
      wide: true,
      lines: [
        { name: 'CPU', value: (b) => pct(b.avgCpuUsage), thresholds: t.cpu },
        { name: 'CPU peak', value: (b) => pct(b.maxCpuUsage), secondary: true },
        { name: 'memory', value: (b) => pct(b.avgMemoryUsage), thresholds: sameCpuMemory ? undefined : t.memory },
      ],
    },
    {
      key: 'disk',
      title: 'Disk I/O',
      unit: (v) => `${formatBytes(v)}/s`,
      secondAxis: (v) => `${formatCompact(v)} ops`,
      min: 0,
      lines: [
        { name: 'read', value: (b) => b.avgDiskReadBytesPerS, area: true },
        { name: 'write', value: (b) => b.avgDiskWriteBytesPerS, area: true },
        { name: 'operations/s', value: (b) => b.avgIoOperations, axis: 1, secondary: true },
      ],
    },
    {
      key: 'connections',
      title: 'Connections and active queries',
      unit: (v) => formatCompact(v),
      min: 0,
      lines: [
        {
          name: 'connections',
          value: (b) => b.avgConnections,
          area: true,
          // the score's thresholds are percentages of max_connections
          thresholds: maxConnections ? t.connections : undefined,
          scale: (v) => (v / 100) * (maxConnections ?? 0),
        },
        { name: 'active queries', value: (b) => b.avgActiveQueries },
      ],
    },
    {
      key: 'cache',
      title: 'Cache hit ratio',
      unit: (v) => `${v.toFixed(1)} %`,
      max: 100,
      lines: [
        { name: 'hit ratio', value: (b) => pct(b.avgCacheHitRatio), thresholds: t.cache_hit },
        { name: 'lowest', value: (b) => pct(b.minCacheHitRatio), secondary: true },
      ],
    },
    {
      key: 'tps',
      title: 'Transactions per second',
      unit: (v) => formatCompact(v),
      min: 0,
      lines: [
        { name: 'tx/s', value: (b) => b.avgTransactionsPerS, area: true },
        { name: 'peak', value: (b) => b.maxTransactionsPerS, secondary: true },
      ],
    },
    {
      key: 'locks',
      title: 'Locks waiting',
      unit: (v) => formatCompact(v),
      min: 0,
      lines: [
        { name: 'waiting', value: (b) => b.avgLocksWaiting, area: true, thresholds: t.locks },
        { name: 'peak', value: (b) => b.maxLocksWaiting, secondary: true },
      ],
    },
    {
      key: 'queue',
      title: 'Query queue and pool',
      unit: (v) => formatCompact(v),
      min: 0,
      lines: [
        { name: 'queued', value: (b) => b.avgQueueLength, area: true },
        { name: 'queue peak', value: (b) => b.maxQueueLength, secondary: true },
        { name: 'pool size', value: (b) => b.avgQueryPoolSize },
      ],
    },
  ];
}

function ResourceChart({ spec, buckets, rangeMs }: { spec: Spec; buckets: MetricsBucket[]; rangeMs: number }) {
  const palette = usePalette();
  const option = useMemo(() => buildOption(spec, buckets, palette, rangeMs), [spec, buckets, palette, rangeMs]);
  return (
    <div className={spec.wide ? 'resource-chart wide' : 'resource-chart'} data-testid={`resource-${spec.key}`}>
      <h3>{spec.title}</h3>
      <Chart option={option} height={spec.wide ? 210 : 190} exportName={spec.title} ariaLabel={spec.title} />
    </div>
  );
}

function buildOption(spec: Spec, buckets: MetricsBucket[], palette: Palette, rangeMs: number) {
  // the whole chosen range, even where nothing was sampled yet: a server up for ten minutes shows ten minutes of 24 h
  const newest = buckets.length ? Date.parse(buckets[buckets.length - 1].bucket) : Date.now();
  const end = Math.max(Date.now(), newest);
  const series = spec.lines.map((line) => {
    const data = timePairs(buckets, (b) => b.bucket, line.value);
    return {
      name: line.name,
      type: 'line',
      showSymbol: false,
      yAxisIndex: line.axis ?? 0,
      data,
      lineStyle: line.secondary ? { width: 1, type: 'dashed', opacity: 0.7 } : { width: 1.8 },
      areaStyle: line.area ? { opacity: 0.12 } : undefined,
      markLine: thresholdMarkLine(line.thresholds, palette, line.scale),
    };
  });
  // keep a threshold line in view when the data stays far below it
  const firstWithThresholds = spec.lines.find((l) => l.thresholds);
  const values = series.filter((s) => s.yAxisIndex === 0).flatMap((s) => s.data.map((p) => p[1]));
  const fit = axisRangeWithThresholds(values, firstWithThresholds?.thresholds, firstWithThresholds?.scale);
  const max = spec.max ?? fit.max;
  const min = fit.min ?? spec.min;
  const axis = (formatter: (v: number) => string, extra: object = {}, forced = false) => ({
    type: 'value',
    splitLine: { lineStyle: { opacity: 0.5 } },
    ...extra,
    // a bound stretched to show a threshold is no round number: leave its label out
    axisLabel: {
      formatter,
      fontSize: 10,
      showMaxLabel: forced && fit.max !== undefined && spec.max === undefined ? false : undefined,
      showMinLabel: forced && fit.min !== undefined ? false : undefined,
    },
  });
  return {
    // redrawn with every live sample: animating seven charts each time costs more than it shows
    animation: false,
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? spec.unit(v) : '–') },
    grid: { left: 58, right: spec.secondAxis ? 58 : 16, top: 30, bottom: 22 },
    xAxis: { type: 'time', min: end - rangeMs, max: end, axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: [
      axis(spec.unit, { min, max }, true),
      ...(spec.secondAxis ? [axis(spec.secondAxis, { splitLine: { show: false }, min: 0 })] : []),
    ],
    series,
  };
}
