import { useMemo } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { LastUpdated } from '../../components/LastUpdated';
import { settingNumber } from './shaping';
import { buildChains } from '../../shaping/indexChains';
import { OptimizationSummaryCards } from './OptimizationSummaryCards';
import { Recommendations } from './Recommendations';
import { OptimizationHistory } from './OptimizationHistory';
import { AutomaticMode } from './AutomaticMode';

/**
 * What the indexer proposes (with PoWA's estimated before/after cost), what people and the automatic mode decided,
 * and what the agents then measured: kept when the helped queries got significantly faster, reverted when not.
 */
export default function OptimizationPage() {
  // every index recommendation (all statuses: a few hundred rows at most) feeds both the cards and the table
  const indexes = useLiveQuery({
    queryKey: ['optimization', 'indexes'],
    queryFn: ({ signal }) => endpoints.indexes({ limit: 1000 }, signal),
    invalidateOn: ['decision'],
    livePollMs: 30_000,
  });
  // the indexer's journal says what the history table cannot yet: a build approved but not started
  const decisions = useLiveQuery({
    queryKey: ['optimization', 'indexer-decisions'],
    queryFn: ({ signal }) => endpoints.decisions({ agent: 'indexer', size: 500 }, signal),
    invalidateOn: ['decision'],
    livePollMs: 30_000,
  });
  const settings = useLiveQuery({
    queryKey: ['optimization', 'settings'],
    queryFn: ({ signal }) => endpoints.optimizationSettings(signal),
    invalidateOn: ['decision'],
    throttleMs: 10_000,
  });
  // the database's own view of the indexer's indexes: their real sizes
  const database = useLiveQuery({
    queryKey: ['metrics', 'database'],
    queryFn: ({ signal }) => endpoints.database(signal),
    livePollMs: 60_000,
    fallbackPollMs: 30_000,
  });

  const chains = useMemo(() => buildChains(decisions.data?.items ?? []), [decisions.data]);
  const indexerSettings = settings.data?.agents.find((a) => a.agent === 'indexer')?.settings;
  const alpha = settingNumber(indexerSettings, 'verification.alpha', 0.05);

  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="muted">
          Costs are the planner's estimates (hypothetical indexes); gains are measured on real executions after the
          build.
        </span>
        <LastUpdated at={indexes.dataUpdatedAt || null} />
      </div>
      <OptimizationSummaryCards indexes={indexes} database={database.data} />
      <div className="grid">
        <div className="span-12">
          <Recommendations indexes={indexes} chains={chains} alpha={alpha} />
        </div>
        <div className="span-12">
          <OptimizationHistory alpha={alpha} />
        </div>
        <div className="span-12">
          <AutomaticMode settings={settings} />
        </div>
      </div>
    </>
  );
}
