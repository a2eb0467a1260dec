import { useMemo } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { LastUpdated } from '../../components/LastUpdated';
import { AlertsCard } from './AlertsCard';
import { AnomalyFeed } from './AnomalyFeed';
import { DatabaseOverview, IndexStats, TableStats } from './DatabaseStats';
import { HealthComponents, HealthScoreCard } from './HealthScore';
import { ResourceCharts } from './ResourceCharts';
import { componentThresholds } from './shaping';

/**
 * pgHero's one-page health view — score, resources, database, tables and indexes — with what the agents saw: the
 * anomalies the watcher flagged and the alerts that need someone now.
 */
export default function HealthPage() {
  const health = useLiveQuery({
    queryKey: ['metrics', 'health'],
    queryFn: ({ signal }) => endpoints.health({}, signal),
    invalidateOn: ['anomaly'],
    livePollMs: 15_000,
    throttleMs: 5000,
  });
  const database = useLiveQuery({
    queryKey: ['metrics', 'database'],
    queryFn: ({ signal }) => endpoints.database(signal),
    livePollMs: 30_000,
    fallbackPollMs: 30_000,
  });
  const thresholds = useMemo(() => componentThresholds(health.data?.current), [health.data]);
  const newest = Math.max(health.dataUpdatedAt, database.dataUpdatedAt);
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="muted">
          The score, resources and database as the observer samples them; anomalies as the watcher flags them.
        </span>
        <LastUpdated at={newest || null} />
      </div>
      <div className="grid">
        <div className="span-12">
          <AlertsCard />
        </div>
        <div className="span-4 stretch">
          <HealthScoreCard health={health} />
        </div>
        <div className="span-8 stretch">
          <HealthComponents health={health} />
        </div>
        <div className="span-12">
          <ResourceCharts thresholds={thresholds} maxConnections={database.data?.database.connections.max ?? null} />
        </div>
        <div className="span-12">
          <AnomalyFeed />
        </div>
        <div className="span-12">
          <DatabaseOverview database={database} />
        </div>
        <div className="span-12">
          <TableStats database={database} />
        </div>
        <div className="span-12">
          <IndexStats database={database} />
        </div>
      </div>
    </>
  );
}
