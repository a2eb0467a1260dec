import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { Predictions } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { Segmented } from '../../components/Drawer';
import { EmptyState, ErrorNotice, Skeleton } from '../../components/states';
import { formatCount, formatMs, formatNumber, formatPercent } from '../../shaping/format';
import {
  errorHistogram,
  factorLabel,
  logRange,
  qErrorMedian,
  scatterPoints,
  withinFactor,
} from '../../shaping/modelCharts';
import { isNotFound, usePalette } from '../../components/charts/palette';

export const SAMPLE_SIZES = ['500', '1000', '5000'] as const;
export type SampleSize = (typeof SAMPLE_SIZES)[number];

function usePredictions(limit: SampleSize) {
  return useLiveQuery({
    queryKey: ['ml-predictions', limit],
    queryFn: ({ signal }) => endpoints.predictions({ limit: Number(limit) }, signal),
    invalidateOn: ['model'],
    livePollMs: 30_000,
    fallbackPollMs: 30_000,
  });
}

/** Decade labels of a log time axis: "0.1 ms", "10 ms", "1 s", "100 s". */
function axisMs(v: number): string {
  return v >= 1000 ? `${formatNumber(v / 1000, 3)} s` : `${formatNumber(v, 3)} ms`;
}

/** The states of the predictions both charts share: a skeleton, a readable error, or why there is nothing. */
function PredictionsState({
  query,
  height,
  children,
}: {
  query: ReturnType<typeof usePredictions>;
  height: number;
  children: (data: Predictions) => ReactNode;
}) {
  if (query.data === undefined) {
    if (isNotFound(query.error)) {
      return (
        <EmptyState title="No predictions to compare yet">
          {query.error.message}: the server answers once the cost model predicts executions.
        </EmptyState>
      );
    }
    if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
    return <Skeleton height={height} />;
  }
  if (query.data.points.length === 0) {
    return (
      <EmptyState title="No predicted executions yet">
        Each execution the cost model predicted before it ran appears here with its measured time, once a model serves.
      </EmptyState>
    );
  }
  return <>{children(query.data)}</>;
}

/** Predicted against measured time per execution on log-log axes, with the y = x line and the ×2 band. */
export function PredictionScatter({ limit, onLimit }: { limit: SampleSize; onLimit: (l: SampleSize) => void }) {
  const query = usePredictions(limit);
  const d = query.data;
  const median = d ? (d.qErrorMedian ?? qErrorMedian(d.points)) : null;
  const within = d ? withinFactor(d.points, 2) : null;
  return (
    <Card
      title="Cost predictor: predicted vs actual time"
      testId="prediction-scatter"
      actions={
        <Segmented
          label="Executions"
          value={limit}
          onChange={onLimit}
          options={SAMPLE_SIZES.map((s) => ({ key: s, label: `newest ${formatCount(Number(s))}` }))}
        />
      }
      footer={
        d && d.points.length > 0
          ? `${formatCount(d.n)} newest successful executions that had a prediction; click a point to open the execution.`
          : undefined
      }
    >
      {d && d.points.length > 0 && (
        <div className="chart-stats">
          <span>
            <span className="muted">R² (log time)</span> <strong>{formatNumber(d.r2Log, 3)}</strong>
          </span>
          <span>
            <span className="muted">median q-error</span>{' '}
            <strong>{median !== null ? `×${formatNumber(median, 2)}` : '–'}</strong>
          </span>
          <span>
            <span className="muted">within ×2</span> <strong>{formatPercent(within, 0)}</strong>
          </span>
        </div>
      )}
      <PredictionsState query={query} height={300}>
        {(data) => <Scatter data={data} />}
      </PredictionsState>
    </Card>
  );
}

