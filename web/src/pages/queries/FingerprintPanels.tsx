// The panels of the query detail that are about the statement (its fingerprint) rather than the one execution.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { Optimization, QueryTimeseries } from '../../api/types';
import { useSession } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { Segmented } from '../../components/Drawer';
import { Badge, Loadable, Skeleton } from '../../components/states';
import { formatAgo, formatCount, formatDateTime, formatMs, formatNumber, formatPercent } from '../../shaping/format';
import { speedOf } from '../../shaping/live';
import { estimatedEffect, optimizationSubject, statusTone } from '../../shaping/optimization';
import { rangeWindow, TIME_RANGES, timePairs, type TimeRangeKey } from '../../shaping/series';
import { usePalette } from '../../components/charts/palette';
import { concernsFingerprint, predictionScatter } from './detail';
import { errorRate } from './topQueries';

/** The statement's statistics over every logged execution: how often, how fast, how often it fails. */
export function FingerprintStats({ fingerprint }: { fingerprint: string }) {
  const thresholds = useSession().thresholds;
  const stats = useLiveQuery({
    queryKey: ['queries-statistics', { fingerprint }],
    queryFn: ({ signal }) => endpoints.statistics({ fingerprint, limit: 1 }, signal),
    invalidateOn: ['query'],
    throttleMs: 10_000,
  });
  return (
    <Card title="Its statement" testId="fingerprint-stats">
      <Loadable
        query={stats}
        skeleton={<Skeleton lines={4} />}
        isEmpty={(rows) => !rows.some((r) => r.fingerprint === fingerprint)}
        emptyTitle="No statistics yet"
        emptyText="Statistics cover the logged executions of this fingerprint."
      >
        {(rows) => {
          const s = rows.find((r) => r.fingerprint === fingerprint)!;
          const speed = (ms: number) =>
            s.executions ? <span className={`speed-${speedOf(ms, thresholds)}`}>{formatMs(ms)}</span> : '–';
          return (
            <>
              <div className="mini-stats">
                <div>
                  <span>runs</span>
                  <strong>{formatCount(s.executions)}</strong>
                </div>
                <div>
                  <span>errors</span>
                  <strong className={s.errors ? 'delta-bad' : undefined}>{formatCount(s.errors)}</strong>
                </div>
                <div>
                  <span>mean</span>
                  <strong>{speed(s.meanMs)}</strong>
                </div>
                <div>
                  <span>p50</span>
                  <strong>{speed(s.p50Ms)}</strong>
                </div>
                <div>
                  <span>p95</span>
                  <strong>{speed(s.p95Ms)}</strong>
                </div>
                <div>
                  <span>max</span>
                  <strong>{speed(s.maxMs)}</strong>
                </div>
                <div>
                  <span>total</span>
                  <strong>{formatMs(s.totalMs)}</strong>
                </div>
                <div>
                  <span>error rate</span>
                  <strong>{formatPercent(errorRate(s), 1)}</strong>
                </div>
              </div>
              <dl className="facts" style={{ marginTop: 10 }}>
                <dt>Last seen</dt>
                <dd>
                  {formatDateTime(s.lastSeen)} <span className="muted">({formatAgo(s.lastSeen)})</span>
                </dd>
                {s.tables?.length > 0 && (
                  <>
                    <dt>Tables</dt>
                    <dd className="mono">{s.tables.join(', ')}</dd>
                  </>
                )}
                {s.lastError && (
                  <>
                    <dt>Last error</dt>
                    <dd className="error-text">{s.lastError}</dd>
                  </>
                )}
              </dl>
            </>
          );
        }}
      </Loadable>
    </Card>
  );
}

/** The statement's average and p95 time and its executions over a chosen range. */
export function FingerprintTimeline({ fingerprint }: { fingerprint: string }) {
  const [range, setRange] = useState<TimeRangeKey>('1h');
  const window = rangeWindow(range);
  const series = useLiveQuery({
    queryKey: ['timeseries', window, fingerprint],
    queryFn: ({ signal }) => endpoints.timeseries({ ...window, fingerprint }, signal),
    livePollMs: Math.max(15_000, window.bucketSeconds * 1000),
    fallbackPollMs: 15_000,
    keepPrevious: true,
  });
  return (
    <Card
      title="Performance over time"
      testId="fingerprint-timeline"
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
        skeleton={<Skeleton height={220} />}
        isEmpty={(d) => d.points.every((p) => p.count === 0 && p.failed === 0)}
        emptyTitle={`No executions in the last ${TIME_RANGES.find((r) => r.key === range)?.label}`}
        emptyText="Pick a longer range above; the chart fills as the statement runs again."
      >
        {(d) => <TimelineChart data={d} />}
      </Loadable>
    </Card>
  );
}

