import { describe, expect, it } from 'vitest';
import { WorkloadEstimate } from './workloadEstimate';

describe('WorkloadEstimate', () => {
  it('knows nothing before the first message', () => {
    expect(new WorkloadEstimate().now(1000)).toBeNull();
  });

  it('reads wall pace until it has seen five seconds', () => {
    const e = new WorkloadEstimate();
    e.observe(1_000_000, 0);
    e.observe(1_060_000, 1000);
    expect(e.pace()).toBe(1);
    expect(e.now(1500)).toBe(1_060_500);
  });

  it("extrapolates at the simulator's pace", () => {
    const e = new WorkloadEstimate();
    for (let s = 0; s <= 10; s++) e.observe(1_000_000 + s * 60_000, s * 1000);
    expect(e.pace()).toBeCloseTo(60);
    expect(e.now(10_500)).toBeCloseTo(1_000_000 + 10 * 60_000 + 30_000);
  });

  it('forgets what is older than half a minute, so a new pace shows', () => {
    const e = new WorkloadEstimate();
    for (let s = 0; s <= 40; s++) e.observe(s <= 20 ? s * 60_000 : 20 * 60_000 + (s - 20) * 1000, s * 1000);
    expect(e.pace()).toBeLessThan(25);
  });
});
