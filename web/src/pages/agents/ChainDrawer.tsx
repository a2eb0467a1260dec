import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints';
import type { Decision, Optimization } from '../../api/types';
import { Drawer } from '../../components/Drawer';
import { SqlView } from '../../components/SqlView';
import { Badge, ErrorNotice, Skeleton } from '../../components/states';
import { formatAgo, formatBytes, formatDateTime, formatNumber, formatPercent } from '../../shaping/format';
import { estimatedEffect } from '../../shaping/optimization';
import { kindLabel, kindTone, mergeDecisions } from './decisions';
import { DecisionDetails } from './DecisionDetails';
import {
  buildChains,
  CHAIN_KINDS,
  OUTCOME_LABELS,
  optimizationIdOf,
  outcomeOfStatus,
  outcomeTone,
  type Outcome,
} from '../../shaping/indexChains';

/** Every decision of one recommendation, wherever it lies in the journal: one small read per kind of the chain. */
function useChainDecisions(id: number) {
  return useQuery({
    queryKey: ['decision-chain', id],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        CHAIN_KINDS.map((kind) => endpoints.decisions({ agent: 'indexer', kind, size: 200 }, signal)),
      );
      return pages.flatMap((p) => p.items).filter((d) => optimizationIdOf(d) === id);
    },
    staleTime: 5000,
  });
}

/** One index recommendation followed from its recommendation to its outcome: the record and each decision. */
export function ChainDrawer({
  id,
  loaded,
  records,
  onClose,
}: {
  id: number;
  loaded: Decision[];
  records: Optimization[];
  onClose: () => void;
}) {
  const fetched = useChainDecisions(id);
  const chain = useMemo(
    () =>
      buildChains(
        mergeDecisions(
          loaded.filter((d) => optimizationIdOf(d) === id),
          fetched.data ?? [],
        ),
        records,
      ).get(id),
    [id, loaded, fetched.data, records],
  );
  const record = records.find((r) => r.id === id) ?? chain?.record ?? null;
  const outcome: Outcome | null = chain?.outcome ?? (record ? outcomeOfStatus(record.status) : null);
  const effect = record ? estimatedEffect(record) : null;
  const name = chain?.indexName ?? record?.index?.name ?? null;
  return (
    <Drawer
      onClose={onClose}
      testId="decision-chain"
      title={
        <h2>
          Recommendation #{id}
          {name && <span className="mono muted"> · {name}</span>}
        </h2>
      }
    >
      <div className="row">
        {outcome && <Badge tone={outcomeTone(outcome)}>{OUTCOME_LABELS[outcome]}</Badge>}
        {chain?.source === 'record' && (
          <span className="muted">
            The step that settled it is older than the decisions read; the outcome comes from the optimization record.
          </span>
        )}
        <Link to="/optimization" style={{ marginLeft: 'auto' }}>
          Optimization page →
        </Link>
      </div>
      {record && (
        <section className="card">
          <div className="card-body stack">
            <dl className="facts">
              <dt>table</dt>
              <dd>
                {record.index
                  ? record.index.table.includes('.')
                    ? record.index.table
                    : `${record.index.schema}.${record.index.table}`
                  : '–'}
              </dd>
              <dt>record status</dt>
              <dd>{record.status}</dd>
              <dt>estimated</dt>
              <dd>
                {effect
                  ? `cost ${formatNumber(effect.before, 0)} → ${formatNumber(effect.after, 0)} (saves ${formatPercent(effect.saving, 0)})`
                  : record.estimatedGain != null
                    ? formatPercent(record.estimatedGain, 0)
                    : '–'}
              </dd>
              <dt>measured gain</dt>
              <dd>
                {record.performanceGain != null ? formatPercent(record.performanceGain, 1) : 'not measured yet'}
                {record.pValue != null && <span className="muted"> · p {formatP(record.pValue)}</span>}
              </dd>
              <dt>size</dt>
              <dd>{formatBytes(record.index?.sizeBytes)}</dd>
              <dt>recommended</dt>
              <dd>{formatDateTime(record.recommendedAt)}</dd>
              <dt>applied</dt>
              <dd>{formatDateTime(record.appliedAt)}</dd>
              <dt>verified</dt>
              <dd>{formatDateTime(record.verifiedAt)}</dd>
              {record.droppedAt && (
                <>
                  <dt>dropped</dt>
                  <dd>{formatDateTime(record.droppedAt)}</dd>
                </>
              )}
              <dt>reason</dt>
              <dd>{record.reason || '–'}</dd>
              {typeof record.details?.verification === 'string' && (
                <>
                  <dt>verification</dt>
                  <dd>{record.details.verification}</dd>
                </>
              )}
            </dl>
            {record.ddl && <SqlView text={record.ddl} maxHeight={120} />}
          </div>
        </section>
      )}
      <h3>Its decisions, oldest first</h3>
      {fetched.error && <ErrorNotice error={fetched.error} onRetry={() => void fetched.refetch()} />}
      {!chain && fetched.isPending && <Skeleton lines={4} height={20} />}
      {!chain && fetched.data && (
        <p className="muted">No decision of this recommendation is in the journal’s read model.</p>
      )}
      {chain && fetched.isPending && (
        <p className="muted small-print">Reading the rest of its decisions from the journal…</p>
      )}
      {chain && (
        <ol className="timeline chain-steps">
          {chain.steps.map((s) => (
            <li key={s.ordering} className={stepClass(s.kind)} data-testid="chain-step" data-kind={s.kind}>
              <div className="row">
                <Badge tone={kindTone(s.kind)}>{kindLabel(s.kind)}</Badge>
                <span className="muted" title={`decided ${formatDateTime(s.decidedAt)} (workload time)`}>
                  {formatDateTime(s.persistedAt)} · {formatAgo(s.persistedAt)}
                </span>
              </div>
              <details>
                <summary>{s.summary}</summary>
                <DecisionDetails decision={s} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </Drawer>
  );
}

/** A p-value as statisticians write it: small ones in scientific notation. */
function formatP(p: number): string {
  if (p < 0.0001) return `= ${p.toExponential(1)}`;
  return `= ${formatNumber(p, 4)}`;
}

function stepClass(kind: string): string {
  if (kind === 'index_kept') return 'kept';
  if (kind === 'index_reverted') return 'reverted';
  if (kind === 'index_build_failed') return 'failed';
  return '';
}
