import { describe, expect, it } from 'vitest';
import type { Decision, Optimization } from '../api/types';
import { buildChains, optimizationIdOf, outcomeOfStatus, outcomeTone } from './indexChains';

const d = (ordering: number, kind: string, event: Record<string, unknown>): Decision => ({
  ordering,
  persistenceId: 'Indexer|indexer',
  sequenceNr: ordering,
  agent: 'indexer',
  kind,
  channel: 'decision',
  decidedAt: '2026-01-01T00:00:00Z',
  persistedAt: '2026-01-01T00:00:00Z',
  summary: kind,
  event,
});

const record = (id: number, status: Optimization['status']): Optimization => ({
  id,
  agent: 'indexer',
  type: 'create_index',
  status,
  applied: status !== 'recommended',
  ddl: null,
  reason: '',
  index: { schema: 'silver', name: `ix_${id}`, table: 'sales', sizeBytes: 4096 },
  fingerprints: [],
  estimatedGain: null,
  performanceGain: null,
  pValue: null,
  details: null,
  recommendedAt: '2026-01-01T00:00:00Z',
  appliedAt: null,
  verifiedAt: null,
  droppedAt: null,
});

const recommended = (ordering: number, id: number) =>
  d(ordering, 'index_recommended', { id, recommendation: { indexName: `dwpilot_ix_${id}` } });

describe('optimizationIdOf', () => {
  it('reads the id of chain decisions only', () => {
    expect(optimizationIdOf(recommended(1, 7))).toBe(7);
    expect(optimizationIdOf(d(1, 'indexes_analyzed', { id: 7 }))).toBeNull();
    expect(optimizationIdOf(d(1, 'index_kept', {}))).toBeNull();
  });
});

describe('buildChains', () => {
  it('follows each recommendation to its newest step', () => {
    const chains = buildChains([
      d(9, 'index_kept', { id: 1, indexName: 'dwpilot_ix_1', gain: 0.3 }),
      d(8, 'index_reverted', { id: 2, indexName: 'dwpilot_ix_2', gain: -0.1 }),
      d(7, 'index_created', { id: 3, indexName: 'dwpilot_ix_3' }),
      d(6, 'index_rejected', { id: 4, indexName: 'dwpilot_ix_4', by: 'ann' }),
      d(5, 'index_build_failed', { id: 5, indexName: 'dwpilot_ix_5' }),
      d(4, 'index_created', { id: 1, indexName: 'dwpilot_ix_1' }),
      d(3, 'index_build_scheduled', { id: 1, indexName: 'dwpilot_ix_1' }),
      recommended(2, 1),
      recommended(1, 6),
      d(0, 'limits_changed', { id: 1 }),
    ]);
    expect([...chains.values()].map((c) => [c.id, c.outcome]).sort()).toEqual([
      [1, 'kept'],
      [2, 'reverted'],
      [3, 'pending_verification'],
      [4, 'rejected'],
      [5, 'failed'],
      [6, 'awaiting_approval'],
    ]);
    const one = chains.get(1)!;
    expect(one.steps.map((s) => s.kind)).toEqual([
      'index_recommended',
      'index_build_scheduled',
      'index_created',
      'index_kept',
    ]);
    expect(one.indexName).toBe('dwpilot_ix_1');
    expect(one.source).toBe('decisions');
  });

  it('takes the outcome from the optimization record when its settling step is not loaded', () => {
    const chains = buildChains(
      [recommended(1, 1), recommended(2, 2), d(3, 'index_created', { id: 3 })],
      [record(1, 'kept'), record(2, 'recommended'), record(3, 'applied')],
    );
    expect(chains.get(1)).toMatchObject({ outcome: 'kept', source: 'record', indexName: 'dwpilot_ix_1' });
    expect(chains.get(2)).toMatchObject({ outcome: 'awaiting_approval', source: 'decisions' });
    expect(chains.get(3)).toMatchObject({ outcome: 'pending_verification', source: 'decisions', indexName: 'ix_3' });
  });

  it('lets a later decision win over a record read before it, and a drop end a kept index', () => {
    expect(buildChains([d(5, 'index_reverted', { id: 1 })], [record(1, 'applied')]).get(1)!.outcome).toBe('reverted');
    expect(buildChains([d(5, 'index_kept', { id: 1 }), d(9, 'index_dropped', { id: 1 })]).get(1)!.outcome).toBe(
      'dropped',
    );
  });

  it('reads an outcome from a record’s status alone', () => {
    expect([
      outcomeOfStatus('applied'),
      outcomeOfStatus('kept'),
      outcomeOfStatus('recommended'),
      outcomeOfStatus('analyzed'),
    ]).toEqual(['pending_verification', 'kept', 'awaiting_approval', null]);
  });

  it('colours the outcomes', () => {
    expect([
      outcomeTone('kept'),
      outcomeTone('reverted'),
      outcomeTone('pending_verification'),
      outcomeTone('rejected'),
    ]).toEqual(['ok', 'bad', 'warn', 'neutral']);
  });
});
