import { Fragment, useMemo } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { Optimization, OptimizationStatus } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { usePalette } from '../../components/charts/palette';
import { DataTable } from '../../components/DataTable';
import { Drawer } from '../../components/Drawer';
import { SqlView } from '../../components/SqlView';
import { Badge, EmptyState, Loadable, Skeleton } from '../../components/states';
import {
  formatAgo,
  formatBytes,
  formatDateTime,
  formatMs,
  formatNumber,
  formatPercent,
  truncate,
} from '../../shaping/format';
import { estimatedEffect, optimizationSubject, statusTone } from '../../shaping/optimization';
import { gainSeries, verdictOf } from './shaping';
import { FingerprintLink } from './Recommendations';
import { useWorkloadNow } from '../../live/workloadClock';
import { useUrlParams } from '../../urlParams';
import { FilterSelect } from '../../components/FilterSelect';

const STATUSES: OptimizationStatus[] = [
  'analyzed',
  'recommended',
  'applied',
  'kept',
  'reverted',
  'rejected',
  'failed',
  'dropped',
];
const KNOWN_TYPES = ['create_index', 'index_analysis'];
const KNOWN_AGENTS = ['indexer', 'governor'];

/** Every agent's optimizations, newest first, with what was estimated and what was then measured. */
export function OptimizationHistory({ alpha }: { alpha: number }) {
  const [params, update] = useUrlParams();
  const agent = params.get('agent') ?? '';
  const type = params.get('type') ?? '';
  const status = params.get('hstatus') ?? '';
  const selected = Number(params.get('opt')) || null;
  // the indexer journals an analysis every hour of workload time: they would bury the changes, so they are opt-in
  const showAnalyses = params.get('analyses') === '1' || type === 'index_analysis';
  const setParam = (key: string, value: string | null) => update({ [key]: value });

  const history = useLiveQuery({
    queryKey: ['optimization', 'history', { agent, type, status }],
    queryFn: ({ signal }) =>
      endpoints.optimizationHistory(
        { agent: agent || undefined, type: type || undefined, status: status || undefined, limit: 500 },
        signal,
      ),
    invalidateOn: ['decision'],
    livePollMs: 30_000,
    throttleMs: 2000,
  });
  // the chart shows every verified change, whatever the table's filters
  const verified = useLiveQuery({
    queryKey: ['optimization', 'history', 'verified'],
    queryFn: ({ signal }) => endpoints.optimizationHistory({ status: 'kept,reverted', limit: 1000 }, signal),
    invalidateOn: ['decision'],
    livePollMs: 60_000,
    throttleMs: 5000,
  });

  const rows = history.data?.optimizations;
  const analyses = (rows ?? []).filter((o) => o.type === 'index_analysis').length;
  const agents = useMemo(
    () => [...new Set([...KNOWN_AGENTS, ...(rows ?? []).map((o) => o.agent), agent].filter(Boolean))].sort(),
    [rows, agent],
  );
  const types = useMemo(
    () => [...new Set([...KNOWN_TYPES, ...(rows ?? []).map((o) => o.type), type].filter(Boolean))].sort(),
    [rows, type],
  );
  const chosen = rows?.find((o) => o.id === selected) ?? verified.data?.optimizations.find((o) => o.id === selected);

  return (
    <div className="stack" style={{ gap: 16 }}>
      <Card
        title="Measured gain of each verified change"
        testId="gains-chart"
        actions={
          <span className="muted text-sm">
            latency gain of the helped queries, measured after the build · click a point for its details
          </span>
        }
      >
        <Loadable
          query={verified}
          skeleton={<Skeleton height={220} />}
          isEmpty={(d) => d.optimizations.every((o) => o.performanceGain === null)}
          emptyTitle="Nothing verified yet"
          emptyText="After an index is built, the indexer compares the helped queries' latencies before and after it; each verdict appears here as a point."
        >
          {(d) => <GainsChart rows={d.optimizations} onPick={(id) => setParam('opt', String(id))} />}
        </Loadable>
      </Card>
      <Card
        title="Optimization history"
        flush
        testId="optimization-history"
        actions={
          <div className="toolbar">
            <FilterSelect
              label="Agent"
              anyLabel="every agent"
              value={agent}
              options={agents}
              onChange={(v) => setParam('agent', v)}
              testId="history-agent-filter"
            />
            <FilterSelect
              label="Type"
              anyLabel="every type"
              value={type}
              options={types}
              format={(v) => v.replace(/_/g, ' ')}
              onChange={(v) => setParam('type', v)}
              testId="history-type-filter"
            />
            <FilterSelect
              label="Status"
              anyLabel="every status"
              value={status}
              options={STATUSES}
              onChange={(v) => setParam('hstatus', v)}
              testId="history-status-filter"
            />
            <label className="check text-sm" title="The indexer's hourly workload analyses">
              <input
                type="checkbox"
                checked={showAnalyses}
                disabled={type === 'index_analysis'}
                onChange={(e) => setParam('analyses', e.target.checked ? '1' : null)}
                data-testid="history-analyses"
              />
              analyses{analyses > 0 && !showAnalyses ? ` (${analyses} hidden)` : ''}
            </label>
          </div>
        }
      >
        <Loadable
          query={history}
          skeleton={
            <div className="card-body">
              <Skeleton lines={6} height={20} />
            </div>
          }
        >
          {(d) => (
            <DataTable
              rows={showAnalyses ? d.optimizations : d.optimizations.filter((o) => o.type !== 'index_analysis')}
              rowKey={(o) => o.id}
              exportName="optimization history"
              maxHeight={520}
              emptyTitle={agent || type || status ? 'No optimization matches these filters' : 'No optimizations yet'}
              emptyText={
                agent || type || status
                  ? 'Widen the filters above.'
                  : 'The indexer analyzes the workload every hour of workload time; what it recommends, builds, keeps and reverts is listed here.'
              }
              onRowClick={(o) => setParam('opt', String(o.id))}
              rowAttributes={(o) => ({
                'data-testid': 'history-row',
                'data-id': o.id,
                'data-status': o.status,
                className: o.status === 'reverted' || o.status === 'failed' ? 'row-bad' : undefined,
              })}
              columns={[
                { key: 'when', header: 'When', value: (o) => o.recommendedAt, cell: (o) => <Milestones o={o} /> },
                {
                  key: 'agent',
                  header: 'Agent',
                  value: (o) => `${o.agent} ${o.type}`,
                  cell: (o) => (
                    <div className="nowrap">
                      <div>{o.agent}</div>
                      <div className="muted text-sm">{o.type.replace(/_/g, ' ')}</div>
                    </div>
                  ),
                },
                {
                  key: 'what',
                  header: 'What was done',
                  value: (o) => `${optimizationSubject(o)} ${o.reason}`,
                  cell: (o) => (
                    <div className="history-what">
                      <div className="mono" title={optimizationSubject(o)}>
                        {optimizationSubject(o)}
                      </div>
                      {o.reason && (
                        <div className="muted text-sm" title={o.reason}>
                          {truncate(o.reason, 110)}
                        </div>
                      )}
                    </div>
                  ),
                },
                {
                  key: 'status',
                  header: 'Status',
                  value: (o) => o.status,
                  cell: (o) => <Badge tone={statusTone(o.status)}>{o.status}</Badge>,
                },
                {
                  key: 'gain',
                  header: 'Est. → measured',
                  align: 'right',
                  value: (o) => o.performanceGain ?? estimatedEffect(o)?.saving ?? null,
                  cell: (o) =>
                    o.performanceGain === null ? (
                      <span
                        className="muted nowrap"
                        title="Estimated planner cost saving of the helped queries; not measured yet"
                      >
                        {estimatedEffect(o) ? `est. ${formatPercent(estimatedEffect(o)!.saving, 0)}` : '–'}
                      </span>
                    ) : (
                      <span className="nowrap">
                        <span className="muted" title="Estimated planner cost saving of the helped queries">
                          {formatPercent(estimatedEffect(o)?.saving, 0)}
                        </span>
                        {' → '}
                        <GainText gain={o.performanceGain} />
                      </span>
                    ),
                },
                {
                  key: 'test',
                  header: 'Test',
                  value: (o) => o.pValue,
                  cell: (o) => <TestVerdict o={o} alpha={alpha} />,
                },
              ]}
            />
          )}
        </Loadable>
      </Card>
      {chosen && <OptimizationDrawer o={chosen} alpha={alpha} onClose={() => setParam('opt', null)} />}
    </div>
  );
}