function Scatter({ data }: { data: Predictions }) {
  const navigate = useNavigate();
  const palette = usePalette();
  const option = useMemo(() => {
    const points = scatterPoints(data.points);
    const [lo, hi] = logRange(points.flatMap((p) => [p[0], p[1]]));
    const guide = (factor: number, name: string, dashed: boolean) => ({
      name,
      type: 'line',
      data: [
        [lo, lo * factor],
        [hi, hi * factor],
      ],
      showSymbol: false,
      silent: true,
      lineStyle: { type: dashed ? 'dashed' : 'dotted', width: 1, color: palette.muted },
      tooltip: { show: false },
    });
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: [number, number, number] }) => {
          const [actual, predicted, id] = p.data;
          const q = Math.max(predicted / actual, actual / predicted);
          return `execution #${id}<br/>actual <b>${formatMs(actual)}</b><br/>predicted <b>${formatMs(predicted)}</b><br/>q-error ×${formatNumber(q, 2)}`;
        },
      },
      grid: { left: 64, right: 20, top: 20, bottom: 48 },
      xAxis: {
        type: 'log',
        min: lo,
        max: hi,
        name: 'actual time',
        nameLocation: 'middle',
        nameGap: 30,
        axisLabel: { formatter: axisMs },
      },
      yAxis: {
        type: 'log',
        min: lo,
        max: hi,
        name: 'predicted time',
        nameLocation: 'middle',
        nameGap: 50,
        axisLabel: { formatter: axisMs },
      },
      series: [
        {
          name: 'executions',
          type: 'scatter',
          data: points,
          symbolSize: 5,
          itemStyle: { color: palette.accent, opacity: 0.45 },
        },
        guide(1, 'y = x', true),
        guide(2, '×2', false),
        guide(0.5, '÷2', false),
      ],
    };
  }, [data, palette]);
  return (
    <Chart
      option={option}
      height={320}
      exportName="cost predictions"
      ariaLabel="Predicted against actual execution time"
      onItemClick={(item) => {
        if (item.seriesIndex === 0 && Array.isArray(item.data)) navigate(`/queries/${(item.data as number[])[2]}`);
      }}
    />
  );
}

/** The distribution of log10(predicted / actual): left of ×1 the model predicted too little, right too much. */
export function ErrorDistribution({ limit }: { limit: SampleSize }) {
  const query = usePredictions(limit);
  const palette = usePalette();
  const option = useMemo(() => {
    const bins = errorHistogram(query.data?.points ?? []);
    const within2 = Math.log10(2);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const b = bins[ps[0].dataIndex];
          return `predicted ${b.from < 0 ? 'too low' : 'too high'}: ${formatNumber(10 ** b.from, 2)}× – ${formatNumber(10 ** b.to, 2)}× the actual time<br/><b>${formatCount(b.count)}</b> executions`;
        },
      },
      grid: { left: 44, right: 16, top: 20, bottom: 52 },
      xAxis: {
        type: 'value',
        min: bins[0]?.from ?? -2,
        max: bins[bins.length - 1]?.to ?? 2,
        interval: 0.5,
        name: 'predicted / actual',
        nameLocation: 'middle',
        nameGap: 30,
        axisLabel: { formatter: factorLabel },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: 'executions',
          barWidth: '92%',
          data: bins.map((b) => ({
            value: [(b.from + b.to) / 2, b.count],
            itemStyle: {
              color: Math.max(Math.abs(b.from), Math.abs(b.to)) <= within2 + 1e-9 ? palette.ok : palette.warn,
            },
          })),
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { color: palette.muted, type: 'dashed' },
            data: [{ xAxis: 0 }],
          },
        },
      ],
    };
  }, [query.data, palette]);
  return (
    <Card
      title="Prediction error distribution"
      testId="prediction-errors"
      footer="log10(predicted / actual) in quarter decades; green: within ×2 of the actual time, the outer bars hold everything beyond ×100."
    >
      <PredictionsState query={query} height={300}>
        {() => (
          <Chart
            option={option}
            height={320}
            exportName="cost prediction errors"
            ariaLabel="Distribution of prediction errors"
          />
        )}
      </PredictionsState>
    </Card>
  );
}
