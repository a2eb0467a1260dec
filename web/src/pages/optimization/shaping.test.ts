import { describe, expect, it } from 'vitest';
import { buildChains } from '../../shaping/indexChains';
import type { Decision, Optimization } from '../../api/types';
import {
  formatCost,
  gainSeries,
  groupSettings,
  indexColumns,
  scheduledBuild,
  settingNumber,
  sortRecommendations,
  summarize,
  tablesOf,
  verdictOf,
} from './shaping';

let nextId = 1;
function row(over: Partial<Optimization> = {}): Optimization {
  return {
    id: nextId++,
    agent: 'indexer',
    type: 'create_index',
    status: 'recommended',
    applied: false,
    index: { schema: 'gold', name: 'dwpilot_ix_a', table: 'gold.sales', sizeBytes: 1000 },
    ddl: 'CREATE INDEX ...',
    reason: '',
    fingerprints: [],
    estimatedGain: null,
    performanceGain: null,
    pValue: null,
    details: null,
    recommendedAt: '2026-01-01T00:00:00Z',
    appliedAt: null,
    verifiedAt: null,
    droppedAt: null,
    ...over,
  };
}

const helps = (before: number, after: number) => ({
  helps: [{ fingerprint: 'f', weight: 1, costBefore: before, costAfter: after }],
});

function decision(ordering: number, kind: string, event: Record<string, unknown>): Decision {
  return {
    ordering,
    persistenceId: 'Indexer|indexer',
    sequenceNr: ordering,
    agent: 'indexer',
    kind,
    channel: 'decision',
    decidedAt: `2026-01-01T00:0${ordering}:00Z`,
    persistedAt: '2026-01-01T00:00:00Z',
    summary: kind,
    event,
  };
}

describe('sortRecommendations', () => {
  it('lists what awaits a decision first, then what is applied, newest first within each', () => {
    const kept = row({ status: 'kept', recommendedAt: '2026-01-03T00:00:00Z' });
    const oldRecommended = row({ status: 'recommended', recommendedAt: '2026-01-01T00:00:00Z' });
    const newRecommended = row({ status: 'recommended', recommendedAt: '2026-01-02T00:00:00Z' });
    const applied = row({ status: 'applied', recommendedAt: '2026-01-04T00:00:00Z' });
    const rejected = row({ status: 'rejected', recommendedAt: '2026-01-05T00:00:00Z' });
    expect(sortRecommendations([kept, oldRecommended, rejected, applied, newRecommended]).map((o) => o.id)).toEqual([
      newRecommended.id,
      oldRecommended.id,
      applied.id,
      kept.id,
      rejected.id,
    ]);
  });
});

describe('indexColumns', () => {
  it('reads key columns with their direction and the INCLUDE columns', () => {
    expect(
      indexColumns({
        details: {
          keyColumns: [
            { name: 'store_id', descending: false },
            { name: 'sold_at', descending: true },
            'plain',
            { bad: 1 },
          ],
          includeColumns: ['amount', 3],
        },
      }),
    ).toEqual({ key: ['store_id', 'sold_at DESC', 'plain'], include: ['amount'] });
  });

  it('is empty without details', () => {
    expect(indexColumns({ details: null })).toEqual({ key: [], include: [] });
  });
});

describe('tablesOf', () => {
  it('lists each table once, sorted', () => {
    expect(
      tablesOf([
        row({ index: { schema: 's', name: 'n', table: 'b', sizeBytes: 0 } }),
        row({ index: { schema: 's', name: 'n', table: 'a', sizeBytes: 0 } }),
        row({ index: null }),
        row({ index: { schema: 's', name: 'n', table: 'b', sizeBytes: 0 } }),
      ]),
    ).toEqual(['a', 'b']);
  });
});

describe('summarize', () => {
  it('counts decisions, success rate, gains and the storage in place', () => {
    const s = summarize([
      row({ status: 'recommended' }),
      row({ status: 'recommended' }),
      row({ status: 'applied', index: { schema: 'g', name: 'x', table: 't', sizeBytes: 500 } }),
      row({
        status: 'kept',
        performanceGain: 0.4,
        details: helps(100, 50),
        index: { schema: 'g', name: 'y', table: 't', sizeBytes: 300 },
      }),
      row({ status: 'kept', performanceGain: 0.2, details: helps(100, 70) }),
      row({ status: 'reverted', performanceGain: -0.1, details: helps(100, 40) }),
      // verified without estimates: counts for the success rate, not for the comparison
      row({ status: 'kept', performanceGain: 0.3 }),
      row({ status: 'rejected' }),
    ]);
    expect(s.awaiting).toBe(2);
    expect(s.inPlace).toBe(4);
    expect(s.kept).toBe(3);
    expect(s.reverted).toBe(1);
    expect(s.successRate).toBeCloseTo(0.75);
    expect(s.compared).toBe(3);
    expect(s.estimatedGain).toBeCloseTo((0.5 + 0.3 + 0.6) / 3);
    expect(s.measuredGain).toBeCloseTo((0.4 + 0.2 - 0.1) / 3);
    expect(s.estimatedBytesInPlace).toBe(500 + 300 + 1000 + 1000);
  });

  it('has no rates before the first verdict', () => {
    const s = summarize([row()]);
    expect([s.successRate, s.estimatedGain, s.measuredGain]).toEqual([null, null, null]);
  });
});

