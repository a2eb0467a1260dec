import { useMemo, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { QueryTimeseries } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { Segmented } from '../../components/Drawer';
import { Loadable, Skeleton } from '../../components/states';
import { rangeWindow, TIME_RANGES, timePairs, type TimeRangeKey } from '../../shaping/series';
import { formatMs } from '../../shaping/format';

/** Latency (average, p95, p99) and executions per bucket over a chosen range, with zoom and pan. */
export function PerformanceChart() {
  const [range, setRange] = useState<TimeRangeKey>('1h');
  const window = rangeWindow(range);
  const series = useLiveQuery({
    queryKey: ['timeseries', window],
    queryFn: ({ signal }) => endpoints.timeseries(window, signal),
    livePollMs: Math.max(15_000, window.bucketSeconds * 1000),
    fallbackPollMs: 15_000,
  });
  return (
    <Card
      title="Query performance over time"
      testId="performance-chart"
      actions={
        <Segmented
          label="Time range"
          value={range}
          onChange={setRange}
          options={TIME_RANGES.map((r) => ({ key: r.key, label: r.label }))}
        />
      }
    >
      <Loadable
        query={series}
        skeleton={<Skeleton height={280} />}
        isEmpty={(d) => d.points.every((p) => p.count === 0)}
        emptyTitle="No executions in this range"
      >
        {(data) => <PerformanceLines data={data} />}
      </Loadable>
    </Card>
  );
}

function PerformanceLines({ data }: { data: QueryTimeseries }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(1) : v) },
      legend: { top: 0, left: 'center' },
      grid: { left: 64, right: 48, top: 40, bottom: 56 },
      xAxis: { type: 'time' },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => formatMs(v) } },
        { type: 'value', splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${v} q` } },
      ],
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series: [
        {
          name: 'executions',
          type: 'bar',
          yAxisIndex: 1,
          data: timePairs(
            data.points,
            (p) => p.bucket,
            (p) => p.count,
          ),
          itemStyle: { opacity: 0.35 },
        },
        {
          name: 'average',
          type: 'line',
          showSymbol: false,
          data: timePairs(
            data.points,
            (p) => p.bucket,
            (p) => p.avgMs,
          ),
        },
        {
          name: 'p95',
          type: 'line',
          showSymbol: false,
          data: timePairs(
            data.points,
            (p) => p.bucket,
            (p) => p.p95Ms,
          ),
        },
        {
          name: 'p99',
          type: 'line',
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          data: timePairs(
            data.points,
            (p) => p.bucket,
            (p) => p.p99Ms,
          ),
        },
      ],
    }),
    [data],
  );
  return <Chart option={option} height={280} exportName="query performance" />;
}
