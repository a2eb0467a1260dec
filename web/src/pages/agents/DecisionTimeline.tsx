import { memo } from 'react';
import type { Decision } from '../../api/types';
import { useFeedLive } from '../../live/LiveFeedProvider';
import { Card } from '../../components/Card';
import { Segmented } from '../../components/Drawer';
import { Badge, EmptyState, ErrorNotice, Skeleton } from '../../components/states';
import { formatAgo, formatCount, formatDateTime, formatTime } from '../../shaping/format';
import {
  agentColor,
  agentLabel,
  CHANNELS,
  kindLabel,
  kindOptions,
  kindTone,
  readableInstants,
  type DecisionFilter,
} from './decisions';
import { DecisionDetails } from './DecisionDetails';
import { OUTCOME_LABELS, optimizationIdOf, outcomeTone, type Chain } from '../../shaping/indexChains';
import type { DecisionTimeline as Timeline } from './useDecisionTimeline';
import { FilterSelect } from '../../components/FilterSelect';

export interface TimelineProps {
  timeline: Timeline;
  filter: DecisionFilter;
  agents: string[];
  chains: Map<number, Chain>;
  open: number | null;
  onFilter: (change: Partial<DecisionFilter>) => void;
  onOpen: (ordering: number | null) => void;
  onChain: (id: number) => void;
}

/** The journal's decisions, newest first, streamed as they happen, with filters and older pages on demand. */
export function DecisionTimeline({ timeline, filter, agents, chains, open, onFilter, onOpen, onChain }: TimelineProps) {
  const live = useFeedLive();
  const { decisions, head } = timeline;
  const filtered = Boolean(filter.agent || filter.kind || filter.channel);
  return (
    <Card
      title="Decision timeline"
      flush
      testId="decision-timeline"
      actions={
        <span className="status-line">
          {live ? (
            <>
              <span className="dot ok pulse" /> live
            </>
          ) : (
            <>
              <span className="dot warn" /> polling every 5 s
            </>
          )}
        </span>
      }
    >
      <div className="toolbar timeline-filters">
        <label className="field">
          agent
          <FilterSelect
            label="Agent"
            anyLabel="all agents"
            value={filter.agent ?? ''}
            options={agents}
            format={agentLabel}
            onChange={(v) => onFilter({ agent: v || null, kind: null })}
            testId="decision-filter-agent"
          />
        </label>
        <label className="field">
          kind
          <FilterSelect
            label="Kind"
            anyLabel="all kinds"
            value={filter.kind ?? ''}
            options={kindOptions(filter.agent, decisions)}
            format={kindLabel}
            onChange={(v) => onFilter({ kind: v || null })}
            testId="decision-filter-kind"
          />
        </label>
        <div className="field">
          channel
          <Segmented
            label="Channel"
            value={filter.channel ?? 'all'}
            onChange={(c) => onFilter({ channel: c === 'all' ? null : c })}
            options={[{ key: 'all', label: 'all' }, ...CHANNELS.map((c) => ({ key: c, label: c }))]}
          />
        </div>
        {filtered && (
          <button className="button small" onClick={() => onFilter({ agent: null, kind: null, channel: null })}>
            Clear filters
          </button>
        )}
        <span className="muted timeline-count">
          {timeline.total !== null &&
            `${formatCount(decisions.length)} of ${formatCount(Math.max(timeline.total, decisions.length))} decisions`}
        </span>
      </div>
      {head.error && decisions.length > 0 && (
        <div className="card-body">
          <ErrorNotice error={head.error} onRetry={() => void head.refetch()} />
        </div>
      )}
      {decisions.length === 0 && head.isPending && (
        <div className="card-body">
          <Skeleton lines={8} height={22} />
        </div>
      )}
      {decisions.length === 0 && head.error && (
        <div className="card-body">
          <ErrorNotice error={head.error} onRetry={() => void head.refetch()} />
        </div>
      )}
      {decisions.length === 0 && head.data && (
        <EmptyState title={filtered ? 'No decisions match these filters' : 'No decisions yet'}>
          {filtered
            ? 'Decisions that match appear here the moment an agent makes them. Clear the filters to see every agent.'
            : 'The governor decides as demand moves, the indexer analyses the workload every hour of workload time, the trainer retrains on new data: their decisions appear here as they happen.'}
        </EmptyState>
      )}
      <ol className="decisions" aria-label="Decisions, newest first">
        {decisions.map((d) => {
          const id = optimizationIdOf(d);
          return (
            <DecisionItem
              key={d.ordering}
              decision={d}
              fresh={timeline.isNew(d)}
              chain={id !== null ? chains.get(id) : undefined}
              expanded={open === d.ordering}
              onOpen={onOpen}
              onChain={onChain}
            />
          );
        })}
      </ol>
      {(timeline.hasOlder || timeline.olderError != null) && (
        <div className="load-older">
          {timeline.olderError != null && <ErrorNotice error={timeline.olderError} onRetry={timeline.loadOlder} />}
          {timeline.hasOlder && (
            <button
              className="button"
              onClick={timeline.loadOlder}
              disabled={timeline.loadingOlder}
              data-testid="load-older"
            >
              {timeline.loadingOlder ? 'Loading…' : 'Load older decisions'}
            </button>
          )}
        </div>
      )}
    </Card>
  );
}