function TimelineChart({ data }: { data: QueryTimeseries }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? formatNumber(v, 1) : v) },
      legend: { top: 0, left: 0, itemWidth: 14 },
      grid: { left: 8, right: 8, top: 34, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'time' },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => (v === 0 ? '0' : formatMs(v)) } },
        {
          type: 'value',
          splitLine: { show: false },
          minInterval: 1,
          axisLabel: { formatter: (v: number) => `${v} runs` },
        },
      ],
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
          itemStyle: { opacity: 0.3 },
        },
        {
          name: 'average',
          type: 'line',
          showSymbol: false,
          connectNulls: false,
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
          lineStyle: { type: 'dashed' },
          data: timePairs(
            data.points,
            (p) => p.bucket,
            (p) => p.p95Ms,
          ),
        },
      ],
    }),
    [data],
  );
  return (
    <Chart
      option={option}
      height={230}
      exportName="statement performance"
      ariaLabel="Average and p95 time of this statement over time"
    />
  );
}

/** Predicted against measured time of the statement's recent executions: on the diagonal, the cost model was right. */
export function PredictionsFor({
  fingerprint,
  currentId,
  onOpen,
}: {
  fingerprint: string;
  currentId: number;
  onOpen: (id: number) => void;
}) {
  const recent = useLiveQuery({
    queryKey: ['queries-history', { fingerprint, size: 200 }],
    queryFn: ({ signal }) => endpoints.queryHistory({ fingerprint, size: 200 }, signal),
    invalidateOn: ['query'],
    throttleMs: 10_000,
  });
  const scatter = useMemo(() => predictionScatter(recent.data?.items ?? [], currentId), [recent.data, currentId]);
  return (
    <Card
      title="Predicted vs actual"
      testId="prediction-scatter"
      footer={
        recent.data &&
        scatter.points.length > 0 && (
          <>
            {formatCount(scatter.points.length)} recent successful runs · median q-error ×
            {formatNumber(scatter.qErrorMedian, 2)}
            {scatter.unpredicted > 0 && ` · ${formatCount(scatter.unpredicted)} without a prediction`}. Click a point to
            open it.
          </>
        )
      }
    >
      <Loadable
        query={recent}
        skeleton={<Skeleton height={220} />}
        isEmpty={() => scatter.points.length === 0}
        emptyTitle="No predictions to compare"
        emptyText={
          <>
            The cost model predicts each execution's time once it is trained (<Link to="/models">Models</Link>);
            successful runs with a prediction appear here.
          </>
        }
      >
        {() => <ScatterChart scatter={scatter} onOpen={onOpen} />}
      </Loadable>
    </Card>
  );
}

function ScatterChart({
  scatter,
  onOpen,
}: {
  scatter: ReturnType<typeof predictionScatter>;
  onOpen: (id: number) => void;
}) {
  const colors = usePalette();
  const option = useMemo(() => {
    const [lo, hi] = scatter.range;
    const axis = (name: string) => ({
      type: 'log',
      min: lo,
      max: hi,
      name,
      nameLocation: 'middle',
      nameGap: 26,
      logBase: 10,
      axisLabel: { formatter: (v: number) => formatMs(v) },
      minorSplitLine: { show: false },
    });
    const line = (name: string, factor: number, type: 'solid' | 'dotted') => ({
      name,
      type: 'line',
      silent: true,
      showSymbol: false,
      lineStyle: { color: colors.muted, width: 1, type },
      data: [
        [lo, lo * factor],
        [hi, hi * factor],
      ],
      tooltip: { show: false },
    });
    return {
      grid: { left: 16, right: 16, top: 16, bottom: 30, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { value: [number, number, number] } }) => {
          const [predicted, actual, id] = p.data.value;
          return `#${id}<br/>predicted ${formatMs(predicted)}<br/>actual ${formatMs(actual)}`;
        },
      },
      xAxis: axis('predicted'),
      yAxis: { ...axis('actual'), nameGap: 44 },
      series: [
        line('y = x', 1, 'solid'),
        line('2× slower', 2, 'dotted'),
        line('2× faster', 0.5, 'dotted'),
        {
          name: 'executions',
          type: 'scatter',
          symbolSize: 7,
          itemStyle: { color: colors.accent, opacity: 0.65 },
          data: scatter.points.filter((p) => !p.current).map((p) => ({ value: p.value })),
        },
        {
          name: 'this execution',
          type: 'scatter',
          symbolSize: 13,
          z: 5,
          itemStyle: { color: colors.bad, borderColor: '#fff', borderWidth: 1.5 },
          data: scatter.points.filter((p) => p.current).map((p) => ({ value: p.value })),
        },
      ],
    };
  }, [scatter, colors]);
  return (
    <Chart
      option={option}
      height={230}
      exportName="predicted vs actual"
      ariaLabel="Predicted against actual time, log axes"
      onItemClick={({ data }) => {
        const id = (data as { value?: [number, number, number] })?.value?.[2];
        if (typeof id === 'number') onOpen(id);
      }}
    />
  );
}