describe('verdictOf', () => {
  it('reads the test at alpha and the outcome', () => {
    expect(verdictOf({ status: 'kept', pValue: 0.01, performanceGain: 0.3 })?.tone).toBe('ok');
    expect(verdictOf({ status: 'kept', pValue: null, performanceGain: null })?.label).toMatch(/unjudged/);
    expect(verdictOf({ status: 'kept', pValue: 0.2, performanceGain: 0.05 })?.significant).toBe(false);
    expect(verdictOf({ status: 'reverted', pValue: 0.4, performanceGain: -0.2 })?.label).toMatch(/slower/);
    expect(verdictOf({ status: 'reverted', pValue: 0.4, performanceGain: 0.02 })?.label).toMatch(/not significant/);
    expect(verdictOf({ status: 'reverted', pValue: 0.001, performanceGain: 0.04 })?.label).toMatch(/too small/);
    expect(verdictOf({ status: 'reverted', pValue: 0.03, performanceGain: 0.04 }, 0.01)?.significant).toBe(false);
    expect(verdictOf({ status: 'applied', pValue: null, performanceGain: null })).toBeNull();
  });
});

describe('gainSeries', () => {
  it('splits verified rows into kept and reverted, oldest first, skipping the unmeasured', () => {
    const series = gainSeries([
      row({ status: 'kept', performanceGain: 0.3, verifiedAt: '2026-01-02T00:00:00Z', details: helps(10, 5) }),
      row({ status: 'kept', performanceGain: 0.1, verifiedAt: '2026-01-01T00:00:00Z' }),
      row({ status: 'kept', performanceGain: null, verifiedAt: '2026-01-01T00:00:00Z' }),
      row({ status: 'reverted', performanceGain: -0.2, verifiedAt: null, droppedAt: '2026-01-03T00:00:00Z' }),
      row({ status: 'applied', performanceGain: 0.5, verifiedAt: '2026-01-03T00:00:00Z' }),
    ]);
    expect(series.kept.map((p) => p.measured)).toEqual([0.1, 0.3]);
    expect(series.kept[1].estimated).toBeCloseTo(0.5);
    expect(series.kept[0].estimated).toBeNull();
    expect(series.reverted).toHaveLength(1);
    expect(series.reverted[0].at).toBe(Date.parse('2026-01-03T00:00:00Z'));
  });
});

describe('scheduledBuild', () => {
  const decisions = [
    decision(3, 'index_build_scheduled', { id: 7, notBefore: '2026-01-01T05:00:00Z', by: 'alice' }),
    decision(1, 'index_recommended', { id: 7 }),
    decision(2, 'index_recommended', { id: 8 }),
    decision(4, 'indexes_analyzed', { statements: 3 }),
  ];
  const chains = buildChains(decisions);
  const byTarget = new Map([...chains].map(([id, chain]) => [id, chain.steps]));

  it('sees an approved build the history does not show yet', () => {
    expect(scheduledBuild({ status: 'recommended' }, byTarget.get(7))).toEqual({
      notBefore: '2026-01-01T05:00:00Z',
      by: 'alice',
      decidedAt: '2026-01-01T00:03:00Z',
    });
    expect(scheduledBuild({ status: 'applied' }, byTarget.get(7))).toBeNull();
    expect(scheduledBuild({ status: 'recommended' }, byTarget.get(8))).toBeNull();
    expect(scheduledBuild({ status: 'recommended' }, undefined)).toBeNull();
  });
});

describe('groupSettings', () => {
  it('puts the verification thresholds first and marks them', () => {
    const groups = groupSettings({
      mode: 'automatic',
      interval: '1h',
      'min-saving': '0.3',
      'verification.alpha': '0.05',
      'verification.minimum-gain': '0.1',
      'verification.test': 'mann-whitney',
      'budget.share': '10%',
    });
    expect(groups.map((g) => g.group)).toEqual(['verification', 'general', 'budget']);
    expect(groups[0].entries.map((e) => [e.name, e.threshold])).toEqual([
      ['alpha', true],
      ['minimum-gain', true],
      ['test', true],
    ]);
    const general = groups[1].entries;
    expect(general.find((e) => e.key === 'min-saving')?.threshold).toBe(true);
    expect(general.find((e) => e.key === 'interval')?.threshold).toBe(false);
  });
});

describe('settingNumber', () => {
  it('reads numbers and percentages, falling back when absent or unreadable', () => {
    expect(settingNumber({ a: '0.01' }, 'a', 0.05)).toBe(0.01);
    expect(settingNumber({ a: '10%' }, 'a', 0)).toBeCloseTo(0.1);
    expect(settingNumber({ a: 'x' }, 'a', 0.05)).toBe(0.05);
    expect(settingNumber(undefined, 'a', 0.05)).toBe(0.05);
  });
});

describe('formatCost', () => {
  it('rounds costs of a hundred and more, keeps small ones readable', () => {
    expect([formatCost(516.04), formatCost(18_412.5), formatCost(3.46), formatCost(null)]).toEqual([
      '516',
      '18k',
      '3.5',
      '–',
    ]);
  });
});
