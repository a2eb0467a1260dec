import { useMemo } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ModelVersion, TrainingRun } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { DataTable } from '../../components/DataTable';
import { Segmented } from '../../components/Drawer';
import { Badge, EmptyState, Loadable, Skeleton, type Tone } from '../../components/states';
import { formatAgo, formatCount, formatDateTime, formatMs } from '../../shaping/format';
import {
  formatMetric,
  KEY_METRICS,
  keyMetricValue,
  MODEL_INFO,
  MODEL_NAMES,
  modelTitle,
  runDurationMs,
  versionSeries,
  type ModelName,
} from '../../shaping/models';
import { usePalette } from '../../components/charts/palette';

function pad(range: { min: number; max: number }): number {
  return Math.max((range.max - range.min) * 0.04, 3_600_000);
}

const STATUS_TONE: Record<string, Tone> = { succeeded: 'ok', rejected: 'neutral', failed: 'bad', running: 'info' };

/** Every training run (model, trigger, outcome, rows, the deciding message, duration) and the key metric per version. */
export function TrainingHistory({
  runs,
  versions,
  model,
  onModel,
}: {
  runs: UseQueryResult<{ runs: TrainingRun[] }>;
  versions: ModelVersion[];
  model: ModelName;
  onModel: (m: ModelName) => void;
}) {
  return (
    <Card
      title="Training history"
      flush
      testId="training-runs"
      actions={
        <Segmented
          label="Model"
          value={model}
          onChange={onModel}
          options={MODEL_NAMES.map((m) => ({ key: m, label: MODEL_INFO[m].short }))}
        />
      }
    >
      <Loadable
        query={runs}
        skeleton={
          <div className="card-body">
            <Skeleton height={220} />
          </div>
        }
      >
        {(d) => (
          <>
            <div className="card-body">
              <KeyMetricChart runs={d.runs} versions={versions} model={model} />
            </div>
            <DataTable
              rows={d.runs}
              rowKey={(r) => r.id}
              exportName="training runs"
              maxHeight={360}
              initialSort={{ key: 'started', descending: true }}
              emptyTitle="No training runs yet"
              emptyText="The trainer trains when enough new data has arrived, when a model drifts, on its schedule, or when an admin presses Retrain."
              columns={[
                {
                  key: 'started',
                  header: 'Started',
                  value: (r) => r.startedAt,
                  cell: (r) => (
                    <span className="nowrap" title={formatDateTime(r.startedAt)}>
                      {formatAgo(r.startedAt)}
                    </span>
                  ),
                },
                { key: 'model', header: 'Model', value: (r) => modelTitle(r.model) },
                { key: 'trigger', header: 'Trigger', value: (r) => r.trigger },
                {
                  key: 'status',
                  header: 'Outcome',
                  value: (r) => r.status,
                  cell: (r) => (
                    <Badge tone={STATUS_TONE[r.status] ?? 'neutral'}>
                      {r.status === 'succeeded' ? 'activated' : r.status}
                    </Badge>
                  ),
                },
                {
                  key: 'rows',
                  header: 'Rows (train / val / test)',
                  align: 'right',
                  value: (r) => r.trainRows,
                  cell: (r) =>
                    r.trainRows === null ? (
                      '–'
                    ) : (
                      <span className="nowrap">
                        {formatCount(r.trainRows)} / {formatCount(r.validationRows)} / {formatCount(r.testRows)}
                      </span>
                    ),
                },
                {
                  key: 'metric',
                  header: 'Key metric',
                  align: 'right',
                  value: (r) => keyMetricValue(r.model, r.metrics),
                  cell: (r) => {
                    const v = keyMetricValue(r.model, r.metrics);
                    const key = KEY_METRICS[r.model as ModelName];
                    return v === null || !key ? (
                      '–'
                    ) : (
                      <span className="nowrap" title={key.label}>
                        {formatMetric(v, key.format)}
                      </span>
                    );
                  },
                },
                {
                  key: 'message',
                  header: 'Decided by',
                  value: (r) => r.message,
                  cell: (r) => (
                    <span className="run-message" title={r.message ?? undefined}>
                      {r.message}
                    </span>
                  ),
                },
                {
                  key: 'duration',
                  header: 'Took',
                  align: 'right',
                  value: (r) => runDurationMs(r),
                  cell: (r) =>
                    r.finishedAt ? (
                      <span className="nowrap">{formatMs(runDurationMs(r))}</span>
                    ) : (
                      <Badge tone="info">running</Badge>
                    ),
                },
              ]}
            />
          </>
        )}
      </Loadable>
    </Card>
  );
}

