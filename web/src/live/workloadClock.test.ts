import { describe, expect, it } from 'vitest';
import { workloadOffsetMs } from './workloadClock';

describe('workloadOffsetMs', () => {
  it('is how far the simulated clock runs behind wall time', () => {
    expect(workloadOffsetMs({ sampledAt: '2026-12-02T01:57:43Z', simulatedAt: '2026-11-02T00:10:34Z' })).toBe(
      Date.parse('2026-12-02T01:57:43Z') - Date.parse('2026-11-02T00:10:34Z'),
    );
  });

  it('is zero without a simulator or a sample', () => {
    expect(workloadOffsetMs({ sampledAt: '2026-12-02T01:57:43Z', simulatedAt: null })).toBe(0);
    expect(workloadOffsetMs(undefined)).toBe(0);
    expect(workloadOffsetMs({ sampledAt: 'garbage', simulatedAt: '2026-11-02T00:10:34Z' })).toBe(0);
  });
});
