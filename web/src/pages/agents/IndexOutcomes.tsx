import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Optimization } from '../../api/types';
import { Card } from '../../components/Card';
import { Badge, Loadable } from '../../components/states';
import { formatPercent } from '../../shaping/format';
import { estimatedEffect } from '../../shaping/optimization';
import { OUTCOME_LABELS, outcomeOfStatus, outcomeTone, type Chain } from '../../shaping/indexChains';

/**
 * The indexer's newest recommendations and what became of them (kept, reverted, pending verification ...): the
 * verify-and-roll-back loop at a glance; a click follows one through its decisions.
 */
export function IndexOutcomes({
  records,
  chains,
  onChain,
}: {
  records: UseQueryResult<{ indexes: Optimization[] }>;
  chains: Map<number, Chain>;
  onChain: (id: number) => void;
}) {
  return (
    <Card title="Index outcomes" flush testId="index-outcomes" actions={<Link to="/optimization">Optimization →</Link>}>
      <Loadable
        query={records}
        isEmpty={(d) => d.indexes.length === 0}
        emptyTitle="No index recommendations yet"
        emptyText="The indexer analyses the workload every hour of workload time and recommends an index when its estimated saving outweighs its upkeep."
      >
        {(d) => (
          <ul className="outcome-list">
            {d.indexes.slice(0, 8).map((r) => {
              const outcome = chains.get(r.id)?.outcome ?? outcomeOfStatus(r.status);
              const saving = estimatedEffect(r)?.saving ?? null;
              return (
                <li key={r.id}>
                  <button
                    type="button"
                    onClick={() => onChain(r.id)}
                    title={`Follow recommendation #${r.id} through its decisions`}
                  >
                    <span className="outcome-name mono" title={r.ddl ?? undefined}>
                      {r.index?.name ?? r.ddl ?? `#${r.id}`}
                    </span>
                    <span className="muted outcome-gain">
                      {r.index ? `${r.index.table} · ` : ''}
                      {r.performanceGain != null
                        ? `measured ${formatPercent(r.performanceGain, 0)}`
                        : saving != null
                          ? `est. ${formatPercent(saving, 0)}`
                          : ''}
                    </span>
                    {outcome ? (
                      <Badge tone={outcomeTone(outcome)}>{OUTCOME_LABELS[outcome]}</Badge>
                    ) : (
                      <Badge>{r.status}</Badge>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </Loadable>
    </Card>
  );
}
