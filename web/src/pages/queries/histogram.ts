// The duration histogram: the server's 1-2-5 bins as bars coloured by speed band, and the filters a click sets.
import type { DurationHistogram } from '../../api/types';
import type { Speed } from '../../shaping/live';

export interface Thresholds {
  moderateQueryMs: number;
  slowQueryMs: number;
}

export interface HistogramBar {
  label: string;
  lowMs: number;
  highMs: number | null;
  count: number;
  /** The band the bin's lower edge falls in. */
  band: Speed;
  /** A threshold lies inside the bin: part of its executions belong to the next band. */
  straddles: boolean;
  /** The bin lies within the duration filter (all bins do when there is none). */
  selected: boolean;
}

/** "250 ms", "1 s", "60 s": a bin edge as people read it. */
export function edgeText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

/** "1–2 ms", "500 ms–1 s", "≥ 60 s". */
export function binLabel(lowMs: number, highMs: number | null): string {
  if (highMs === null) return `≥ ${edgeText(lowMs)}`;
  const unit = (ms: number) => (ms < 1000 ? 'ms' : 's');
  if (unit(lowMs) === unit(highMs)) return `${edgeText(lowMs).split(' ')[0]}–${edgeText(highMs)}`;
  return `${edgeText(lowMs)}–${edgeText(highMs)}`;
}

export function bandOf(ms: number, t: Thresholds): Speed {
  return ms >= t.slowQueryMs ? 'slow' : ms >= t.moderateQueryMs ? 'moderate' : 'fast';
}

/**
 * The bars of a histogram. A bin is coloured by the band of its lower edge; when a threshold falls strictly inside
 * it (thresholds off the 1-2-5 steps) it is marked as straddling, since its executions are split between two bands.
 */
export function histogramBars(
  h: Pick<DurationHistogram, 'bins'>,
  t: Thresholds,
  filter: { minMs: number | null; maxMs: number | null } = { minMs: null, maxMs: null },
): HistogramBar[] {
  return h.bins.map((b) => {
    const high = b.highMs ?? Number.POSITIVE_INFINITY;
    const inside = (x: number) => x > b.lowMs && x < high;
    const selected =
      (filter.minMs === null || high > filter.minMs) && (filter.maxMs === null || b.lowMs < filter.maxMs);
    return {
      label: binLabel(b.lowMs, b.highMs),
      lowMs: b.lowMs,
      highMs: b.highMs,
      count: b.count,
      band: bandOf(b.lowMs, t),
      straddles: inside(t.moderateQueryMs) || inside(t.slowQueryMs),
      selected,
    };
  });
}

/**
 * The bins worth drawing: from the first to the last non-empty bin (so a workload of milliseconds is not squeezed
 * into the left edge by empty minute-long bins), stretched over the bins `keep` asks for (a chosen duration range,
 * even an empty one) and widened to at least `minimum` bins; all bins when none has executions or is kept.
 */
export function visibleRange<T extends { count: number }>(
  bars: T[],
  minimum = 6,
  keep: (bar: T) => boolean = () => false,
): T[] {
  const wanted = bars.map((b, i) => (b.count > 0 || keep(b) ? i : -1)).filter((i) => i >= 0);
  if (wanted.length === 0) return bars;
  let lo = wanted[0];
  let hi = wanted[wanted.length - 1];
  while (hi - lo + 1 < Math.min(minimum, bars.length)) {
    if (hi < bars.length - 1) hi++;
    if (hi - lo + 1 < minimum && lo > 0) lo--;
  }
  return bars.slice(lo, hi + 1);
}

/**
 * The duration filter a click on a bin sets: its edges (the last bin has no upper bound); clicking the bin that is
 * already the whole filter clears it.
 */
export function binFilter(
  bar: Pick<HistogramBar, 'lowMs' | 'highMs'>,
  current: { minMs: number | null; maxMs: number | null },
): { minMs: number | null; maxMs: number | null } {
  const minMs = bar.lowMs > 0 ? bar.lowMs : null;
  const maxMs = bar.highMs;
  if (current.minMs === minMs && current.maxMs === maxMs) return { minMs: null, maxMs: null };
  return { minMs, maxMs };
}

/** The duration filter of a whole band, by the thresholds. */
export function bandFilter(band: Speed, t: Thresholds): { minMs: number | null; maxMs: number | null } {
  if (band === 'fast') return { minMs: null, maxMs: t.moderateQueryMs };
  if (band === 'moderate') return { minMs: t.moderateQueryMs, maxMs: t.slowQueryMs };
  return { minMs: t.slowQueryMs, maxMs: null };
}

/** Each band's count and share of the total (0 when there is nothing). */
export function bandShares(
  h: Pick<DurationHistogram, 'bands' | 'total'>,
): { band: Speed; count: number; share: number }[] {
  const total = h.bands.fast + h.bands.moderate + h.bands.slow;
  return (['fast', 'moderate', 'slow'] as const).map((band) => ({
    band,
    count: h.bands[band],
    share: total > 0 ? h.bands[band] / total : 0,
  }));
}

/** Bar heights for a log y axis, which cannot show zero: empty bins become gaps. */
export function logHeights(counts: number[]): (number | null)[] {
  return counts.map((c) => (c > 0 ? c : null));
}

/** The filter without its duration range: the histogram shows the whole spread and marks the chosen range on it. */
export function withoutDuration<F extends { minMs?: number; maxMs?: number }>(filter: F): Omit<F, 'minMs' | 'maxMs'> {
  const { minMs: _min, maxMs: _max, ...rest } = filter;
  return rest;
}

/**
 * How many executions the chosen duration range holds, read from the bins it overlaps; `exact` is false when a
 * bound falls inside a bin (that bin is counted whole), null count when no range is chosen.
 */
export function selectedCount(
  bars: Pick<HistogramBar, 'lowMs' | 'highMs' | 'count' | 'selected'>[],
  filter: { minMs: number | null; maxMs: number | null },
): { count: number | null; exact: boolean } {
  if (filter.minMs === null && filter.maxMs === null) return { count: null, exact: true };
  const edges = new Set(bars.flatMap((b) => (b.highMs === null ? [b.lowMs] : [b.lowMs, b.highMs])));
  const exact =
    (filter.minMs === null || filter.minMs === 0 || edges.has(filter.minMs)) &&
    (filter.maxMs === null || edges.has(filter.maxMs));
  return { count: bars.filter((b) => b.selected).reduce((sum, b) => sum + b.count, 0), exact };
}
