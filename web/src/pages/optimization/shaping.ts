// Pure shaping of the optimization API's answers for the optimization page (tested in shaping.test.ts).
import type { Decision, Optimization, OptimizationStatus } from '../../api/types';
import { estimatedEffect } from '../../shaping/optimization';
import { formatCompact } from '../../shaping/format';

/** The statuses in the order the recommendations table lists them: what awaits a decision, then what is in place. */
const RECOMMENDATION_RANK: Record<string, number> = {
  recommended: 0,
  applied: 1,
  kept: 2,
  failed: 3,
  reverted: 4,
  rejected: 5,
  dropped: 6,
  analyzed: 7,
};

/** Recommendations awaiting a decision first, then the applied ones, then the rest; newest first within each. */
export function sortRecommendations(rows: Optimization[]): Optimization[] {
  return [...rows].sort(
    (a, b) =>
      (RECOMMENDATION_RANK[a.status] ?? 9) - (RECOMMENDATION_RANK[b.status] ?? 9) ||
      Date.parse(b.recommendedAt) - Date.parse(a.recommendedAt) ||
      b.id - a.id,
  );
}

/** An index's key columns (with DESC where descending) and its INCLUDE columns, as its details list them. */
export function indexColumns(o: Pick<Optimization, 'details'>): { key: string[]; include: string[] } {
  const keys = Array.isArray(o.details?.keyColumns) ? (o.details.keyColumns as unknown[]) : [];
  const include = Array.isArray(o.details?.includeColumns) ? (o.details.includeColumns as unknown[]) : [];
  return {
    key: keys
      .map((k) => {
        if (typeof k === 'string') return k;
        const column = k as { name?: unknown; descending?: unknown } | null;
        return typeof column?.name === 'string' ? `${column.name}${column.descending === true ? ' DESC' : ''}` : null;
      })
      .filter((k): k is string => k !== null),
    include: include.filter((c): c is string => typeof c === 'string'),
  };
}

