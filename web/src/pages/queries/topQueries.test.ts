import { describe, expect, it } from 'vitest';
import type { FingerprintStatistics } from '../../api/types';
import { errorRate, TOP_TAB_SPECS, topRows } from './topQueries';

const stat = (fingerprint: string, totalMs: number, errors = 0, executions = 10): FingerprintStatistics => ({
  fingerprint,
  normalizedText: `SELECT ${fingerprint}`,
  statementKind: 'select',
  tables: [],
  executions,
  errors,
  meanMs: totalMs / Math.max(1, executions),
  p50Ms: 0,
  p95Ms: 0,
  maxMs: 0,
  totalMs,
  lastSeen: '2026-01-01T00:00:00Z',
  lastError: null,
});

describe('topRows', () => {
  it('gives each fingerprint its share of the total time, in the server order', () => {
    const rows = topRows([stat('a', 300), stat('b', 600), stat('c', 100)], 'slowest');
    expect(rows.map((r) => [r.fingerprint, r.share])).toEqual([
      ['a', 0.3],
      ['b', 0.6],
      ['c', 0.1],
    ]);
  });

  it('keeps only failing fingerprints on the Failed tab, with shares of the whole', () => {
    const rows = topRows([stat('a', 750, 2), stat('b', 250, 0)], 'failed');
    expect(rows.map((r) => [r.fingerprint, r.share])).toEqual([['a', 0.75]]);
  });

  it('answers zero shares when no time was spent (only failures)', () => {
    expect(topRows([stat('a', 0, 3, 0)], 'total')[0].share).toBe(0);
  });
});

describe('TOP_TAB_SPECS', () => {
  it('asks the server for the sort each tab names', () => {
    expect(Object.fromEntries(Object.entries(TOP_TAB_SPECS).map(([k, v]) => [k, v.sort]))).toEqual({
      slowest: 'p95',
      frequent: 'executions',
      total: 'total',
      failed: 'errors',
    });
  });
});

describe('errorRate', () => {
  it('is errors over all runs, null when there were none', () => {
    expect(errorRate({ executions: 3, errors: 1 })).toBe(0.25);
    expect(errorRate({ executions: 0, errors: 0 })).toBeNull();
  });
});
