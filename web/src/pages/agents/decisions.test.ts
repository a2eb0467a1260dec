import { describe, expect, it } from 'vitest';
import type { Decision } from '../../api/types';
import {
  activityBucketMs,
  activityByAgent,
  agentLabel,
  counterEntries,
  describeEvent,
  keyCounters,
  kindLabel,
  kindOptions,
  kindTone,
  matchesFilter,
  mergeDecisions,
  readableInstants,
  sortAgents,
} from './decisions';

function decision(
  ordering: number,
  agent: string,
  kind: string,
  event: Record<string, unknown> = {},
  persistedAt = '2026-01-01T00:00:00Z',
  channel = 'decision',
): Decision {
  return {
    ordering,
    persistenceId: `${agent}|${agent}`,
    sequenceNr: ordering,
    agent,
    kind,
    channel,
    decidedAt: '2025-06-01T00:00:00Z',
    persistedAt,
    summary: `${agent} ${kind}`,
    event,
  };
}

describe('labels', () => {
  it('names agents, kinds and counters readably, unknown ones too', () => {
    expect(agentLabel('anomaly-watcher')).toBe('Anomaly watcher');
    expect(agentLabel('new-agent')).toBe('New agent');
    expect(kindLabel('index_build_scheduled')).toBe('Build scheduled');
    expect(kindLabel('something_new')).toBe('Something new');
    expect([
      kindTone('index_kept'),
      kindTone('index_reverted'),
      kindTone('anomaly_detected'),
      kindTone('indexes_analyzed'),
    ]).toEqual(['ok', 'bad', 'warn', 'neutral']);
    expect(counterEntries({ recent_mape_x100: 14, limit_changes: 1200, odd_thing: 2 })).toEqual([
      { key: 'limit_changes', label: 'limit changes', value: '1,200' },
      { key: 'odd_thing', label: 'odd thing', value: '2' },
      { key: 'recent_mape_x100', label: 'recent MAPE', value: '14 %' },
    ]);
  });

  it('shows an agent’s key counters first and keeps the rest for a hover', () => {
    const { shown, more } = keyCounters('indexer', {
      analyses: 3,
      kept: 2,
      failed: 0,
      reverted: 1,
      verifying: 0,
      recommended: 4,
      dropped: 0,
    });
    expect(shown.map((c) => c.key)).toEqual(['analyses', 'kept', 'reverted', 'verifying']);
    expect(more.map((c) => c.key)).toEqual(['dropped', 'failed', 'recommended']);
    expect(keyCounters('stranger', { b: 1, a: 2 }, 1).shown.map((c) => c.key)).toEqual(['a']);
  });

  it('orders the agents as the society is read, unknown ones last', () => {
    expect(
      sortAgents([{ agent: 'trainer' }, { agent: 'zeta' }, { agent: 'observer' }, { agent: 'alpha' }]).map(
        (a) => a.agent,
      ),
    ).toEqual(['observer', 'trainer', 'alpha', 'zeta']);
  });

  it('offers the kinds of the chosen agent and the kinds seen', () => {
    expect(kindOptions('governor', [decision(1, 'governor', 'brand_new'), decision(2, 'indexer', 'other')])).toEqual([
      'limits_changed',
      'brand_new',
    ]);
    expect(kindOptions(null, [])).toContain('anomaly_detected');
  });
});

describe('readableInstants', () => {
  it('writes the instants in an agent’s words as the page writes times, and leaves the rest alone', () => {
    const text = readableInstants(
      'watching: last trained 2026-11-02T15:14:40.581058963Z; build at 2026-11-02T03:00:00Z',
    );
    expect(text).not.toMatch(/T\d{2}:/);
    expect(text).toMatch(/^watching: last trained 2026-11-0\d \d{2}:\d{2}:40; build at 2026-11-0\d \d{2}:00:00$/);
    expect(readableInstants('interactive 16, heavy 4')).toBe('interactive 16, heavy 4');
  });
});

describe('filters and merging', () => {
  it('matches a live decision against the timeline’s filter', () => {
    const d = decision(1, 'indexer', 'index_kept');
    expect(matchesFilter(d, { agent: null, kind: null, channel: null })).toBe(true);
    expect(matchesFilter(d, { agent: 'indexer', kind: 'index_kept', channel: 'decision' })).toBe(true);
    expect(matchesFilter(d, { agent: 'governor', kind: null, channel: null })).toBe(false);
    expect(matchesFilter(d, { agent: null, kind: null, channel: 'model' })).toBe(false);
  });

  it('merges pages and live decisions newest first, each once', () => {
    const merged = mergeDecisions(
      [decision(5, 'a', 'k'), decision(3, 'a', 'k')],
      [decision(4, 'b', 'k'), decision(5, 'a', 'k2')],
    );
    expect(merged.map((d) => [d.ordering, d.kind])).toEqual([
      [5, 'k2'],
      [4, 'k'],
      [3, 'k'],
    ]);
  });
});