/** The key metric of every candidate trained over time; activated ones filled, kept-back ones hollow; the best baseline dashed. */
function KeyMetricChart({
  runs,
  versions,
  model,
}: {
  runs: TrainingRun[];
  versions: ModelVersion[];
  model: ModelName;
}) {
  const palette = usePalette();
  const points = useMemo(() => versionSeries(model, runs, versions), [model, runs, versions]);
  const key = KEY_METRICS[model];
  const option = useMemo(() => {
    const pair = (p: (typeof points)[number]) => ({ value: [p.at, p.value], version: p.version, status: p.status });
    const baseline = points.filter((p) => p.baseline !== null).map((p) => [p.at, p.baseline]);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          seriesName: string;
          data: { value: [number, number]; version: number | null; status?: string } | [number, number];
        }) => {
          const value = Array.isArray(p.data) ? p.data : p.data.value;
          const head = Array.isArray(p.data)
            ? p.seriesName
            : `${p.data.version !== null ? `v${p.data.version}` : 'candidate (no longer kept)'} · ${p.data.status === 'succeeded' ? 'activated' : p.data.status}`;
          return `${head}<br/>${formatDateTime(new Date(value[0]).toISOString())}<br/>${key.label} <b>${formatMetric(value[1], key.format)}</b>`;
        },
      },
      legend: { top: 0, right: 36 },
      grid: { left: 56, right: 20, top: 40, bottom: 28 },
      // a little room either side, at least an hour, so one or two points do not sit on the edges
      xAxis: {
        type: 'time',
        min: (r: { min: number; max: number }) => r.min - pad(r),
        max: (r: { min: number; max: number }) => r.max + pad(r),
      },
      yAxis: {
        type: 'value',
        scale: true,
        name: `${key.label} (${key.better} is better)`,
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => formatMetric(v, key.format) },
      },
      series: [
        {
          name: 'activated',
          type: 'line',
          data: points.filter((p) => p.status === 'succeeded').map(pair),
          color: palette.ok,
          symbol: 'circle',
          symbolSize: 9,
          lineStyle: { width: 1.5 },
          label: {
            show: true,
            position: 'top',
            fontSize: 10,
            color: palette.muted,
            formatter: (p: { data: { version: number | null } }) =>
              p.data.version !== null ? `v${p.data.version}` : '',
          },
        },
        {
          name: 'kept back',
          type: 'scatter',
          data: points.filter((p) => p.status !== 'succeeded').map(pair),
          color: palette.muted,
          symbol: 'emptyCircle',
          symbolSize: 9,
        },
        ...(baseline.length
          ? [
              {
                name: 'best baseline',
                type: 'line',
                data: baseline,
                color: palette.warn,
                symbol: 'diamond',
                symbolSize: 6,
                lineStyle: { type: 'dashed', width: 1.2 },
              },
            ]
          : []),
      ],
    };
  }, [points, key, palette]);
  if (points.length === 0) {
    return (
      <EmptyState title={`No trained ${MODEL_INFO[model].short} candidates yet`}>
        Each training of the {MODEL_INFO[model].title.toLowerCase()} adds a point: its {key.label} on the test data.
      </EmptyState>
    );
  }
  return (
    <Chart
      option={option}
      height={220}
      exportName={`${MODEL_INFO[model].short} key metric per version`}
      ariaLabel={`${key.label} per trained version`}
    />
  );
}
