import type { IndexHelp, Optimization, OptimizationStatus } from '../api/types';
import type { Tone } from '../components/states';

/** The queries an index recommendation helps, as its details list them (empty for other rows). */
export function helpedQueries(o: Pick<Optimization, 'details'>): IndexHelp[] {
  const helps = o.details?.helps;
  if (!Array.isArray(helps)) return [];
  return helps.filter(
    (h): h is IndexHelp =>
      typeof h === 'object' &&
      h !== null &&
      typeof (h as IndexHelp).costBefore === 'number' &&
      typeof (h as IndexHelp).costAfter === 'number',
  );
}

/**
 * The estimated cost of the helped queries before and after the index, weighted by how often each runs, and the
 * relative saving; null when the row has no estimates.
 */
export function estimatedEffect(
  o: Pick<Optimization, 'details'>,
): { before: number; after: number; saving: number } | null {
  const helps = helpedQueries(o);
  const before = helps.reduce((s, h) => s + h.weight * h.costBefore, 0);
  const after = helps.reduce((s, h) => s + h.weight * h.costAfter, 0);
  if (helps.length === 0 || before <= 0) return null;
  return { before, after, saving: 1 - after / before };
}

const TONES: Record<OptimizationStatus, Tone> = {
  analyzed: 'neutral',
  recommended: 'info',
  applied: 'info',
  kept: 'ok',
  reverted: 'bad',
  rejected: 'neutral',
  failed: 'bad',
  dropped: 'neutral',
};

export function statusTone(status: string): Tone {
  return TONES[status as OptimizationStatus] ?? 'neutral';
}

/** What an optimization row changed, in a few words: the index and its table, or the target. */
export function optimizationSubject(o: Optimization): string {
  if (o.index) return `${o.index.name} on ${o.index.table}`;
  return o.ddl ?? o.type.replace(/_/g, ' ');
}