function GainText({ gain }: { gain: number | null }) {
  if (gain === null) return <span className="muted">–</span>;
  return (
    <strong
      className={gain >= 0 ? 'delta-good' : 'delta-bad'}
      title="Weighted relative latency gain of the helped queries, measured"
    >
      {gain >= 0 ? '+' : '−'}
      {formatPercent(Math.abs(gain), 0)}
    </strong>
  );
}

function TestVerdict({ o, alpha }: { o: Optimization; alpha: number }) {
  const verdict = verdictOf(o, alpha);
  if (!verdict && o.pValue === null) return <span className="muted">–</span>;
  return (
    <div className="text-sm test-verdict" title={`one-sided test at alpha ${alpha}`}>
      {o.pValue !== null && (
        <span className="mono nowrap">
          p = {o.pValue < 0.001 ? o.pValue.toExponential(1) : formatNumber(o.pValue, 3)}
        </span>
      )}
      {verdict && (
        <div className={verdict.tone === 'ok' ? 'delta-good' : verdict.tone === 'bad' ? 'delta-bad' : 'muted'}>
          {verdict.label}
        </div>
      )}
    </div>
  );
}

/** When it was recommended, and when it was applied, verified and dropped where it came that far. */
function Milestones({ o }: { o: Optimization }) {
  const now = useWorkloadNow()();
  const steps: [string, string | null][] = [
    ['applied', o.appliedAt],
    ['verified', o.verifiedAt],
    ['dropped', o.droppedAt],
  ];
  return (
    <div className="nowrap">
      <div title={`recommended ${formatDateTime(o.recommendedAt)} (workload time)`}>
        {formatAgo(o.recommendedAt, now)}
      </div>
      {steps
        .filter(([, at]) => at)
        .map(([label, at]) => (
          <div key={label} className="muted text-sm" title={formatDateTime(at)}>
            {label} {formatAgo(at, now)}
          </div>
        ))}
    </div>
  );
}