// memoized: the timeline re-renders on every poll and live message, its hundred entries need not
const DecisionItem = memo(function DecisionItem({
  decision: d,
  fresh,
  expanded,
  chain,
  onOpen,
  onChain,
}: {
  decision: Decision;
  fresh: boolean;
  expanded: boolean;
  chain: Chain | undefined;
  onOpen: (ordering: number | null) => void;
  onChain: (id: number) => void;
}) {
  const onToggle = () => onOpen(expanded ? null : d.ordering);
  return (
    <li
      className={`decision${fresh ? ' fresh' : ''}${expanded ? ' open' : ''}`}
      data-testid="decision-item"
      data-agent={d.agent}
      data-kind={d.kind}
      data-ordering={d.ordering}
      style={{ ['--agent' as string]: agentColor(d.agent) }}
    >
      <div className="decision-row">
        <button type="button" className="decision-toggle" aria-expanded={expanded} onClick={onToggle}>
          <span
            className="decision-time"
            title={`written ${formatDateTime(d.persistedAt)} (wall time) · decided ${formatDateTime(d.decidedAt)} (workload time)`}
          >
            <span className="mono">{formatTime(d.persistedAt)}</span>
            <span className="muted">{formatAgo(d.persistedAt)}</span>
          </span>
          <span className="decision-what">
            <span className="decision-tags">
              <span className="agent-chip">{agentLabel(d.agent)}</span>
              <Badge tone={kindTone(d.kind)}>{kindLabel(d.kind)}</Badge>
              {fresh && (
                <span className="new-tag" title="Arrived while this page was open">
                  new
                </span>
              )}
            </span>
            <span className="decision-summary">{readableInstants(d.summary)}</span>
          </span>
        </button>
        {chain &&
          (d.kind === 'index_recommended' ? (
            <button
              type="button"
              className="outcome-button"
              onClick={() => onChain(chain.id)}
              data-testid="decision-outcome"
              data-outcome={chain.outcome}
              title={`What became of recommendation #${chain.id}: follow its decisions`}
            >
              <Badge tone={outcomeTone(chain.outcome)}>{OUTCOME_LABELS[chain.outcome]}</Badge>
            </button>
          ) : (
            <button
              type="button"
              className="chain-link"
              onClick={() => onChain(chain.id)}
              title={`Follow recommendation #${chain.id}`}
            >
              #{chain.id} →
            </button>
          ))}
      </div>
      {expanded && <DecisionDetails decision={d} />}
    </li>
  );
});
