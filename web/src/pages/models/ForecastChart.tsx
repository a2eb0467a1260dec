import { useMemo } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { ForecastHistory } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { EmptyState, ErrorNotice, Skeleton } from '../../components/states';
import { formatDateTime, formatNumber, formatPercent } from '../../shaping/format';
import { forecastMape, forecastSeries } from '../../shaping/modelCharts';
import { isNotFound, usePalette } from '../../components/charts/palette';

/**
 * Forecast against actual arrivals over the past 24 hours of workload time (what the latest forecast before each
 * bucket predicted), then the newest forecast's hours ahead with its confidence band; the MAPE of the shown past.
 */
export function ForecastChart() {
  const query = useLiveQuery({
    queryKey: ['forecast-history', 'total', 24],
    queryFn: ({ signal }) => endpoints.forecastHistory({ target: 'total', hours: 24 }, signal),
    invalidateOn: ['forecast'],
    throttleMs: 5000,
    fallbackPollMs: 30_000,
  });
  const d = query.data;
  const mape = d ? forecastMape(d.points) : null;
  return (
    <Card
      title="Workload forecast vs actual"
      testId="forecast-chart"
      actions={
        mape ? (
          <span
            className="chart-stat-pill"
            title={`mean absolute percentage error over ${mape.n} past buckets with arrivals`}
          >
            MAPE shown past <strong>{formatPercent(mape.mape, 1)}</strong>
          </span>
        ) : undefined
      }
      footer={
        d?.madeAt
          ? `Arrivals per ${d.bucketMinutes} min, all statements; newest forecast by ${d.model ?? 'the forecaster'} made ${formatDateTime(d.madeAt)} (workload time).`
          : undefined
      }
    >
      {d === undefined ? (
        isNotFound(query.error) ? (
          <EmptyState title="No forecast yet">
            {query.error.message}. The forecaster publishes once it has seen enough history (its card on the Agents page
            counts the buckets).
          </EmptyState>
        ) : query.error ? (
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Skeleton height={300} />
        )
      ) : d.points.length === 0 ? (
        <EmptyState title="No forecast yet">
          The forecaster publishes once it has seen enough history; the actual arrivals and its predictions appear here
          then.
        </EmptyState>
      ) : (
        <>
          {d.points.every((p) => p.predicted === null) && (
            <p className="muted small-print">
              No forecast was published for these hours yet (the forecaster warms up on history first): only the actual
              arrivals are drawn.
            </p>
          )}
          <ForecastLines data={d} />
        </>
      )}
    </Card>
  );
}

function ForecastLines({ data }: { data: ForecastHistory }) {
  const palette = usePalette();
  const option = useMemo(() => {
    const s = forecastSeries(data.points);
    const line = { type: 'line', showSymbol: false, symbol: 'none' };
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number) => (typeof v === 'number' ? formatNumber(v, 1) : v),
      },
      legend: { top: 0, left: 0, data: ['actual', 'predicted then', 'forecast ahead', 'confidence band'] },
      grid: { left: 44, right: 24, top: 36, bottom: 48 },
      xAxis: {
        type: 'time',
        name: 'workload time',
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: {
          hideOverlap: true,
          formatter: { year: '{yyyy}', month: '{MMM}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}' },
        },
      },
      yAxis: { type: 'value', minInterval: 1 },
      dataZoom: [{ type: 'inside' }],
      series: [
        {
          ...line,
          name: 'band-lower',
          data: s.bandLower,
          stack: 'band',
          lineStyle: { opacity: 0 },
          tooltip: { show: false },
          silent: true,
        },
        {
          ...line,
          name: 'confidence band',
          data: s.bandWidth,
          stack: 'band',
          lineStyle: { opacity: 0 },
          color: palette.accent,
          areaStyle: { color: palette.accent, opacity: 0.14 },
          tooltip: { show: false },
          silent: true,
        },
        { ...line, name: 'actual', data: s.actual, color: palette.text, lineStyle: { width: 1.6 } },
        {
          ...line,
          name: 'predicted then',
          data: s.predictedPast,
          color: palette.accent,
          lineStyle: { type: 'dashed', width: 1.4 },
        },
        {
          ...line,
          name: 'forecast ahead',
          data: s.predictedFuture,
          color: palette.accent,
          lineStyle: { width: 2.2 },
          markLine:
            s.futureFrom === null
              ? undefined
              : {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: palette.muted, type: 'solid' },
                  label: { formatter: 'newest forecast', position: 'insideEndTop', color: palette.muted },
                  data: [{ xAxis: s.futureFrom }],
                },
        },
      ],
    };
  }, [data, palette]);
  return (
    <Chart option={option} height={320} exportName="workload forecast" ariaLabel="Forecast against actual arrivals" />
  );
}
