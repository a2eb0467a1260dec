import { useMemo, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { Card } from '../../components/Card';
import { Badge, Loadable, Skeleton } from '../../components/states';
import { formatAgo, formatDateTime, formatNumber } from '../../shaping/format';
import { sortAlerts } from './shaping';
import { useAcknowledge } from './useAcknowledge';
import { useWorkloadNow } from '../../live/workloadClock';

const VISIBLE = 5;

/** What needs attention now, critical first: components out of bounds, open high anomalies, a failed ETL. */
export function AlertsCard() {
  const alerts = useLiveQuery({
    queryKey: ['alerts'],
    queryFn: ({ signal }) => endpoints.alerts(signal),
    invalidateOn: ['anomaly', 'decision'],
    livePollMs: 15_000,
    throttleMs: 3000,
  });
  const sorted = useMemo(() => sortAlerts(alerts.data?.alerts ?? []), [alerts.data]);
  const acknowledge = useAcknowledge();
  const now = useWorkloadNow()();
  // every open high anomaly is an alert of its own: show the first few, the rest on demand
  const [all, setAll] = useState(false);
  const shown = all ? sorted : sorted.slice(0, VISIBLE);
  const critical = sorted.filter((a) => a.severity === 'critical').length;
  return (
    <Card
      title="Alerts"
      flush
      testId="alerts"
      actions={
        alerts.data &&
        (sorted.length === 0 ? (
          <Badge tone="ok">all clear</Badge>
        ) : (
          <span className="row">
            {critical > 0 && <Badge tone="bad">{critical} critical</Badge>}
            {sorted.length - critical > 0 && <Badge tone="warn">{sorted.length - critical} warning</Badge>}
          </span>
        ))
      }
    >
      <Loadable
        query={alerts}
        skeleton={
          <div className="card-body">
            <Skeleton lines={2} />
          </div>
        }
        isEmpty={(d) => d.alerts.length === 0}
        emptyTitle="Nothing needs attention"
        emptyText="Every health component is within its thresholds, no high-severity anomaly is open and the last ETL run succeeded."
      >
        {() => (
          <ul className="alert-list">
            {shown.map((a) => (
              <li key={a.key} className={`alert-item ${a.severity}`} data-testid="alert-row" data-severity={a.severity}>
                <Badge tone={a.severity === 'critical' ? 'bad' : 'warn'}>{a.severity}</Badge>
                <div className="alert-body">
                  <div>
                    <strong>{a.message}</strong>
                  </div>
                  <div className="muted text-sm">
                    {a.source}
                    {a.value !== null && (
                      <>
                        {' '}
                        · value <strong>{formatNumber(a.value, 2)}</strong>
                      </>
                    )}
                    {a.threshold !== null && <> against a threshold of {formatNumber(a.threshold, 2)}</>}
                    {a.since ? (
                      <>
                        {' '}
                        · since{' '}
                        <span title={`${formatDateTime(a.since)} (workload time)`}>{formatAgo(a.since, now)}</span>
                      </>
                    ) : (
                      <> · now</>
                    )}
                  </div>
                </div>
                {a.anomalyId !== null && (
                  <button
                    className="button small"
                    data-testid="alert-ack-button"
                    onClick={() => acknowledge.mutate(a.anomalyId!)}
                    disabled={acknowledge.isPending && acknowledge.variables === a.anomalyId}
                    title={`Acknowledge anomaly #${a.anomalyId}`}
                  >
                    Acknowledge
                  </button>
                )}
              </li>
            ))}
            {sorted.length > VISIBLE && (
              <li className="alert-more">
                <button className="linkish text-sm" onClick={() => setAll(!all)} data-testid="alerts-more">
                  {all ? 'Show fewer' : `Show ${sorted.length - VISIBLE} more`}
                </button>
              </li>
            )}
          </ul>
        )}
      </Loadable>
    </Card>
  );
}
