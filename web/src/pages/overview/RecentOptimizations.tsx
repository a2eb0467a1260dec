import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { Card } from '../../components/Card';
import { DataTable } from '../../components/DataTable';
import { Badge, Loadable } from '../../components/states';
import { formatAgo, formatPercent } from '../../shaping/format';
import { estimatedEffect, optimizationSubject, statusTone } from '../../shaping/optimization';
import { useWorkloadNow } from '../../live/workloadClock';

/** The newest actions of the deciding agents (analyses left out) and what became of them. */
export function RecentOptimizations() {
  const workloadNow = useWorkloadNow(); // the agents' rows carry workload time
  const history = useLiveQuery({
    queryKey: ['optimization-history', 'recent'],
    queryFn: ({ signal }) => endpoints.optimizationHistory({ limit: 30 }, signal),
    livePollMs: 30_000,
    invalidateOn: ['decision'],
    throttleMs: 3000,
  });
  return (
    <Card
      title="Recent optimizations"
      flush
      testId="recent-optimizations"
      actions={<Link to="/optimization">All optimizations →</Link>}
    >
      <Loadable query={history}>
        {(d) => (
          <DataTable
            rows={d.optimizations.filter((o) => o.type !== 'index_analysis').slice(0, 8)}
            rowKey={(o) => o.id}
            exportName="recent optimizations"
            emptyTitle="No optimizations yet"
            emptyText="The indexer analyzes the workload every hour of workload time; the governor resizes when demand moves."
            columns={[
              {
                key: 'when',
                header: 'When',
                value: (o) => o.appliedAt ?? o.recommendedAt,
                cell: (o) => <span className="nowrap">{formatAgo(o.appliedAt ?? o.recommendedAt, workloadNow())}</span>,
              },
              { key: 'agent', header: 'Agent', value: (o) => o.agent },
              { key: 'type', header: 'Type', value: (o) => o.type.replace(/_/g, ' ') },
              { key: 'subject', header: 'Applied to', value: optimizationSubject, className: 'mono' },
              {
                key: 'status',
                header: 'Status',
                value: (o) => o.status,
                cell: (o) => <Badge tone={statusTone(o.status)}>{o.status}</Badge>,
              },
              {
                key: 'gain',
                header: 'Gain',
                align: 'right',
                value: (o) => o.performanceGain ?? estimatedEffect(o)?.saving ?? null,
                cell: (o) =>
                  o.performanceGain != null ? (
                    <span title="measured">{formatPercent(o.performanceGain, 0)}</span>
                  ) : estimatedEffect(o) ? (
                    <span className="muted" title="estimated cost saving">
                      est. {formatPercent(estimatedEffect(o)!.saving, 0)}
                    </span>
                  ) : (
                    '–'
                  ),
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