/** Measured gain per verified change over time, kept and reverted apart, with the estimate each started from. */
function GainsChart({ rows, onPick }: { rows: Optimization[]; onPick: (id: number) => void }) {
  const { ok, bad, muted } = usePalette();
  const option = useMemo(() => {
    const series = gainSeries(rows);
    const point = (p: { at: number; measured: number; id: number; name: string; estimated: number | null }) => ({
      value: [p.at, p.measured * 100],
      id: p.id,
      name: p.name,
      estimated: p.estimated,
    });
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          seriesName: string;
          data: { value: [number, number]; name: string; estimated: number | null };
        }) =>
          `<b>${p.data.name}</b><br/>${p.seriesName} ${formatDateTime(new Date(p.data.value[0]).toISOString())}<br/>` +
          `measured ${p.data.value[1] >= 0 ? '+' : ''}${p.data.value[1].toFixed(1)} %` +
          (p.data.estimated !== null ? ` · estimated ${(p.data.estimated * 100).toFixed(0)} %` : ''),
      },
      legend: { top: 0, left: 'center' },
      grid: { left: 52, right: 36, top: 36, bottom: 28 },
      // a margin on both sides, so that the newest point is not cut at the edge
      xAxis: {
        type: 'time',
        min: (v: { min: number; max: number }) => v.min - Math.max((v.max - v.min) * 0.04, 60_000),
        max: (v: { min: number; max: number }) => v.max + Math.max((v.max - v.min) * 0.04, 60_000),
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v} %` } },
      series: [
        {
          name: 'kept',
          type: 'scatter',
          symbolSize: 12,
          itemStyle: { color: ok },
          data: series.kept.map(point),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: muted, type: 'dashed' },
            label: { show: false },
            data: [{ yAxis: 0 }],
          },
        },
        {
          name: 'reverted',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 13,
          itemStyle: { color: bad },
          data: series.reverted.map(point),
        },
      ],
    };
  }, [rows, ok, bad, muted]);
  return (
    <Chart
      option={option}
      height={230}
      exportName="measured gains"
      onItemClick={(item) => {
        const id = (item.data as { id?: number } | null)?.id;
        if (id) onPick(id);
      }}
    />
  );
}

/** One optimization in full: what, why, the numbers of its estimate and its verification, and its DDL. */
function OptimizationDrawer({ o, alpha, onClose }: { o: Optimization; alpha: number; onClose: () => void }) {
  const verdict = verdictOf(o, alpha);
  const effect = estimatedEffect(o);
  const details = Object.entries(o.details ?? {}).filter(
    ([k]) => k !== 'helps' && k !== 'keyColumns' && k !== 'includeColumns' && k !== 'ddl',
  );
  return (
    <Drawer
      title={<h2>{optimizationSubject(o)}</h2>}
      onClose={onClose}
      testId="optimization-drawer"
      actions={<Badge tone={statusTone(o.status)}>{o.status}</Badge>}
    >
      <dl className="facts">
        <dt>agent</dt>
        <dd>{o.agent}</dd>
        <dt>type</dt>
        <dd>{o.type.replace(/_/g, ' ')}</dd>
        <dt>why</dt>
        <dd>{o.reason || '–'}</dd>
        <dt>estimated saving</dt>
        <dd>
          {effect
            ? `${formatPercent(effect.saving, 0)} (planner cost ${formatNumber(effect.before, 0)} → ${formatNumber(effect.after, 0)})`
            : '–'}
        </dd>
        <dt>measured gain</dt>
        <dd>
          <GainText gain={o.performanceGain} />
        </dd>
        <dt>test</dt>
        <dd>
          {o.pValue !== null ? `p = ${formatNumber(o.pValue, 4)} at alpha ${alpha}` : 'no p-value'}
          {verdict ? ` · ${verdict.label}` : ''}
        </dd>
        <dt>recommended</dt>
        <dd>{formatDateTime(o.recommendedAt)}</dd>
        <dt>applied</dt>
        <dd>{formatDateTime(o.appliedAt)}</dd>
        <dt>verified</dt>
        <dd>{formatDateTime(o.verifiedAt)}</dd>
        <dt>dropped</dt>
        <dd>{formatDateTime(o.droppedAt)}</dd>
        {o.fingerprints.length > 0 && (
          <>
            <dt>fingerprints</dt>
            <dd className="row">
              {o.fingerprints.map((f) => (
                <FingerprintLink key={f} fingerprint={f} />
              ))}
            </dd>
          </>
        )}
      </dl>
      {o.ddl && <SqlView text={o.ddl} maxHeight={200} />}
      {details.length > 0 ? (
        <section className="card">
          <header className="card-head">
            <h2>Details</h2>
          </header>
          <div className="card-body">
            <dl className="facts">
              {details.map(([k, v]) => (
                <Fragment key={k}>
                  <dt>{k}</dt>
                  <dd className={typeof v === 'object' && v !== null ? 'mono text-sm' : undefined}>
                    {detailValue(k, v)}
                  </dd>
                </Fragment>
              ))}
            </dl>
          </div>
        </section>
      ) : (
        <EmptyState title="No further details" />
      )}
    </Drawer>
  );
}

function detailValue(key: string, v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number' && /bytes$/i.test(key)) return formatBytes(v);
  if (typeof v === 'number' && /millis$/i.test(key)) return formatMs(v);
  if (typeof v === 'number') return formatNumber(v, 4);
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 1);
}