/** A number from the details, or null. */
export function detailNumber(o: Pick<Optimization, 'details'>, key: string): number | null {
  const value = o.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A text from the details, or null. */
export function detailText(o: Pick<Optimization, 'details'>, key: string): string | null {
  const value = o.details?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The distinct tables of the rows that name one, sorted. */
export function tablesOf(rows: Optimization[]): string[] {
  return [...new Set(rows.map((o) => o.index?.table).filter((t): t is string => !!t))].sort();
}

export interface OptimizationSummary {
  /** Recommendations nobody (and no automatic build) has decided on yet. */
  awaiting: number;
  /** Indexes in place: applied (being verified) and kept. */
  inPlace: number;
  applied: number;
  kept: number;
  reverted: number;
  /** kept / (kept + reverted): how often a verified change held up; null before the first verdict. */
  successRate: number | null;
  /** Mean estimated saving and mean measured gain of the verified rows that have both; null without any. */
  estimatedGain: number | null;
  measuredGain: number | null;
  compared: number;
  /** The estimated size of the indexes in place (the real sizes are in the database statistics). */
  estimatedBytesInPlace: number;
}

/** The figures of the summary cards, from the index recommendations (every status). */
export function summarize(rows: Optimization[]): OptimizationSummary {
  const count = (status: OptimizationStatus) => rows.filter((o) => o.status === status).length;
  const kept = count('kept');
  const reverted = count('reverted');
  const inPlace = rows.filter((o) => o.status === 'applied' || o.status === 'kept');
  const pairs = rows
    .filter((o) => (o.status === 'kept' || o.status === 'reverted') && o.performanceGain !== null)
    .map((o) => [estimatedEffect(o)?.saving ?? null, o.performanceGain as number] as const)
    .filter((p): p is readonly [number, number] => p[0] !== null);
  const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
  return {
    awaiting: count('recommended'),
    inPlace: inPlace.length,
    applied: count('applied'),
    kept,
    reverted,
    successRate: kept + reverted > 0 ? kept / (kept + reverted) : null,
    estimatedGain: mean(pairs.map((p) => p[0])),
    measuredGain: mean(pairs.map((p) => p[1])),
    compared: pairs.length,
    estimatedBytesInPlace: inPlace.reduce((s, o) => s + (o.index?.sizeBytes ?? 0), 0),
  };
}

export type Verdict = { label: string; tone: 'ok' | 'bad' | 'warn' | 'neutral'; significant: boolean | null };

/**
 * The verification test's verdict in words: whether the measured change is significant at alpha (one-sided, so a
 * small p-value means the helped queries did get faster) and what the indexer made of it.
 */
export function verdictOf(
  o: Pick<Optimization, 'status' | 'pValue' | 'performanceGain'>,
  alpha = 0.05,
): Verdict | null {
  if (o.status !== 'kept' && o.status !== 'reverted') return null;
  const significant = o.pValue === null ? null : o.pValue < alpha;
  if (o.status === 'kept') {
    if (significant === null) return { label: 'kept unjudged (too few runs)', tone: 'warn', significant };
    return significant
      ? { label: 'faster (significant)', tone: 'ok', significant }
      : { label: 'kept, not significant', tone: 'warn', significant };
  }
  if (o.performanceGain !== null && o.performanceGain < 0)
    return { label: 'slower: reverted', tone: 'bad', significant };
  if (significant === false) return { label: 'not significant: reverted', tone: 'bad', significant };
  if (significant === true) return { label: 'gain too small: reverted', tone: 'bad', significant };
  return { label: 'reverted', tone: 'bad', significant };
}

export interface GainPoint {
  id: number;
  at: number;
  measured: number;
  estimated: number | null;
  name: string;
}

/** The verified rows as points in time (when verified), kept and reverted apart, oldest first. */
export function gainSeries(rows: Optimization[]): { kept: GainPoint[]; reverted: GainPoint[] } {
  const point = (o: Optimization): GainPoint | null => {
    const at = Date.parse(o.verifiedAt ?? o.droppedAt ?? '');
    if (o.performanceGain === null || Number.isNaN(at)) return null;
    return {
      id: o.id,
      at,
      measured: o.performanceGain,
      estimated: estimatedEffect(o)?.saving ?? null,
      name: o.index?.name ?? o.type,
    };
  };
  const of = (status: OptimizationStatus) =>
    rows
      .filter((o) => o.status === status)
      .map(point)
      .filter((p): p is GainPoint => p !== null)
      .sort((a, b) => a.at - b.at);
  return { kept: of('kept'), reverted: of('reverted') };
}

/**
 * A build approved but not started yet: the history row still says "recommended" until the index is built, while
 * the journal already holds the indexer's index_build_scheduled. Null unless that is the newest of its decisions
 * (oldest first, as its chain holds them).
 */
export function scheduledBuild(
  o: Pick<Optimization, 'status'>,
  decisions: Decision[] | undefined,
): { notBefore: string | null; by: string | null; decidedAt: string } | null {
  if (o.status !== 'recommended' || !decisions?.length) return null;
  const newest = decisions[decisions.length - 1];
  if (newest.kind !== 'index_build_scheduled') return null;
  const notBefore = newest.event?.notBefore;
  const by = newest.event?.by;
  return {
    notBefore: typeof notBefore === 'string' ? notBefore : null,
    by: typeof by === 'string' ? by : null,
    decidedAt: newest.decidedAt,
  };
}

export interface SettingGroup {
  group: string;
  entries: { key: string; name: string; value: string; threshold: boolean }[];
}

/** Settings that decide whether a change is kept: shown first and marked. */
const THRESHOLD =
  /(^|\.)(verification|verify)\.|minimum-gain|min-gain|alpha|minimum-samples|min-samples|regression-tolerance|min-saving|deadline/;

/**
 * An agent's flattened settings ("verification.alpha": "0.05") grouped by their first segment, the verification
 * thresholds' group first, then general settings (keys without a dot), then the rest alphabetically.
 */
export function groupSettings(settings: Record<string, string>): SettingGroup[] {
  const groups = new Map<string, SettingGroup>();
  for (const key of Object.keys(settings).sort()) {
    const dot = key.indexOf('.');
    const group = dot < 0 ? 'general' : key.slice(0, dot);
    const entry = {
      key,
      name: dot < 0 ? key : key.slice(dot + 1),
      value: settings[key],
      threshold: THRESHOLD.test(key),
    };
    const g = groups.get(group) ?? { group, entries: [] };
    g.entries.push(entry);
    groups.set(group, g);
  }
  const rank = (g: SettingGroup) =>
    g.entries.some((e) => e.threshold) && g.group !== 'general' ? 0 : g.group === 'general' ? 1 : 2;
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || a.group.localeCompare(b.group));
}

/** A number out of an agent's settings ("0.05", "10%"), or the fallback. */
export function settingNumber(settings: Record<string, string> | undefined, key: string, fallback: number): number {
  const raw = settings?.[key];
  if (raw === undefined) return fallback;
  const value = Number.parseFloat(raw);
  if (!Number.isFinite(value)) return fallback;
  return raw.trim().endsWith('%') ? value / 100 : value;
}

/** A planner cost as people read it: 18k, 1.2k, 516, 3.5 (costs are estimates: no false precision). */
export function formatCost(cost: number | null | undefined): string {
  return formatCompact(cost === null || cost === undefined ? cost : Math.abs(cost) >= 100 ? Math.round(cost) : cost);
}
