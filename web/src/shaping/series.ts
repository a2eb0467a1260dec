/** An SVG path through the values, scaled to the box (min at the bottom, max at the top; a flat line mid-height). */
export function sparklinePath(values: number[], width: number, height: number): string {
  const finite = values.map((v) => (Number.isFinite(v) ? v : 0));
  if (finite.length === 0) return '';
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min;
  const stepX = finite.length > 1 ? width / (finite.length - 1) : 0;
  return finite
    .map((v, i) => {
      const y = span === 0 ? height / 2 : height - 1 - ((v - min) / span) * (height - 2);
      return `${i === 0 ? 'M' : 'L'}${(i * stepX).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** [time, value] pairs for a time axis, dropping points whose value was not measured. */
export function timePairs<T>(
  rows: T[],
  time: (row: T) => string,
  value: (row: T) => number | null,
): [number, number][] {
  const out: [number, number][] = [];
  for (const row of rows) {
    const v = value(row);
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      out.push([Date.parse(time(row)), v]);
    }
  }
  return out;
}

/** The time ranges a chart offers, with the bucket each reads the server at. */
export const TIME_RANGES = [
  { key: '1h', label: '1 h', ms: 3_600_000, bucketSeconds: 60 },
  { key: '6h', label: '6 h', ms: 6 * 3_600_000, bucketSeconds: 300 },
  { key: '24h', label: '24 h', ms: 24 * 3_600_000, bucketSeconds: 900 },
  { key: '7d', label: '7 d', ms: 7 * 24 * 3_600_000, bucketSeconds: 3600 },
] as const;

export type TimeRangeKey = (typeof TIME_RANGES)[number]['key'];

/**
 * The from/to of a range ending now, with `to` rounded up to the bucket so that repeated requests within one bucket
 * ask the same question (and hit the same cache entry).
 */
export function rangeWindow(
  key: TimeRangeKey,
  now: number = Date.now(),
): { from: string; to: string; bucketSeconds: number } {
  const range = TIME_RANGES.find((r) => r.key === key) ?? TIME_RANGES[0];
  const bucketMs = range.bucketSeconds * 1000;
  const to = Math.ceil(now / bucketMs) * bucketMs;
  return {
    from: new Date(to - range.ms).toISOString(),
    to: new Date(to).toISOString(),
    bucketSeconds: range.bucketSeconds,
  };
}

/** Appends a value to a rolling window of at most `max` values (a new array: React state stays immutable). */
export function rolling<T>(values: T[], next: T, max: number): T[] {
  const out = values.length >= max ? values.slice(values.length - max + 1) : values.slice();
  out.push(next);
  return out;
}
