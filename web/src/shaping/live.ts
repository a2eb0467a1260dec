/**
 * Merges newly arrived items into a newest-first list: items already there (same key) are replaced by the newer
 * copy, the result is ordered newest first by `order` (descending) and cut to `limit`. Used where a list is fed
 * both by the live feed and by polling, which overlap.
 */
export function mergeNewest<T>(
  current: T[],
  incoming: T[],
  key: (item: T) => string | number,
  order: (item: T) => number,
  limit: number,
): T[] {
  const byKey = new Map<string | number, T>();
  for (const item of current) byKey.set(key(item), item);
  for (const item of incoming) byKey.set(key(item), item);
  return [...byKey.values()].sort((a, b) => order(b) - order(a)).slice(0, limit);
}

export type Speed = 'fast' | 'moderate' | 'slow';

/** How a dashboard colours an execution time, by the server's thresholds. */
export function speedOf(
  ms: number | null | undefined,
  thresholds: { moderateQueryMs: number; slowQueryMs: number },
): Speed {
  if (ms === null || ms === undefined) return 'fast';
  if (ms >= thresholds.slowQueryMs) return 'slow';
  return ms >= thresholds.moderateQueryMs ? 'moderate' : 'fast';
}
