import { useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { HealthNow, SystemSample, WorkloadSnapshot } from '../../api/types';
import { useFeed } from '../../live/LiveFeedProvider';
import { Card } from '../../components/Card';
import { Gauge } from '../../components/Gauge';
import { Loadable, Skeleton } from '../../components/states';
import { formatCount, formatNumber, formatPercent } from '../../shaping/format';
import { componentThresholds } from '../health/shaping';

/** Host and database load, updated from the live feed's metric messages as the observer samples them. */
export function ResourceGauges({ health }: { health: HealthNow | undefined }) {
  const [liveSample, setLiveSample] = useState<SystemSample | null>(null);
  const current = useLiveQuery({
    queryKey: ['metrics-current'],
    queryFn: ({ signal }) => endpoints.metricsCurrent(signal),
    fallbackPollMs: 5000,
  });
  useFeed<WorkloadSnapshot>(['metric'], (m) => {
    if (m.data.system && m.data.system.sampledAt !== liveSample?.sampledAt) setLiveSample(m.data.system);
  });
  const newest = [liveSample, current.data]
    .filter((s): s is SystemSample => !!s)
    .sort((a, b) => Date.parse(b.sampledAt) - Date.parse(a.sampledAt))[0];
  const connections = health?.components.find((c) => c.name === 'connections');
  // the gauges turn amber and red where the health score's components do (thresholds in percent)
  const t = componentThresholds(health);
  const band = (name: string, warn: number, bad: number) => ({
    warnAt: (t[name]?.warning ?? warn) / 100,
    badAt: (t[name]?.critical ?? bad) / 100,
  });
  return (
    <Card title="Resources" testId="resources">
      <Loadable query={{ ...current, data: newest }} skeleton={<Skeleton height={150} />} emptyTitle="No sample yet">
        {(s) => (
          <>
            <div className="gauges">
              <div>
                <Gauge
                  label="CPU"
                  value={s.cpuUsage}
                  display={formatPercent(s.cpuUsage, 0)}
                  {...band('cpu', 80, 95)}
                  testId="gauge-cpu"
                />
              </div>
              <div>
                <Gauge
                  label="Memory"
                  value={s.memoryUsage}
                  display={formatPercent(s.memoryUsage, 0)}
                  {...band('memory', 85, 95)}
                />
              </div>
              <div>
                <Gauge
                  label="Cache hit"
                  value={s.cacheHitRatio}
                  display={formatPercent(s.cacheHitRatio, 1)}
                  invert
                  {...band('cache_hit', 95, 80)}
                />
              </div>
              {/* the health component reads connections against max_connections, in percent */}
              <div>
                <Gauge
                  label="Connections used"
                  value={connections?.value ?? null}
                  max={100}
                  display={
                    connections?.value != null ? `${Math.round(connections.value)} %` : formatCount(s.connections)
                  }
                  {...band('connections', 70, 90)}
                />
              </div>
            </div>
            <dl className="facts" style={{ gridTemplateColumns: 'repeat(2, max-content 1fr)' }}>
              <dt>connections</dt>
              <dd>{formatCount(s.connections)}</dd>
              <dt>active queries</dt>
              <dd>{formatCount(s.activeQueries)}</dd>
              <dt>tx/s</dt>
              <dd>{formatNumber(s.transactionsPerS, 1)}</dd>
              <dt>locks waiting</dt>
              <dd>{formatCount(s.locksWaiting)}</dd>
              <dt>disk ops/s</dt>
              <dd>{formatNumber(s.ioOperations, 1)}</dd>
            </dl>
          </>
        )}
      </Loadable>
    </Card>
  );
}
