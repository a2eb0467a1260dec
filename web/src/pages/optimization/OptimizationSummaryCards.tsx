import { useMemo } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { DatabaseStatistics, Optimization } from '../../api/types';
import { Kpi } from '../../components/Kpi';
import { ErrorNotice } from '../../components/states';
import { formatBytes, formatCount, formatPercent } from '../../shaping/format';
import { summarize } from './shaping';

/** The indexer's record at a glance: what waits, what is in place, how often verified changes held up. */
export function OptimizationSummaryCards({
  indexes,
  database,
}: {
  indexes: UseQueryResult<{ indexes: Optimization[] }>;
  database: DatabaseStatistics | undefined;
}) {
  const s = useMemo(() => (indexes.data ? summarize(indexes.data.indexes) : null), [indexes.data]);
  const own = database?.indexes.filter((i) => i.byDwpilot);
  const realBytes = own?.reduce((sum, i) => sum + i.sizeBytes, 0);
  const loading = s === null;
  if (indexes.error && !indexes.data)
    return <ErrorNotice error={indexes.error} onRetry={() => void indexes.refetch()} />;
  return (
    <div className="kpis kpis-5" data-testid="optimization-summary">
      <Kpi
        label="Awaiting a decision"
        loading={loading}
        testId="kpi-awaiting"
        value={formatCount(s?.awaiting)}
        sub={<span>{s?.awaiting ? 'apply or reject below' : 'nothing to decide'}</span>}
        help="Recommendations neither applied, rejected nor scheduled by the automatic mode"
      />
      <Kpi
        label="Indexes in place"
        loading={loading}
        value={formatCount(s?.inPlace)}
        sub={
          s && (
            <span>
              {formatCount(s.applied)} being verified · {formatCount(s.kept)} kept
            </span>
          )
        }
        help="Built by the indexer and not dropped: applied (under verification) and kept"
      />
      <Kpi
        label="Kept vs reverted"
        loading={loading}
        value={
          <span className={s?.successRate == null ? '' : s.successRate >= 0.5 ? 'delta-good' : 'delta-bad'}>
            {formatPercent(s?.successRate, 0)}
          </span>
        }
        sub={
          s && (
            <span>
              {formatCount(s.kept)} kept · {formatCount(s.reverted)} reverted of {formatCount(s.kept + s.reverted)}{' '}
              verified
            </span>
          )
        }
        help="Share of verified indexes that made the helped queries faster and were kept"
      />
      <Kpi
        label="Estimated → measured gain"
        loading={loading}
        value={
          s?.compared ? (
            <span className="kpi-pair">
              {formatPercent(s.estimatedGain, 0)} <span className="muted">→</span> {formatPercent(s.measuredGain, 0)}
            </span>
          ) : (
            '–'
          )
        }
        sub={
          <span>{s?.compared ? `mean over ${formatCount(s.compared)} verified` : 'measured after verification'}</span>
        }
        help="Planner's estimated cost saving of the helped queries against their measured latency gain"
      />
      <Kpi
        label="Indexer's storage"
        loading={loading}
        value={realBytes !== undefined ? formatBytes(realBytes) : formatBytes(s?.estimatedBytesInPlace)}
        sub={
          s && (
            <span>
              {own ? `${formatCount(own.length)} in the database · ` : ''}estimated{' '}
              {formatBytes(s.estimatedBytesInPlace)}
            </span>
          )
        }
        help="Real size of the dwpilot_ix_ indexes in the database, and the indexer's estimate of those in place"
      />
    </div>
  );
}
