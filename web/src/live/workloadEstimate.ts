/**
 * The workload clock as the live feed shows it: every metric message carries the workload time of its snapshot.
 * Under the simulator that clock runs faster than the wall clock (60× by default), so between messages "now" is
 * extrapolated at the pace measured over the last seconds; without a simulator the pace is 1.
 */
export class WorkloadEstimate {
  private readonly seen: { wall: number; workload: number }[] = [];

  /** A metric message's workload time, received at wall time `wall`. */
  observe(workload: number, wall: number): void {
    if (!Number.isFinite(workload)) return;
    this.seen.push({ wall, workload });
    // keep about half a minute of observations: long enough to even out the jumps between snapshots
    while (this.seen.length > 2 && wall - this.seen[0].wall > 30_000) this.seen.shift();
  }

  /** Workload time now, or null before the first observation. */
  now(wall: number): number | null {
    const newest = this.seen[this.seen.length - 1];
    if (!newest) return null;
    return newest.workload + this.pace() * Math.max(0, wall - newest.wall);
  }

  /** Workload milliseconds per wall millisecond over the observations kept (1 until they span 5 s). */
  pace(): number {
    const oldest = this.seen[0];
    const newest = this.seen[this.seen.length - 1];
    if (!oldest || newest.wall - oldest.wall < 5000) return 1;
    const pace = (newest.workload - oldest.workload) / (newest.wall - oldest.wall);
    return Number.isFinite(pace) && pace > 0 ? pace : 1;
  }
}
