// What became of each index recommendation: its decisions share the optimization id (event.id) — recommended →
// build scheduled → created → kept | reverted | build failed | dropped, or rejected — and the newest step (or the
// optimization record, when the step that settled it is not among the loaded decisions) is its outcome.
import type { Decision, Optimization } from '../api/types';
import type { Tone } from '../components/states';
import { num } from './facts';

export type Outcome =
  'awaiting_approval' | 'scheduled' | 'pending_verification' | 'kept' | 'reverted' | 'rejected' | 'failed' | 'dropped';

/** The kinds of an index's chain, in the order they happen. */
export const CHAIN_KINDS = [
  'index_recommended',
  'index_build_scheduled',
  'index_created',
  'index_kept',
  'index_reverted',
  'index_build_failed',
  'index_dropped',
  'index_rejected',
  'recommendation_rejected',
];

const BY_KIND: Record<string, Outcome> = {
  index_recommended: 'awaiting_approval',
  index_build_scheduled: 'scheduled',
  index_created: 'pending_verification',
  index_kept: 'kept',
  index_reverted: 'reverted',
  index_build_failed: 'failed',
  index_dropped: 'dropped',
  index_rejected: 'rejected',
  recommendation_rejected: 'rejected',
};

const BY_STATUS: Record<string, Outcome> = {
  recommended: 'awaiting_approval',
  applied: 'pending_verification',
  kept: 'kept',
  reverted: 'reverted',
  rejected: 'rejected',
  failed: 'failed',
  dropped: 'dropped',
};

/** The outcome an optimization record's status tells on its own. */
export function outcomeOfStatus(status: string): Outcome | null {
  return BY_STATUS[status] ?? null;
}

/** How far along an outcome is: a later stage wins whichever source tells it. */
const STAGE: Record<Outcome, number> = {
  awaiting_approval: 0,
  scheduled: 1,
  pending_verification: 2,
  kept: 3,
  reverted: 3,
  rejected: 3,
  failed: 3,
  dropped: 4,
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  awaiting_approval: 'awaiting approval',
  scheduled: 'build scheduled',
  pending_verification: 'pending verification',
  kept: 'kept',
  reverted: 'reverted',
  rejected: 'rejected',
  failed: 'build failed',
  dropped: 'dropped',
};

export function outcomeTone(outcome: Outcome): Tone {
  switch (outcome) {
    case 'kept':
      return 'ok';
    case 'reverted':
    case 'failed':
      return 'bad';
    case 'pending_verification':
    case 'scheduled':
      return 'warn';
    case 'awaiting_approval':
      return 'info';
    default:
      return 'neutral';
  }
}

/** The optimization id a decision belongs to: an indexer decision of the chain with a numeric event.id. */
export function optimizationIdOf(d: Pick<Decision, 'kind' | 'event'>): number | null {
  if (!CHAIN_KINDS.includes(d.kind)) return null;
  const id = num(d.event?.id);
  return id !== null && Number.isInteger(id) ? id : null;
}

export interface Chain {
  id: number;
  indexName: string | null;
  /** The chain's decisions we have, oldest first. */
  steps: Decision[];
  outcome: Outcome;
  /** Where the outcome comes from: a loaded decision, or the optimization record (its settling step is not loaded). */
  source: 'decisions' | 'record';
  record: Optimization | null;
}

function indexNameOf(steps: Decision[], record: Optimization | null): string | null {
  for (const s of steps) {
    const e = s.event ?? {};
    if (typeof e.indexName === 'string') return e.indexName;
    const r = e.recommendation as Record<string, unknown> | undefined;
    if (r && typeof r.indexName === 'string') return r.indexName;
  }
  return record?.index?.name ?? null;
}

/**
 * The chains of the recommendations among the decisions, by optimization id: their steps, and the outcome of the
 * furthest stage the steps or the optimization record reach (a record can be ahead of the loaded decisions; the
 * decisions are ahead of a record read a moment ago).
 */
export function buildChains(decisions: Decision[], records: Optimization[] = []): Map<number, Chain> {
  const steps = new Map<number, Decision[]>();
  for (const d of decisions) {
    const id = optimizationIdOf(d);
    if (id === null) continue;
    const list = steps.get(id) ?? [];
    if (!list.some((s) => s.ordering === d.ordering)) list.push(d);
    steps.set(id, list);
  }
  const recordById = new Map(records.map((r) => [r.id, r]));
  const chains = new Map<number, Chain>();
  for (const [id, list] of steps) {
    list.sort((a, b) => a.ordering - b.ordering);
    const record = recordById.get(id) ?? null;
    const fromSteps = BY_KIND[list[list.length - 1].kind];
    const fromRecord = record ? BY_STATUS[record.status] : undefined;
    const useRecord = fromRecord !== undefined && STAGE[fromRecord] > STAGE[fromSteps];
    chains.set(id, {
      id,
      indexName: indexNameOf(list, record),
      steps: list,
      outcome: useRecord ? fromRecord! : fromSteps,
      source: useRecord ? 'record' : 'decisions',
      record,
    });
  }
  return chains;
}
