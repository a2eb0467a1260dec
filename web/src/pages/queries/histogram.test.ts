import { describe, expect, it } from 'vitest';
import {
  bandFilter,
  bandShares,
  binFilter,
  binLabel,
  histogramBars,
  logHeights,
  selectedCount,
  visibleRange,
  withoutDuration,
} from './histogram';

const EDGES = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000];
const bins = (counts: number[]) =>
  EDGES.map((lowMs, i) => ({ lowMs, highMs: i < EDGES.length - 1 ? EDGES[i + 1] : null, count: counts[i] ?? 0 }));
const T = { moderateQueryMs: 100, slowQueryMs: 1000 };

describe('binLabel', () => {
  it('writes the edges in one unit where it can', () => {
    expect(binLabel(0, 1)).toBe('0–1 ms');
    expect(binLabel(500, 1000)).toBe('500 ms–1 s');
    expect(binLabel(1000, 2000)).toBe('1–2 s');
    expect(binLabel(20_000, 60_000)).toBe('20–60 s');
    expect(binLabel(60_000, null)).toBe('≥ 60 s');
  });
});

describe('histogramBars', () => {
  it('colours each bin by the band of its lower edge', () => {
    const bars = histogramBars({ bins: bins([]) }, T);
    expect(bars.map((b) => b.band)).toEqual([
      'fast',
      'fast',
      'fast',
      'fast',
      'fast',
      'fast',
      'fast',
      'moderate',
      'moderate',
      'moderate',
      'slow',
      'slow',
      'slow',
      'slow',
      'slow',
      'slow',
    ]);
    expect(bars.some((b) => b.straddles)).toBe(false);
  });

  it('marks the bins a threshold off the 1-2-5 steps cuts through', () => {
    const bars = histogramBars({ bins: bins([]) }, { moderateQueryMs: 300, slowQueryMs: 1000 });
    expect(bars.filter((b) => b.straddles).map((b) => b.label)).toEqual(['200–500 ms']);
    expect(bars.find((b) => b.label === '200–500 ms')?.band).toBe('fast');
  });

  it('selects the bins that overlap the duration filter', () => {
    const bars = histogramBars({ bins: bins([]) }, T, { minMs: 100, maxMs: 1000 });
    expect(bars.filter((b) => b.selected).map((b) => b.lowMs)).toEqual([100, 200, 500]);
    const open = histogramBars({ bins: bins([]) }, T, { minMs: 20_000, maxMs: null });
    expect(open.filter((b) => b.selected).map((b) => b.lowMs)).toEqual([20_000, 60_000]);
    expect(histogramBars({ bins: bins([]) }, T).every((b) => b.selected)).toBe(true);
  });
});

describe('visibleRange', () => {
  it('trims empty bins at both ends but keeps a readable minimum', () => {
    const counts = [0, 0, 3, 9, 1];
    expect(
      visibleRange(
        counts.map((count) => ({ count })),
        2,
      ).map((b) => b.count),
    ).toEqual([3, 9, 1]);
    expect(
      visibleRange(
        counts.map((count) => ({ count })),
        4,
      ),
    ).toHaveLength(4);
    expect(
      visibleRange(
        [0, 0, 0, 5, 0, 0].map((count) => ({ count })),
        6,
      ),
    ).toHaveLength(6);
  });

  it('stretches over the bins to keep, empty or not', () => {
    const bars = [3, 9, 1, 0, 0, 0, 0, 0].map((count, i) => ({ count, i }));
    expect(visibleRange(bars, 2, (b) => b.i === 6).map((b) => b.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(
      visibleRange(
        [0, 0, 0].map((count, i) => ({ count, i })),
        1,
        (b) => b.i === 1,
      ).map((b) => b.i),
    ).toEqual([1]);
  });

  it('keeps every bin when none has executions', () => {
    expect(visibleRange([{ count: 0 }, { count: 0 }], 1)).toHaveLength(2);
  });
});

describe('binFilter and bandFilter', () => {
  it('sets the edges of the clicked bin, open for the first and last, and clears on a second click', () => {
    expect(binFilter({ lowMs: 100, highMs: 200 }, { minMs: null, maxMs: null })).toEqual({ minMs: 100, maxMs: 200 });
    expect(binFilter({ lowMs: 0, highMs: 1 }, { minMs: null, maxMs: null })).toEqual({ minMs: null, maxMs: 1 });
    expect(binFilter({ lowMs: 60_000, highMs: null }, { minMs: null, maxMs: null })).toEqual({
      minMs: 60_000,
      maxMs: null,
    });
    expect(binFilter({ lowMs: 100, highMs: 200 }, { minMs: 100, maxMs: 200 })).toEqual({ minMs: null, maxMs: null });
  });

  it('filters a band by the thresholds', () => {
    expect(bandFilter('fast', T)).toEqual({ minMs: null, maxMs: 100 });
    expect(bandFilter('moderate', T)).toEqual({ minMs: 100, maxMs: 1000 });
    expect(bandFilter('slow', T)).toEqual({ minMs: 1000, maxMs: null });
  });
});

describe('bandShares and logHeights', () => {
  it('gives each band its share, zero for an empty histogram', () => {
    expect(bandShares({ total: 10, bands: { fast: 6, moderate: 3, slow: 1 } }).map((b) => b.share)).toEqual([
      0.6, 0.3, 0.1,
    ]);
    expect(bandShares({ total: 0, bands: { fast: 0, moderate: 0, slow: 0 } }).every((b) => b.share === 0)).toBe(true);
  });

  it('turns empty bins into gaps on a log axis', () => {
    expect(logHeights([0, 4, 1])).toEqual([null, 4, 1]);
  });
});

describe('withoutDuration and selectedCount', () => {
  it('drops only the duration range from a filter', () => {
    expect(withoutDuration({ text: 'a', minMs: 1, maxMs: 2, status: 'ok' as const })).toEqual({
      text: 'a',
      status: 'ok',
    });
  });

  it('counts the executions of the chosen range, exactly when its bounds are bin edges', () => {
    const counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
    const at = (minMs: number | null, maxMs: number | null) =>
      selectedCount(histogramBars({ bins: bins(counts) }, T, { minMs, maxMs }), { minMs, maxMs });
    expect(at(1000, null)).toEqual({ count: 11 + 12 + 13 + 14 + 15 + 16, exact: true });
    expect(at(100, 200)).toEqual({ count: 8, exact: true });
    expect(at(150, 200)).toEqual({ count: 8, exact: false });
    expect(at(null, null)).toEqual({ count: null, exact: true });
  });
});