describe('describeEvent', () => {
  it('shows a governor change as from → to per lane', () => {
    const view = describeEvent(
      decision(1, 'governor', 'limits_changed', {
        agent: 'governor',
        at: '2026-01-01T00:00:00Z',
        reason: 'demand rose',
        from: { interactive: 16, heavy: 4, poolSize: 20, heavyWorkMemMb: 0 },
        to: { interactive: 24, heavy: 4, poolSize: 28, heavyWorkMemMb: 64 },
        numbers: { ratio: 1.5, forecastPeak: null },
      }),
    );
    expect(view.type).toBe('limits');
    if (view.type !== 'limits') return;
    expect(view.changes.map((c) => [c.label, c.from, c.to, c.changed])).toEqual([
      ['interactive lane', 16, 24, true],
      ['heavy lane', 4, 4, false],
      ['query pool', 20, 28, true],
      ['heavy work_mem', 0, 64, true],
    ]);
    expect(view.facts.map((f) => f.label)).toEqual(['ratio', 'forecast peak']);
  });

  it('shows an index recommendation with its DDL and the weighted cost before and after', () => {
    const view = describeEvent(
      decision(1, 'indexer', 'index_recommended', {
        id: 7,
        recommendation: {
          indexName: 'dwpilot_ix_a',
          schema: 'silver',
          table: 'sales',
          ddl: 'CREATE INDEX CONCURRENTLY dwpilot_ix_a ON silver.sales (a)',
          estimatedBytes: 1024,
          benefit: 900,
          maintenance: 10,
          keyColumns: [{ name: 'a', descending: false }],
          includeColumns: [],
          helps: [{ fingerprint: 'f1', weight: 10, costBefore: 100, costAfter: 10 }],
        },
      }),
    );
    expect(view).toMatchObject({
      type: 'index',
      indexName: 'dwpilot_ix_a',
      table: 'silver.sales',
      estimatedBytes: 1024,
      costBefore: 1000,
      costAfter: 100,
    });
    if (view.type !== 'index') return;
    expect(view.saving).toBeCloseTo(0.9);
    expect(view.facts.map((f) => `${f.label}=${f.value}`)).toEqual([
      'key columns=a',
      'benefit=900',
      'maintenance=10',
      'include columns=none',
    ]);
  });

  it('shows a verdict with its gain (NaN: not judged) and reason', () => {
    expect(
      describeEvent(
        decision(1, 'indexer', 'index_kept', { id: 7, indexName: 'ix', gain: 'NaN', reason: 'too few executions' }),
      ),
    ).toEqual({
      type: 'verdict',
      verdict: 'kept',
      indexName: 'ix',
      gain: null,
      reason: 'too few executions',
      facts: [],
    });
    expect(
      describeEvent(
        decision(1, 'indexer', 'index_reverted', { id: 7, indexName: 'ix', gain: -0.05, reason: 'slower' }),
      ),
    ).toMatchObject({ verdict: 'reverted', gain: -0.05 });
  });

  it('shows a model’s training outcome with its test metrics as the model cards do', () => {
    const view = describeEvent(
      decision(
        1,
        'trainer',
        'model_activated',
        {
          model: 'query_cost',
          trigger: 'drift',
          status: 'activated',
          version: 4,
          reason: 'better',
          numbers: { 'mlp.q_error_median': 1.4, 'planner-cost.q_error_median': 1.8 },
        },
        undefined,
        'model',
      ),
    );
    expect(view.type).toBe('model');
    if (view.type !== 'model') return;
    expect(view.version).toBe(4);
    expect(view.metrics.headlines[0]).toMatchObject({ value: '×1.4', against: 'vs ×1.8 planner cost', wins: true });
    expect(view.facts.map((f) => `${f.label}=${f.value}`)).toEqual(['trigger=drift']);
  });

  it('lists anything else as facts, without agent and time', () => {
    const view = describeEvent(
      decision(1, 'forecaster', 'forecast_published', {
        agent: 'forecaster',
        at: 'x',
        peak: 12.5,
        holdoutMae: { 'learned-mlp': 1.25 },
      }),
    );
    expect(view).toEqual({
      type: 'facts',
      facts: [
        { key: 'peak', label: 'peak', value: '12.5' },
        { key: 'holdoutMae.learned-mlp', label: 'holdout MAE · learned mlp', value: '1.25' },
      ],
    });
  });
});

describe('activity', () => {
  it('chooses hours, or finer buckets for a short span', () => {
    expect(activityBucketMs(40 * 3_600_000)).toBe(3_600_000);
    expect(activityBucketMs(2 * 3_600_000)).toBe(5 * 60_000);
    expect(activityBucketMs(6 * 3_600_000)).toBe(15 * 60_000);
  });

  it('counts decisions per agent per bucket of wall time, zero-filled', () => {
    const a = activityByAgent(
      [
        decision(1, 'indexer', 'k', {}, '2026-01-01T10:05:00Z'),
        decision(2, 'governor', 'k', {}, '2026-01-01T10:50:00Z'),
        decision(3, 'indexer', 'k', {}, '2026-01-01T12:10:00Z'),
      ],
      36,
      3_600_000,
    );
    expect(a.buckets).toEqual([
      Date.parse('2026-01-01T10:00:00Z'),
      Date.parse('2026-01-01T11:00:00Z'),
      Date.parse('2026-01-01T12:00:00Z'),
    ]);
    expect(a.series).toEqual([
      { agent: 'governor', counts: [1, 0, 0] },
      { agent: 'indexer', counts: [1, 0, 1] },
    ]);
  });

  it('keeps only the newest buckets when the span is long', () => {
    const a = activityByAgent(
      [decision(1, 'x', 'k', {}, '2026-01-01T00:00:00Z'), decision(2, 'x', 'k', {}, '2026-01-03T00:00:00Z')],
      3,
      3_600_000,
    );
    expect(a.buckets.length).toBe(3);
    expect(a.series[0].counts).toEqual([0, 0, 1]);
    expect(activityByAgent([]).buckets).toEqual([]);
  });
});
