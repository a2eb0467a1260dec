import { describe, expect, it } from 'vitest';
import { rangeWindow, rolling, sparklinePath, timePairs } from './series';

describe('sparklinePath', () => {
  it('puts the minimum at the bottom and the maximum at the top', () => {
    expect(sparklinePath([0, 10, 5], 100, 22)).toBe('M0.0,21.0 L50.0,1.0 L100.0,11.0');
  });
  it('draws a flat series mid-height and nothing for no values', () => {
    expect(sparklinePath([3, 3], 10, 20)).toBe('M0.0,10.0 L10.0,10.0');
    expect(sparklinePath([], 10, 20)).toBe('');
  });
});

describe('timePairs', () => {
  it('skips values that were not measured', () => {
    const rows = [
      { t: '2026-01-01T00:00:00Z', v: 1 },
      { t: '2026-01-01T00:01:00Z', v: null },
    ];
    expect(
      timePairs(
        rows,
        (r) => r.t,
        (r) => r.v,
      ),
    ).toEqual([[Date.parse('2026-01-01T00:00:00Z'), 1]]);
  });
});

describe('rangeWindow', () => {
  it('ends at the next bucket boundary and spans the range', () => {
    const now = Date.parse('2026-01-01T10:07:30Z');
    expect(rangeWindow('6h', now)).toEqual({
      from: '2026-01-01T04:10:00.000Z',
      to: '2026-01-01T10:10:00.000Z',
      bucketSeconds: 300,
    });
    expect(rangeWindow('1h', now).to).toBe('2026-01-01T10:08:00.000Z');
  });
});

describe('rolling', () => {
  it('keeps the newest values', () => {
    expect(rolling([1, 2, 3], 4, 3)).toEqual([2, 3, 4]);
    expect(rolling([], 1, 3)).toEqual([1]);
  });
});
