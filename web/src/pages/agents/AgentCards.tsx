import type { AgentStatus, Decision } from '../../api/types';
import type { UseQueryResult } from '@tanstack/react-query';
import { Badge, EmptyState, ErrorNotice, Skeleton, type Tone } from '../../components/states';
import { formatAgo, formatDateTime } from '../../shaping/format';
import { AGENT_INFO, agentColor, agentLabel, keyCounters, readableInstants, sortAgents } from './decisions';

/** What an agent's state in words says about it, as a tone and a word for the badge. */
function stateBadge(state: string): { tone: Tone; word: string } {
  const s = state.toLowerCase();
  if (s.startsWith('unresponsive')) return { tone: 'bad', word: 'unresponsive' };
  if (s.includes('failing')) return { tone: 'warn', word: 'degraded' };
  if (s.startsWith('warming up')) return { tone: 'warn', word: 'warming up' };
  if (s.startsWith('starting')) return { tone: 'info', word: 'starting' };
  if (s.startsWith('steering') || s.startsWith('automatic')) return { tone: 'ok', word: 'acting' };
  if (s.startsWith('recommend-only')) return { tone: 'info', word: 'recommending' };
  return { tone: 'ok', word: 'watching' };
}

/**
 * A card per agent: its state in words, its last decision and when, and its counters. A click filters the timeline
 * to the agent (again: all agents).
 */
export function AgentCards({
  agents,
  decisions,
  selected,
  onSelect,
}: {
  agents: UseQueryResult<{ agents: AgentStatus[] }>;
  decisions: Decision[];
  selected: string | null;
  onSelect: (agent: string | null) => void;
}) {
  if (!agents.data) {
    if (agents.error) return <ErrorNotice error={agents.error} onRetry={() => void agents.refetch()} />;
    return (
      <div className="agent-cards">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="card agent-card">
            <Skeleton lines={4} />
          </div>
        ))}
      </div>
    );
  }
  if (agents.data.agents.length === 0) {
    return (
      <EmptyState title="No agents running">
        The server was started without its agents (`dwpilot up` starts them).
      </EmptyState>
    );
  }
  return (
    <div className="agent-cards">
      {sortAgents(agents.data.agents).map((a) => (
        <AgentCard
          key={a.agent}
          agent={a}
          selected={selected === a.agent}
          newest={decisions.find((d) => d.agent === a.agent) ?? null}
          onClick={() => onSelect(selected === a.agent ? null : a.agent)}
        />
      ))}
    </div>
  );
}

function AgentCard({
  agent,
  newest,
  selected,
  onClick,
}: {
  agent: AgentStatus;
  newest: Decision | null;
  selected: boolean;
  onClick: () => void;
}) {
  const badge = stateBadge(agent.state);
  const counters = keyCounters(agent.agent, agent.counters);
  // the status's time is the agent's clock (workload time); a loaded decision of the same moment tells the wall time
  const wall =
    newest && agent.lastDecisionAt && Math.abs(Date.parse(newest.decidedAt) - Date.parse(agent.lastDecisionAt)) < 1000
      ? newest.persistedAt
      : null;
  return (
    // the whole card is a mouse target; keyboard users have the button in its head
    <article
      className={`card agent-card${selected ? ' selected' : ''}`}
      onClick={onClick}
      data-testid="agent-card"
      data-agent={agent.agent}
    >
      <div className="agent-card-head">
        <span className="agent-dot" style={{ background: agentColor(agent.agent) }} />
        <strong
          title={
            AGENT_INFO[agent.agent]
              ? `The ${agentLabel(agent.agent).toLowerCase()} ${AGENT_INFO[agent.agent].role}`
              : undefined
          }
        >
          {agentLabel(agent.agent)}
        </strong>
        <Badge tone={badge.tone}>{badge.word}</Badge>
        <button
          type="button"
          className="button small agent-filter"
          aria-pressed={selected}
          onClick={(e) => {
            e.stopPropagation();
            onClick();
          }}
          title={
            selected
              ? 'Show every agent’s decisions'
              : `Show only the ${agentLabel(agent.agent).toLowerCase()}’s decisions`
          }
        >
          {selected ? 'all agents' : 'decisions'}
        </button>
      </div>
      <div className="agent-state" title={agent.state}>
        {readableInstants(agent.state)}
      </div>
      <div className="agent-last">
        {agent.lastDecision ? (
          <>
            <span className="agent-last-text" title={agent.lastDecision}>
              {readableInstants(agent.lastDecision)}
            </span>
            <span
              className="muted nowrap"
              title={agent.lastDecisionAt ? `workload time ${formatDateTime(agent.lastDecisionAt)}` : undefined}
            >
              {wall ? formatAgo(wall) : `${formatDateTime(agent.lastDecisionAt)} workload time`}
            </span>
          </>
        ) : (
          <span className="muted">
            {agent.agent === 'observer' ? 'observes and publishes snapshots; decides nothing' : 'no decision yet'}
          </span>
        )}
      </div>
      {counters.shown.length > 0 && (
        <dl className="agent-counters">
          {counters.shown.map((c) => (
            <div key={c.key}>
              <dt>{c.label}</dt>
              <dd>{c.value}</dd>
            </div>
          ))}
          {counters.more.length > 0 && (
            <div className="muted more" title={counters.more.map((c) => `${c.label}: ${c.value}`).join('\n')}>
              +{counters.more.length} more
            </div>
          )}
        </dl>
      )}
    </article>
  );
}
