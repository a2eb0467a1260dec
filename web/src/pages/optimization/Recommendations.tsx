import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { describeError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { Decision, Optimization, OptimizationStatus } from '../../api/types';
import { useIsAdmin } from '../../auth/SessionGate';
import { useWorkloadNow } from '../../live/workloadClock';
import { Card } from '../../components/Card';
import { download } from '../../components/DataTable';
import { Icon } from '../../components/icons';
import { SqlView } from '../../components/SqlView';
import { Badge, EmptyState, Loadable, Skeleton } from '../../components/states';
import { useToast } from '../../components/Toasts';
import { exportFileName, toCsv } from '../../shaping/csv';
import { formatAgo, formatBytes, formatDateTime, formatMs, formatNumber, formatPercent } from '../../shaping/format';
import { estimatedEffect, helpedQueries, statusTone } from '../../shaping/optimization';
import {
  detailNumber,
  detailText,
  formatCost,
  indexColumns,
  scheduledBuild,
  sortRecommendations,
  tablesOf,
  verdictOf,
} from './shaping';
import { useUrlParams } from '../../urlParams';
import { FilterSelect } from '../../components/FilterSelect';
import type { Chain } from '../../shaping/indexChains';
import { untilAnalyzed } from './analysis';

const STATUSES: OptimizationStatus[] = ['recommended', 'applied', 'kept', 'reverted', 'rejected', 'failed', 'dropped'];
const ADMIN_ONLY = 'Only an admin can do this (your role is analyst)';

/** The indexer's index recommendations with PoWA's before/after estimate, and the apply and reject decisions. */
export function Recommendations({
  indexes,
  chains,
  alpha,
}: {
  indexes: UseQueryResult<{ indexes: Optimization[] }>;
  /** The indexer's decisions about each recommendation, by its id. */
  chains: Map<number, Chain>;
  alpha: number;
}) {
  const [params, update] = useUrlParams();
  const status = params.get('status') ?? '';
  const table = params.get('table') ?? '';
  const expanded = Number(params.get('rec')) || null;
  const setParam = (key: string, value: string | null) => update({ [key]: value });

  const all = indexes.data?.indexes;
  const rows = useMemo(
    () =>
      sortRecommendations(
        (all ?? []).filter((o) => !status || o.status === status).filter((o) => !table || o.index?.table === table),
      ),
    [all, status, table],
  );
  const tables = useMemo(() => tablesOf(all ?? []), [all]);

  return (
    <Card
      title="Index recommendations"
      flush
      testId="recommendations"
      actions={
        <div className="toolbar">
          <FilterSelect
            label="Status"
            anyLabel="every status"
            value={status}
            options={STATUSES}
            onChange={(v) => setParam('status', v)}
            testId="recommendation-status-filter"
          />
          <FilterSelect
            label="Table"
            anyLabel="every table"
            value={table}
            options={tables}
            onChange={(v) => setParam('table', v)}
            testId="recommendation-table-filter"
          />
          <button
            className="button small"
            onClick={() => exportRecommendations(rows)}
            disabled={rows.length === 0}
            title="Export these rows as CSV"
          >
            <Icon name="download" size={14} /> CSV
          </button>
          <AnalyzeButton />
        </div>
      }
    >
      <Loadable
        query={indexes}
        skeleton={
          <div className="card-body">
            <Skeleton lines={5} height={22} />
          </div>
        }
        isEmpty={(d) => d.indexes.length === 0}
        emptyTitle="No index recommendations yet"
        emptyText={
          <p>
            The indexer analyzes the busiest statements of the last day once an hour of workload time and recommends an
            index where the planner's what-if costs drop by enough. Admins can run an analysis now.
          </p>
        }
      >
        {() =>
          rows.length === 0 ? (
            <EmptyState title="No recommendation matches these filters">
              <button className="button small" onClick={() => update({ status: null, table: null })}>
                Clear the filters
              </button>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data recommendations">
                <thead>
                  <tr>
                    <th>Status</th>
                    <th>Index</th>
                    <th
                      className="num"
                      title="Estimated size (from the table's statistics) and net benefit: the weighted planner cost saved per analysis window, less the cost of maintaining the index"
                    >
                      Size · benefit
                    </th>
                    <th title="Estimated planner cost of the helped queries, weighted by how often they run: without → with the index">
                      Est. cost before → after
                    </th>
                    <th>Helps</th>
                    <th>Decision</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((o) => (
                    <RecommendationRow
                      key={o.id}
                      o={o}
                      decisions={chains.get(o.id)?.steps}
                      alpha={alpha}
                      open={expanded === o.id}
                      onToggle={() => setParam('rec', expanded === o.id ? null : String(o.id))}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loadable>
    </Card>
  );
}

function RecommendationRow({
  o,
  decisions,
  alpha,
  open,
  onToggle,
}: {
  o: Optimization;
  decisions: Decision[] | undefined;
  alpha: number;
  open: boolean;
  onToggle: () => void;
}) {
  const { key, include } = indexColumns(o);
  const effect = estimatedEffect(o);
  const helps = helpedQueries(o);
  const scheduled = scheduledBuild(o, decisions);
  const verdict = verdictOf(o, alpha);
  const now = useWorkloadNow()();
  const fingerprints = helps.length ? helps.map((h) => h.fingerprint) : o.fingerprints;
  return (
    <Fragment>
      <tr
        data-testid="recommendation-row"
        data-id={o.id}
        data-status={o.status}
        className={`rec-row status-${o.status}${open ? ' open' : ''}`}
      >
        <td className="nowrap">
          <div className="stack" style={{ gap: 3 }}>
            <span>
              <Badge tone={statusTone(o.status)}>{o.status}</Badge>
            </span>
            {scheduled && (
              <span>
                <Badge
                  tone="info"
                  title={`approved by ${scheduled.by ?? 'the automatic mode'}${scheduled.notBefore ? `; builds at ${formatDateTime(scheduled.notBefore)} (quietest forecast time, workload clock)` : ''}`}
                >
                  build scheduled
                </Badge>
              </span>
            )}
            {verdict && (
              <span
                className={`text-sm ${verdict.tone === 'ok' ? 'delta-good' : verdict.tone === 'bad' ? 'delta-bad' : 'muted'}`}
              >
                {verdict.label}
              </span>
            )}
            <span className="muted text-sm" title={`recommended ${formatDateTime(o.recommendedAt)} (workload time)`}>
              {formatAgo(o.recommendedAt, now)}
            </span>
          </div>
        </td>
        <td className="rec-index">
          <button
            className="rec-toggle"
            onClick={onToggle}
            aria-expanded={open}
            title={open ? 'Hide the details' : 'Show the DDL, the helped queries and the decisions'}
          >
            <Icon name="chevrons" size={13} />
            <span className="mono rec-name">{o.index?.name ?? o.ddl}</span>
          </button>
          <div className="text-sm rec-columns">
            <span className="muted">on</span> <strong>{o.index?.table ?? '–'}</strong>{' '}
            <span className="mono">({key.join(', ') || '–'})</span>
            {include.length > 0 && <span className="mono muted"> INCLUDE ({include.join(', ')})</span>}
          </div>
        </td>
        <td className="num nowrap">
          <div>{formatBytes(detailNumber(o, 'estimatedBytes') ?? o.index?.sizeBytes)}</div>
          <div className="muted text-sm" title={benefitTitle(o)}>
            benefit {formatCost(o.estimatedGain ?? detailNumber(o, 'benefit'))}
          </div>
        </td>
        <td className="nowrap">
          <CostChange effect={effect} />
          {o.performanceGain !== null && (
            <div className="text-sm" title="Weighted latency gain of the helped queries, measured on real executions">
              measured{' '}
              <strong className={o.performanceGain >= 0 ? 'delta-good' : 'delta-bad'}>
                {formatPercent(Math.abs(o.performanceGain), 0)}
              </strong>
              {o.performanceGain >= 0 ? ' faster' : ' slower'}
            </div>
          )}
        </td>
        <td>
          <div className="fingerprints">
            {fingerprints.slice(0, 2).map((f) => (
              <FingerprintLink key={f} fingerprint={f} />
            ))}
            {fingerprints.length > 2 && (
              <button className="linkish text-sm" onClick={onToggle}>
                +{fingerprints.length - 2} more
              </button>
            )}
            {fingerprints.length === 0 && <span className="muted">–</span>}
          </div>
        </td>
        <td>
          <RowActions o={o} scheduled={scheduled !== null} now={now} />
        </td>
      </tr>
      {open && (
        <tr className="rec-detail">
          <td colSpan={6}>
            <RecommendationDetail o={o} decisions={decisions} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function benefitTitle(o: Optimization): string {
  const benefit = detailNumber(o, 'benefit');
  const maintenance = detailNumber(o, 'maintenance');
  if (benefit === null) return 'Estimated net benefit in planner cost units';
  return `saves ${formatNumber(benefit, 0)} cost units per analysis window, costs ${formatNumber(maintenance, 0)} to maintain`;
}

/** Estimated weighted cost without → with the index, and the saving as a bar. */
function CostChange({ effect }: { effect: ReturnType<typeof estimatedEffect> }) {
  if (!effect) return <span className="muted">no estimate</span>;
  const saving = Math.max(0, Math.min(1, effect.saving));
  return (
    <div
      className="cost-change"
      title={`${formatNumber(effect.before, 1)} → ${formatNumber(effect.after, 1)} planner cost units`}
    >
      <span>
        {formatCost(effect.before)} <span className="muted">→</span> {formatCost(effect.after)}
      </span>
      <strong className="delta-good">−{formatPercent(effect.saving, 0)}</strong>
      <span className="saving-bar" aria-hidden="true">
        <span style={{ width: `${saving * 100}%` }} />
      </span>
    </div>
  );
}

export function FingerprintLink({ fingerprint }: { fingerprint: string }) {
  return (
    <Link
      className="mono fingerprint"
      to={`/queries?fingerprint=${encodeURIComponent(fingerprint)}`}
      title={`Executions of ${fingerprint}`}
    >
      {fingerprint.slice(0, 12)}
    </Link>
  );
}

/**
 * Apply and reject, for what still awaits a decision. Reject asks for an optional reason inline: the first click
 * opens the field, the button (same test id) then confirms.
 */
function RowActions({ o, scheduled, now }: { o: Optimization; scheduled: boolean; now: number }) {
  const admin = useIsAdmin();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['optimization'] });
  const apply = useMutation({
    mutationFn: () => endpoints.applyIndex(o.id),
    onSuccess: (r) => {
      toast('ok', r.message || `Index ${o.index?.name ?? o.id} approved`);
      refresh();
    },
    onError: (e) => toast('bad', `Applying failed: ${describeError(e)}`),
  });
  const reject = useMutation({
    mutationFn: () => endpoints.rejectIndex(o.id, reason.trim()),
    onSuccess: (r) => {
      toast('ok', r.message || `Index ${o.index?.name ?? o.id} rejected`);
      setRejecting(false);
      setReason('');
      refresh();
    },
    onError: (e) => toast('bad', `Rejecting failed: ${describeError(e)}`),
  });

  if (o.status !== 'recommended') return <span className="muted text-sm">{decidedText(o, now)}</span>;
  const busy = apply.isPending || reject.isPending;
  const adminTitle = admin ? undefined : ADMIN_ONLY;
  if (rejecting) {
    return (
      <form
        className="reject-form"
        onSubmit={(e) => {
          e.preventDefault();
          reject.mutate();
        }}
      >
        <input
          data-testid="reject-reason"
          aria-label="Why reject (optional)"
          placeholder="reason (optional)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
          maxLength={500}
          disabled={busy}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setRejecting(false);
          }}
        />
        <button type="submit" className="button small danger" data-testid="reject-button" disabled={busy}>
          {reject.isPending ? 'Rejecting…' : 'Reject'}
        </button>
        <button type="button" className="button small" onClick={() => setRejecting(false)} disabled={busy}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="rec-actions">
      <button
        className="button small primary"
        data-testid="apply-button"
        disabled={!admin || busy || scheduled}
        title={
          adminTitle ??
          (scheduled
            ? 'Already approved: the indexer builds it at the scheduled time'
            : 'Build this index now (CREATE INDEX CONCURRENTLY), then verify it')
        }
        onClick={() => apply.mutate()}
      >
        {apply.isPending ? 'Applying…' : 'Apply'}
      </button>
      <button
        className="button small danger"
        data-testid="reject-button"
        disabled={!admin || busy}
        title={adminTitle ?? 'Reject: the indexer will not recommend it again'}
        onClick={() => setRejecting(true)}
      >
        Reject…
      </button>
    </div>
  );
}

/** What became of it, and when (workload time). */
function decidedText(o: Optimization, now: number): string {
  switch (o.status) {
    case 'applied':
      return `built ${formatAgo(o.appliedAt, now)}, verifying`;
    case 'kept':
      return `kept ${formatAgo(o.verifiedAt, now)}`;
    case 'reverted':
      return `reverted ${formatAgo(o.droppedAt ?? o.verifiedAt, now)}`;
    case 'rejected':
      return `rejected${detailText(o, 'rejected_by') ? ` by ${detailText(o, 'rejected_by')}` : ''}`;
    case 'dropped':
      return `dropped ${formatAgo(o.droppedAt, now)}`;
    case 'failed':
      return 'build failed';
    default:
      return o.status;
  }
}

/** The DDL, every helped query with its estimate and measured times now, why, and the indexer's decisions on it. */
function RecommendationDetail({ o, decisions }: { o: Optimization; decisions: Decision[] | undefined }) {
  const helps = helpedQueries(o);
  const stats = useQuery({
    queryKey: ['statistics', 'optimization-helped'],
    queryFn: ({ signal }) => endpoints.statistics({ limit: 1000 }, signal),
    staleTime: 60_000,
  });
  const byFingerprint = useMemo(() => new Map((stats.data ?? []).map((s) => [s.fingerprint, s])), [stats.data]);
  const facts: [string, ReactNode][] = [
    ['why', o.reason || '–'],
    ...(detailText(o, 'verification') ? [['verification', detailText(o, 'verification')] as [string, ReactNode]] : []),
    ...(detailText(o, 'error')
      ? [['build error', <span className="error-text">{detailText(o, 'error')}</span>] as [string, ReactNode]]
      : []),
    ...(detailText(o, 'dropped') ? [['dropped', detailText(o, 'dropped')] as [string, ReactNode]] : []),
    ['recommended', formatDateTime(o.recommendedAt)],
    ['applied', formatDateTime(o.appliedAt)],
    ['verified', formatDateTime(o.verifiedAt)],
    ['dropped at', formatDateTime(o.droppedAt)],
  ];
  return (
    <div className="rec-detail-grid">
      <div className="stack">
        <h3>DDL</h3>
        <SqlView text={o.ddl ?? ''} maxHeight={160} />
        <dl className="facts">
          {facts.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
        </dl>
      </div>
      <div className="stack">
        <h3>Queries it helps</h3>
        {helps.length === 0 ? (
          <span className="muted">The recommendation lists no estimates per query.</span>
        ) : (
          <table className="data compact">
            <thead>
              <tr>
                <th>Fingerprint</th>
                <th className="num">Weight</th>
                <th className="num">Est. cost before → after</th>
                <th className="num">Saving</th>
                <th className="num" title="Measured median time of the fingerprint now">
                  p50 now
                </th>
              </tr>
            </thead>
            <tbody>
              {helps.map((h) => {
                const s = byFingerprint.get(h.fingerprint);
                return (
                  <tr key={h.fingerprint}>
                    <td>
                      <FingerprintLink fingerprint={h.fingerprint} />
                      {s && (
                        <div className="mono muted text-sm helped-sql" title={s.normalizedText}>
                          {s.normalizedText}
                        </div>
                      )}
                    </td>
                    <td className="num">{formatNumber(h.weight, 1)}</td>
                    <td className="num nowrap">
                      {formatCost(h.costBefore)} → {formatCost(h.costAfter)}
                    </td>
                    <td className="num">
                      {formatPercent(h.costBefore > 0 ? 1 - h.costAfter / h.costBefore : null, 0)}
                    </td>
                    <td className="num">{formatMs(s?.p50Ms)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <h3>The indexer's decisions</h3>
        {decisions?.length ? (
          <ul className="timeline compact">
            {decisions.map((d) => (
              <li
                key={d.ordering}
                className={
                  d.kind === 'index_kept'
                    ? 'kept'
                    : d.kind === 'index_reverted' || d.kind === 'index_build_failed'
                      ? 'reverted'
                      : ''
                }
              >
                <div className="row">
                  <strong>{d.kind.replace(/^index_/, '').replace(/_/g, ' ')}</strong>
                  <span className="muted text-sm" title="workload time">
                    {formatDateTime(d.decidedAt)}
                  </span>
                </div>
                <div className="text-sm">{d.summary}</div>
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">None in the newest 500 journal entries.</span>
        )}
      </div>
    </div>
  );
}

/**
 * Starts a workload analysis (admin) and waits for it: the server answers at once with the analysis's status
 * resource, which the button polls until the indexer tells what it found.
 */
function AnalyzeButton() {
  const admin = useIsAdmin();
  const toast = useToast();
  const queryClient = useQueryClient();
  const analyze = useMutation({
    mutationFn: async () => {
      const started = await endpoints.analyzeIndexes();
      return untilAnalyzed(started.analysisId, (id) => endpoints.indexAnalysis(id));
    },
    onSuccess: (r) => {
      toast('ok', r.summary ?? 'Analysis done');
      void queryClient.invalidateQueries({ queryKey: ['optimization'] });
    },
    onError: (e) => toast('bad', `Analysis failed: ${describeError(e)}`),
  });
  return (
    <button
      className="button small primary"
      data-testid="analyze-button"
      disabled={!admin || analyze.isPending}
      title={admin ? 'Analyze the workload now instead of at the next hour of workload time' : ADMIN_ONLY}
      onClick={() => analyze.mutate()}
    >
      <Icon name="refresh" size={14} /> {analyze.isPending ? 'Analyzing…' : 'Analyze now'}
    </button>
  );
}

function exportRecommendations(rows: Optimization[]) {
  download(
    toCsv(rows, [
      { header: 'id', value: (o) => o.id },
      { header: 'status', value: (o) => o.status },
      { header: 'index', value: (o) => o.index?.name },
      { header: 'table', value: (o) => o.index?.table },
      { header: 'key columns', value: (o) => indexColumns(o).key.join(' ') },
      { header: 'include columns', value: (o) => indexColumns(o).include.join(' ') },
      { header: 'ddl', value: (o) => o.ddl },
      { header: 'estimated bytes', value: (o) => detailNumber(o, 'estimatedBytes') ?? o.index?.sizeBytes },
      { header: 'benefit', value: (o) => o.estimatedGain },
      { header: 'estimated cost before', value: (o) => estimatedEffect(o)?.before },
      { header: 'estimated cost after', value: (o) => estimatedEffect(o)?.after },
      { header: 'estimated saving', value: (o) => estimatedEffect(o)?.saving },
      { header: 'measured gain', value: (o) => o.performanceGain },
      { header: 'p-value', value: (o) => o.pValue },
      { header: 'fingerprints', value: (o) => o.fingerprints.join(' ') },
      { header: 'recommended at', value: (o) => o.recommendedAt },
      { header: 'applied at', value: (o) => o.appliedAt },
      { header: 'verified at', value: (o) => o.verifiedAt },
      { header: 'dropped at', value: (o) => o.droppedAt },
    ]),
    exportFileName('index recommendations', 'csv'),
  );
}
