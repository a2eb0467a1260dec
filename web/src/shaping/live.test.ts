import { describe, expect, it } from 'vitest';
import { mergeNewest, speedOf } from './live';

describe('mergeNewest', () => {
  const key = (q: { id: number }) => q.id;
  const order = (q: { id: number }) => q.id;

  it('puts new items first, replaces duplicates and keeps the limit', () => {
    const current = [
      { id: 5, v: 'old' },
      { id: 4, v: 'a' },
      { id: 3, v: 'b' },
    ];
    const merged = mergeNewest(
      current,
      [
        { id: 6, v: 'new' },
        { id: 5, v: 'fresh' },
      ],
      key,
      order,
      3,
    );
    expect(merged).toEqual([
      { id: 6, v: 'new' },
      { id: 5, v: 'fresh' },
      { id: 4, v: 'a' },
    ]);
  });

  it('orders an out-of-order delivery', () => {
    expect(mergeNewest([], [{ id: 1 }, { id: 3 }, { id: 2 }], key, order, 10).map(key)).toEqual([3, 2, 1]);
  });
});

describe('speedOf', () => {
  const t = { moderateQueryMs: 100, slowQueryMs: 1000 };
  it('bands by the thresholds, inclusive at the bottom', () => {
    expect([5, 100, 999, 1000, null].map((ms) => speedOf(ms, t))).toEqual([
      'fast',
      'moderate',
      'moderate',
      'slow',
      'fast',
    ]);
  });
});