/** What the agents did for this statement: indexes recommended, applied, kept or reverted, and the measured gain. */
export function OptimizationsFor({ fingerprint }: { fingerprint: string }) {
  const history = useLiveQuery({
    queryKey: ['optimization-history', { fingerprint }],
    queryFn: ({ signal }) => endpoints.optimizationHistory({ fingerprint, limit: 50 }, signal),
    invalidateOn: ['decision'],
    throttleMs: 3000,
  });
  return (
    <Card
      title="Optimization history"
      testId="fingerprint-optimizations"
      flush
      actions={<Link to="/optimization">All optimizations →</Link>}
    >
      <Loadable
        query={history}
        skeleton={
          <div className="card-body">
            <Skeleton lines={3} />
          </div>
        }
        isEmpty={(d) => !d.optimizations.some((o) => concernsFingerprint(o, fingerprint))}
        emptyTitle="The agents have not acted on this statement"
        emptyText="The indexer weighs every frequent statement each analysis; when an index would help this one it is recommended here, applied, measured and kept or reverted."
      >
        {(d) => (
          <ul className="timeline opt-timeline">
            {d.optimizations
              .filter((o) => concernsFingerprint(o, fingerprint))
              .map((o) => (
                <OptimizationItem key={o.id} o={o} />
              ))}
          </ul>
        )}
      </Loadable>
    </Card>
  );
}

function OptimizationItem({ o }: { o: Optimization }) {
  const estimate = estimatedEffect(o);
  return (
    <li className={o.status} data-testid="fingerprint-optimization">
      <div className="row" style={{ gap: 6 }}>
        <strong>{o.type.replace(/_/g, ' ')}</strong>
        <Badge tone={statusTone(o.status)}>{o.status}</Badge>
        <span className="mono muted">{optimizationSubject(o)}</span>
        <span className="muted" style={{ marginLeft: 'auto' }}>
          by {o.agent}
        </span>
      </div>
      <div className="muted opt-reason">{o.reason}</div>
      <div className="row opt-numbers">
        {o.performanceGain != null && (
          <span>
            measured gain{' '}
            <strong className={o.performanceGain > 0 ? 'delta-good' : 'delta-bad'}>
              {formatPercent(o.performanceGain, 1)}
            </strong>
            {o.pValue != null && <span className="muted"> (p = {formatNumber(o.pValue, 3)})</span>}
          </span>
        )}
        {estimate && (
          <span>
            estimated saving <strong>{formatPercent(estimate.saving, 0)}</strong>
          </span>
        )}
        {o.estimatedGain != null && !estimate && (
          <span>
            estimated gain <strong>{formatPercent(o.estimatedGain, 0)}</strong>
          </span>
        )}
        <span className="muted">recommended {formatDateTime(o.recommendedAt)}</span>
        {o.appliedAt && <span className="muted">applied {formatDateTime(o.appliedAt)}</span>}
        {o.verifiedAt && <span className="muted">verified {formatDateTime(o.verifiedAt)}</span>}
        {o.droppedAt && <span className="muted">dropped {formatDateTime(o.droppedAt)}</span>}
      </div>
    </li>
  );
}
