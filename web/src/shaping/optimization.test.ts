import { describe, expect, it } from 'vitest';
import { estimatedEffect, helpedQueries, statusTone } from './optimization';

describe('estimatedEffect', () => {
  it('weights each helped query by how often it runs', () => {
    const effect = estimatedEffect({
      details: {
        helps: [
          { fingerprint: 'a', weight: 10, costBefore: 100, costAfter: 10 },
          { fingerprint: 'b', weight: 1, costBefore: 1000, costAfter: 1000 },
        ],
      },
    })!;
    expect(effect.before).toBe(2000);
    expect(effect.after).toBe(1100);
    expect(effect.saving).toBeCloseTo(0.45);
  });

  it('is null without estimates, and ignores malformed entries', () => {
    expect(estimatedEffect({ details: null })).toBeNull();
    expect(estimatedEffect({ details: { helps: [] } })).toBeNull();
    expect(helpedQueries({ details: { helps: [{ fingerprint: 'x' }, 3] } })).toEqual([]);
  });
});

describe('statusTone', () => {
  it('colours outcomes', () => {
    expect([statusTone('kept'), statusTone('reverted'), statusTone('recommended'), statusTone('whatever')]).toEqual([
      'ok',
      'bad',
      'info',
      'neutral',
    ]);
  });
});
