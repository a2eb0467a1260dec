import { Link } from 'react-router';
import type { Decision } from '../../api/types';
import { Badge } from '../../components/states';
import { SqlView } from '../../components/SqlView';
import type { Fact } from '../../shaping/facts';
import { formatBytes, formatCompact, formatDateTime, formatPercent } from '../../shaping/format';
import { modelTitle } from '../../shaping/models';
import { MetricComparisonTable } from '../models/MetricComparisonTable';
import { describeEvent, type EventView, type LimitChange } from './decisions';

/** A decision's numbers: its event drawn in its known shape, anything else as a tidy list, and its journal entry. */
export function DecisionDetails({ decision }: { decision: Decision }) {
  const view = describeEvent(decision);
  return (
    <div className="decision-details">
      <EventBody view={view} />
      {view.facts.length > 0 && <Facts facts={view.facts} />}
      <dl className="facts journal-facts">
        <dt>decided at</dt>
        <dd>
          {formatDateTime(decision.decidedAt)} <span className="muted">workload time (the agent’s clock)</span>
        </dd>
        <dt>written at</dt>
        <dd>
          {formatDateTime(decision.persistedAt)} <span className="muted">wall time (the journal)</span>
        </dd>
        <dt>journal</dt>
        <dd className="mono">
          {decision.persistenceId} #{decision.sequenceNr} · ordering {decision.ordering} · {decision.channel} channel
        </dd>
      </dl>
    </div>
  );
}

function EventBody({ view }: { view: EventView }) {
  switch (view.type) {
    case 'limits':
      return <LimitsTable changes={view.changes} />;
    case 'index':
      return <IndexRecommendation view={view} />;
    case 'verdict':
      return (
        <div className="verdict">
          <Badge tone={view.verdict === 'kept' ? 'ok' : 'bad'}>{view.verdict}</Badge>
          {view.indexName && <span className="mono">{view.indexName}</span>}
          <span>
            measured gain <strong>{view.gain === null ? 'not judged' : formatPercent(view.gain, 1)}</strong>
          </span>
        </div>
      );
    case 'model':
      return (
        <div className="stack">
          <div className="verdict">
            <Badge tone={view.status === 'activated' ? 'ok' : view.status === 'failed' ? 'bad' : 'neutral'}>
              {view.status}
            </Badge>
            <strong>
              {modelTitle(view.model)}
              {view.version !== null ? ` v${view.version}` : ''}
            </strong>
            <Link to="/models" onClick={(e) => e.stopPropagation()}>
              models →
            </Link>
          </div>
          {view.metrics.comparisons.map((c) => (
            <MetricComparisonTable key={c.title} comparison={{ ...c, title: 'Test metrics that decided' }} />
          ))}
          {view.metrics.comparisons.length === 0 && view.metrics.facts.length > 0 && (
            <Facts facts={view.metrics.facts} />
          )}
        </div>
      );
    case 'facts':
      return null;
  }
}

function LimitsTable({ changes }: { changes: LimitChange[] }) {
  return (
    <table className="data compact limits-table">
      <thead>
        <tr>
          <th>lane</th>
          <th className="num">from</th>
          <th />
          <th className="num">to</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const delta = c.from !== null && c.to !== null ? c.to - c.from : 0;
          const show = (v: number | null) =>
            c.key === 'heavyWorkMemMb' && v === 0 ? 'server default' : v === null ? '–' : `${v}`;
          return (
            <tr key={c.key} className={c.changed ? 'changed' : 'muted'}>
              <td>{c.label}</td>
              <td className="num">{show(c.from)}</td>
              <td className="arrow">→</td>
              <td className="num">
                <strong>{show(c.to)}</strong>
              </td>
              <td className="muted nowrap">
                {c.unit}
                {delta !== 0 && (
                  <span className={delta > 0 ? 'delta-up' : 'delta-down'}>
                    {' '}
                    {delta > 0 ? `▲ ${delta}` : `▼ ${-delta}`}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function IndexRecommendation({ view }: { view: Extract<EventView, { type: 'index' }> }) {
  return (
    <div className="stack">
      {view.ddl && <SqlView text={view.ddl} maxHeight={120} />}
      <div className="index-effect">
        <div>
          <span className="muted">estimated cost before</span>
          <strong>{formatCompact(view.costBefore)}</strong>
        </div>
        <div className="arrow">→</div>
        <div>
          <span className="muted">after</span>
          <strong>{formatCompact(view.costAfter)}</strong>
        </div>
        <div>
          <span className="muted">saving</span>
          <strong className="delta-good">{formatPercent(view.saving, 0)}</strong>
        </div>
        <div>
          <span className="muted">estimated size</span>
          <strong>{formatBytes(view.estimatedBytes)}</strong>
        </div>
      </div>
      {view.helps.length > 0 && (
        <table className="data compact">
          <thead>
            <tr>
              <th>helps fingerprint</th>
              <th className="num">weight</th>
              <th className="num">cost before</th>
              <th className="num">after</th>
              <th className="num">saving</th>
            </tr>
          </thead>
          <tbody>
            {view.helps.slice(0, 8).map((h) => (
              <tr key={h.fingerprint}>
                <td className="mono">
                  <Link
                    to={`/queries?fingerprint=${encodeURIComponent(h.fingerprint)}`}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {h.fingerprint.slice(0, 16)}
                  </Link>
                </td>
                <td className="num">{formatCompact(h.weight)}</td>
                <td className="num">{formatCompact(h.costBefore)}</td>
                <td className="num">{formatCompact(h.costAfter)}</td>
                <td className="num">{h.costBefore > 0 ? formatPercent(1 - h.costAfter / h.costBefore, 0) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="event-facts">
      {facts.map((f) => (
        <div key={f.key} className="fact">
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
