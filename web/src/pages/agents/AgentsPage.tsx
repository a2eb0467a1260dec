import { useCallback, useMemo } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { LastUpdated } from '../../components/LastUpdated';
import { ActivityChart } from './ActivityChart';
import { AgentCards } from './AgentCards';
import { ChainDrawer } from './ChainDrawer';
import { DecisionTimeline } from './DecisionTimeline';
import { IndexOutcomes } from './IndexOutcomes';
import { AGENT_ORDER, sortAgents, type DecisionFilter } from './decisions';
import { buildChains } from '../../shaping/indexChains';
import { useDecisionTimeline } from './useDecisionTimeline';
import { useUrlParams } from '../../urlParams';

const DECIDING = ['decision', 'anomaly', 'forecast', 'model'] as const;

/**
 * The agent society at work: each agent's state, and the journal of their decisions as they decide, act, verify and
 * roll back, live. Filters, the opened decision and the followed recommendation live in the URL.
 */
export default function AgentsPage() {
  const [params, update] = useUrlParams();
  const filter: DecisionFilter = useMemo(
    () => ({
      agent: params.get('agent'),
      kind: params.get('kind'),
      channel: params.get('channel'),
    }),
    [params],
  );
  const open = params.get('open') ? Number(params.get('open')) : null;
  const chainId = params.get('chain') ? Number(params.get('chain')) : null;

  const agents = useLiveQuery({
    queryKey: ['agents'],
    queryFn: ({ signal }) => endpoints.agents(signal),
    invalidateOn: [...DECIDING],
    livePollMs: 5000, // the observer's counters move without decisions
  });
  const records = useLiveQuery({
    queryKey: ['optimization-indexes', 'agents-page'],
    queryFn: ({ signal }) => endpoints.indexes({ limit: 200 }, signal),
    invalidateOn: ['decision'],
    throttleMs: 3000,
    fallbackPollMs: 15_000,
  });
  const timeline = useDecisionTimeline(filter);
  const chains = useMemo(
    () => buildChains(timeline.decisions, records.data?.indexes ?? []),
    [timeline.decisions, records.data],
  );
  // stable handlers, so the memoized timeline entries do not re-render on every poll
  const onOpen = useCallback((ordering: number | null) => update({ open: ordering }), [update]);
  const onChain = useCallback((id: number) => update({ chain: id }), [update]);
  const agentNames = useMemo(() => {
    const names = new Set([
      ...AGENT_ORDER.filter((a) => a !== 'observer'),
      ...(agents.data?.agents.map((a) => a.agent) ?? []),
    ]);
    if (filter.agent) names.add(filter.agent);
    return sortAgents([...names].map((agent) => ({ agent }))).map((a) => a.agent);
  }, [agents.data, filter.agent]);

  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="muted">
          Times are wall-clock (when the journal wrote each decision); the agents’ own workload time is in each
          decision’s details.
        </span>
        <LastUpdated at={Math.max(agents.dataUpdatedAt, timeline.head.dataUpdatedAt) || null} />
      </div>
      <AgentCards
        agents={agents}
        decisions={timeline.decisions}
        selected={filter.agent}
        onSelect={(agent) => update({ agent, kind: null, open: null })}
      />
      <div className="grid">
        <div className="span-8">
          <DecisionTimeline
            timeline={timeline}
            filter={filter}
            agents={agentNames}
            chains={chains}
            open={open}
            onFilter={(change) => update({ ...change, open: null })}
            onOpen={onOpen}
            onChain={onChain}
          />
        </div>
        <div className="span-4 stack agents-side">
          <ActivityChart
            decisions={timeline.decisions}
            onAgent={(agent) => update({ agent, kind: null, open: null })}
          />
          <IndexOutcomes records={records} chains={chains} onChain={onChain} />
        </div>
      </div>
      {chainId !== null && Number.isFinite(chainId) && (
        <ChainDrawer
          id={chainId}
          loaded={timeline.decisions}
          records={records.data?.indexes ?? []}
          onClose={() => update({ chain: null })}
        />
      )}
    </>
  );
}
