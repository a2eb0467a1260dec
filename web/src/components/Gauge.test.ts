import { describe, expect, it } from 'vitest';
import { gaugeTone } from './Gauge';

describe('gaugeTone', () => {
  it('turns amber and red as load rises', () => {
    expect([0.5, 0.85, 0.95].map((v) => gaugeTone(v, 0.8, 0.9))).toEqual(['ok', 'warn', 'bad']);
  });
  it('mirrors for values where low is bad (cache hits)', () => {
    expect([0.995, 0.93, 0.85].map((v) => gaugeTone(v, 0.95, 0.9, true))).toEqual(['ok', 'warn', 'bad']);
  });
  it('is neutral without a value', () => {
    expect(gaugeTone(null, 0.8, 0.9)).toBe('none');
  });
});
