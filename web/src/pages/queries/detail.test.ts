import { describe, expect, it } from 'vitest';
import type { LoggedQuery } from '../../api/types';
import { concernsFingerprint, decadeDown, decadeUp, predictionScatter, predictionVerdict } from './detail';

const run = (
  queryId: number,
  predictedTimeMs: number | null,
  executionTimeMs: number | null,
  status: LoggedQuery['status'] = 'ok',
): LoggedQuery => ({
  queryId,
  queryText: 'SELECT 1',
  fingerprint: 'f',
  normalizedText: 'SELECT ?',
  statementKind: 'select',
  userId: 'u',
  userRole: 'analyst',
  status,
  errorCode: null,
  errorMessage: null,
  executionTimeMs,
  queueTimeMs: 0,
  predictedTimeMs,
  rowsReturned: 1,
  truncated: false,
  tablesAccessed: [],
  executedAt: '2026-01-01T00:00:00Z',
  simulatedAt: null,
});

describe('predictionVerdict', () => {
  it('says how many times slower or faster the execution was than predicted', () => {
    expect(predictionVerdict(10, 25)).toMatchObject({
      ratio: 2.5,
      qError: 2.5,
      text: '2.5× slower than predicted',
      tone: 'warn',
    });
    expect(predictionVerdict(100, 50)).toMatchObject({
      ratio: 0.5,
      qError: 2,
      text: '2.0× faster than predicted',
      tone: 'warn',
    });
    expect(predictionVerdict(100, 105)).toMatchObject({ text: 'on target', tone: 'ok' });
    expect(predictionVerdict(1, 40)).toMatchObject({ text: '40× slower than predicted', tone: 'bad' });
  });

  it('has no verdict without both values above zero', () => {
    expect(predictionVerdict(null, 3)).toBeNull();
    expect(predictionVerdict(3, undefined)).toBeNull();
    expect(predictionVerdict(0, 3)).toBeNull();
  });
});

describe('decadeDown and decadeUp', () => {
  it('round to the powers of ten around a value', () => {
    expect(decadeDown(0.37)).toBeCloseTo(0.1);
    expect(decadeDown(7)).toBe(1);
    expect(decadeDown(100)).toBe(100);
    expect(decadeUp(7)).toBe(10);
    expect(decadeUp(100)).toBe(100);
    expect(decadeUp(0.03)).toBeCloseTo(0.1);
  });
});

describe('predictionScatter', () => {
  it('plots successful executions with both times, marks the current one and counts the rest', () => {
    const s = predictionScatter(
      [run(1, 10, 20), run(2, 4, 3), run(3, null, 5), run(4, 5, 5, 'error'), run(5, 8, 0)],
      2,
    );
    expect(s.points).toEqual([
      { value: [10, 20, 1], current: false },
      { value: [4, 3, 2], current: true },
    ]);
    expect(s.unpredicted).toBe(2);
  });

  it('spans both axes with one range from the smallest to the largest value, in whole decades', () => {
    expect(predictionScatter([run(1, 3, 140), run(2, 40, 12)]).range).toEqual([1, 1000]);
    expect(predictionScatter([run(1, 10, 10)]).range).toEqual([10, 100]);
  });

  it('gives the median q-error', () => {
    expect(predictionScatter([run(1, 10, 20), run(2, 10, 10), run(3, 40, 10)]).qErrorMedian).toBe(2);
    expect(predictionScatter([run(1, 10, 20), run(2, 10, 10)]).qErrorMedian).toBe(1.5);
  });

  it('has a default range and no median without points', () => {
    expect(predictionScatter([])).toEqual({ points: [], range: [1, 10], qErrorMedian: null, unpredicted: 0 });
  });
});

describe('concernsFingerprint', () => {
  it('matches the fingerprints a row names and the queries an index recommendation helps', () => {
    const help = { fingerprint: 'h', weight: 1, costBefore: 10, costAfter: 2 };
    expect(concernsFingerprint({ fingerprints: ['a'], details: null }, 'a')).toBe(true);
    expect(concernsFingerprint({ fingerprints: [], details: { helps: [help] } }, 'h')).toBe(true);
    expect(concernsFingerprint({ fingerprints: ['a'], details: { helps: [help] } }, 'z')).toBe(false);
    expect(concernsFingerprint({ fingerprints: [], details: null }, 'a')).toBe(false);
  });
});
