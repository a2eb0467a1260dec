// The agents' decisions as people read them: readable agent and kind names, counters, the filters of the timeline,
// each decision's event in a known shape (limits from → to, an index recommendation, a verdict, a model's outcome) or
// as tidy facts, and the society's activity over time.
import type { Decision } from '../../api/types';
import { flattenFacts, num, obj, type Fact } from '../../shaping/facts';
import { formatDateTime } from '../../shaping/format';
import { estimatedEffect, helpedQueries } from '../../shaping/optimization';
import { metricsFromNumbers, modelMetrics, type ModelMetricsView } from '../../shaping/models';
import type { Tone } from '../../components/states';

// ---- agents -------------------------------------------------------------------------------------------------------

export const AGENT_INFO: Record<string, { label: string; role: string }> = {
  observer: { label: 'Observer', role: 'watches every query and samples the system' },
  governor: { label: 'Governor', role: 'sizes the lanes and the query pool to the demand' },
  indexer: { label: 'Indexer', role: 'recommends, builds, verifies and reverts indexes' },
  forecaster: { label: 'Forecaster', role: 'forecasts the workload hours ahead' },
  'anomaly-watcher': { label: 'Anomaly watcher', role: 'flags slow queries, new shapes, failure bursts and spikes' },
  trainer: { label: 'Trainer', role: 'retrains the models and keeps the better ones' },
};

export function agentLabel(agent: string): string {
  return AGENT_INFO[agent]?.label ?? agent.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The agents in the order the society is usually read: watching, deciding, learning. */
export const AGENT_ORDER = ['observer', 'governor', 'indexer', 'forecaster', 'anomaly-watcher', 'trainer'];

export function sortAgents<T extends { agent: string }>(agents: T[]): T[] {
  const rank = (a: string) => (AGENT_ORDER.includes(a) ? AGENT_ORDER.indexOf(a) : AGENT_ORDER.length);
  return [...agents].sort((a, b) => rank(a.agent) - rank(b.agent) || a.agent.localeCompare(b.agent));
}

/** Colours per agent, shared by the activity chart and the timeline (mid tones that read on light and dark). */
const AGENT_COLORS = ['#64748b', '#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777', '#ca8a04'];

export function agentColor(agent: string): string {
  const i = AGENT_ORDER.indexOf(agent);
  if (i >= 0) return AGENT_COLORS[i];
  let h = 0;
  for (const c of agent) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return AGENT_COLORS[6 + (h % 2)];
}

const COUNTER_LABELS: Record<string, string> = {
  limit_changes: 'limit changes',
  samples_saved: 'samples saved',
  samples_skipped: 'samples skipped',
  snapshots_published: 'snapshots',
  sample_failures: 'sample failures',
  forecasts_published: 'forecasts',
  known_fingerprints: 'known fingerprints',
  new_shape: 'new shapes',
  slow_query: 'slow queries',
  failure_burst: 'failure bursts',
  metric_spike: 'metric spikes',
  recent_mape_x100: 'recent MAPE',
  verifying: 'verifying',
  approved: 'approved',
};

/** An agent's counters with readable labels, in a stable order ("…_x100" counters are shown as percentages). */
export function counterEntries(counters: Record<string, number>): { key: string; label: string; value: string }[] {
  return Object.entries(counters)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({
      key,
      label: COUNTER_LABELS[key] ?? key.replace(/_x100$/, '').replace(/_/g, ' '),
      value: key.endsWith('_x100') ? `${value} %` : value.toLocaleString('en-US'),
    }));
}

/**
 * The agents' own words with their ISO instants ("last trained 2026-11-02T15:14:40.581058963Z") written as the
 * page writes times ("last trained 2026-11-02 15:14:40"), in the browser's zone.
 */
export function readableInstants(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) => {
    const formatted = formatDateTime(iso);
    return formatted === '–' ? iso : formatted;
  });
}

/** The counters a card shows first per agent (the rest are one hover away). */
const KEY_COUNTERS: Record<string, string[]> = {
  observer: ['observed', 'snapshots_published', 'samples_saved', 'sample_failures'],
  governor: ['limit_changes'],
  indexer: ['analyses', 'kept', 'reverted', 'verifying', 'recommended'],
  forecaster: ['forecasts_published', 'recent_mape_x100', 'targets'],
  'anomaly-watcher': ['slow_query', 'new_shape', 'failure_burst', 'metric_spike'],
  trainer: ['trainings', 'activations'],
};

/** The counters a card shows (the agent's key ones, in their order; else the first `max`) and the others. */
export function keyCounters(agent: string, counters: Record<string, number>, max = 4) {
  const all = counterEntries(counters);
  const keys = KEY_COUNTERS[agent] ?? [];
  const shown = keys.length
    ? keys
        .map((k) => all.find((c) => c.key === k))
        .filter((c): c is (typeof all)[number] => c !== undefined)
        .slice(0, max)
    : all.slice(0, max);
  return { shown, more: all.filter((c) => !shown.includes(c)) };
}

// ---- kinds --------------------------------------------------------------------------------------------------------

export const KIND_LABELS: Record<string, string> = {
  limits_changed: 'Limits changed',
  mode_changed: 'Mode changed',
  indexes_analyzed: 'Workload analyzed',
  index_recommended: 'Index recommended',
  index_build_scheduled: 'Build scheduled',
  index_created: 'Index created',
  index_build_failed: 'Build failed',
  index_kept: 'Index kept',
  index_reverted: 'Index reverted',
  index_dropped: 'Index dropped',
  index_rejected: 'Recommendation rejected',
  recommendation_rejected: 'Recommendation rejected',
  anomaly_detected: 'Anomaly detected',
  forecast_published: 'Forecast published',
  retraining_started: 'Retraining started',
  model_activated: 'Model activated',
  model_rejected: 'Model kept back',
  training_failed: 'Training failed',
};

/** The kinds each agent decides, for the kind filter (kinds seen in the data are added to these). */
export const KINDS_BY_AGENT: Record<string, string[]> = {
  governor: ['limits_changed'],
  indexer: [
    'indexes_analyzed',
    'index_recommended',
    'index_build_scheduled',
    'index_created',
    'index_build_failed',
    'index_kept',
    'index_reverted',
    'index_dropped',
    'index_rejected',
    'mode_changed',
  ],
  forecaster: ['forecast_published'],
  'anomaly-watcher': ['anomaly_detected'],
  trainer: ['retraining_started', 'model_activated', 'model_rejected', 'training_failed'],
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function kindTone(kind: string): Tone {
  if (/kept$|activated$|created$/.test(kind)) return 'ok';
  if (/reverted$|failed$/.test(kind)) return 'bad';
  if (kind === 'anomaly_detected') return 'warn';
  if (/recommended$|scheduled$|changed$|started$/.test(kind)) return 'info';
  return 'neutral';
}

/** The kind filter's options: the known kinds (of one agent, when one is chosen) and any others seen. */
export function kindOptions(agent: string | null, seen: Decision[]): string[] {
  const known = agent ? (KINDS_BY_AGENT[agent] ?? []) : Object.values(KINDS_BY_AGENT).flat();
  const extra = seen.filter((d) => !agent || d.agent === agent).map((d) => d.kind);
  return [...new Set([...known, ...extra])];
}

export const CHANNELS = ['decision', 'anomaly', 'forecast', 'model'] as const;

// ---- filters and merging ------------------------------------------------------------------------------------------

export interface DecisionFilter {
  agent: string | null;
  kind: string | null;
  channel: string | null;
}

/** Whether a live decision belongs on a timeline filtered so (the server applies the same filter to its pages). */
export function matchesFilter(d: Decision, f: DecisionFilter): boolean {
  return (!f.agent || d.agent === f.agent) && (!f.kind || d.kind === f.kind) && (!f.channel || d.channel === f.channel);
}

/** Decisions from pages and the live feed in one newest-first list, each once (the journal's ordering is unique). */
export function mergeDecisions(...lists: Decision[][]): Decision[] {
  const byOrdering = new Map<number, Decision>();
  for (const list of lists) for (const d of list) byOrdering.set(d.ordering, d);
  return [...byOrdering.values()].sort((a, b) => b.ordering - a.ordering);
}

// ---- events -------------------------------------------------------------------------------------------------------

export interface LimitChange {
  key: string;
  label: string;
  from: number | null;
  to: number | null;
  unit: string;
  changed: boolean;
}

export type EventView =
  | { type: 'limits'; changes: LimitChange[]; facts: Fact[] }
  | {
      type: 'index';
      indexName: string | null;
      table: string | null;
      ddl: string | null;
      estimatedBytes: number | null;
      costBefore: number | null;
      costAfter: number | null;
      saving: number | null;
      helps: { fingerprint: string; weight: number; costBefore: number; costAfter: number }[];
      facts: Fact[];
    }
  | {
      type: 'verdict';
      verdict: 'kept' | 'reverted';
      indexName: string | null;
      gain: number | null;
      reason: string | null;
      facts: Fact[];
    }
  | {
      type: 'model';
      model: string;
      status: string;
      version: number | null;
      reason: string | null;
      metrics: ModelMetricsView;
      facts: Fact[];
    }
  | { type: 'facts'; facts: Fact[] };

const LIMIT_FIELDS: { key: string; label: string; unit: string }[] = [
  { key: 'interactive', label: 'interactive lane', unit: 'slots' },
  { key: 'heavy', label: 'heavy lane', unit: 'slots' },
  { key: 'poolSize', label: 'query pool', unit: 'connections' },
  { key: 'heavyWorkMemMb', label: 'heavy work_mem', unit: 'MB' },
];

/** Key columns as a DDL writes them: "customer_id, sale_date DESC". */
function keyColumnsText(columns: unknown[]): string {
  return (
    columns
      .map((c) => {
        const o = obj(c);
        if (!o) return String(c);
        return `${String(o.name)}${o.descending === true ? ' DESC' : ''}`;
      })
      .join(', ') || '–'
  );
}

/** Always left out of the facts: shown elsewhere on the entry (who and when). */
const COMMON = ['agent', 'at'];

/** A decision's event in the shape the page draws it. */
export function describeEvent(d: Pick<Decision, 'kind' | 'event'>): EventView {
  const e = d.event ?? {};
  if (d.kind === 'limits_changed' && obj(e.from) && obj(e.to)) {
    const from = obj(e.from)!;
    const to = obj(e.to)!;
    const changes = LIMIT_FIELDS.filter((f) => f.key in from || f.key in to).map((f) => {
      const a = num(from[f.key]);
      const b = num(to[f.key]);
      return { key: f.key, label: f.label, from: a, to: b, unit: f.unit, changed: a !== b };
    });
    // the governor's deciding numbers read best without their group's name in front
    const facts = [
      ...flattenFacts(e.numbers),
      ...flattenFacts(e, { skip: [...COMMON, 'from', 'to', 'reason', 'numbers'] }),
    ];
    return { type: 'limits', changes, facts };
  }
  if (d.kind === 'index_recommended' && obj(e.recommendation)) {
    const r = obj(e.recommendation)!;
    const effect = estimatedEffect({ details: r });
    return {
      type: 'index',
      indexName: typeof r.indexName === 'string' ? r.indexName : null,
      table: typeof r.schema === 'string' && typeof r.table === 'string' ? `${r.schema}.${r.table}` : null,
      ddl: typeof r.ddl === 'string' ? r.ddl : null,
      estimatedBytes: num(r.estimatedBytes),
      costBefore: effect?.before ?? null,
      costAfter: effect?.after ?? null,
      saving: effect?.saving ?? null,
      helps: helpedQueries({ details: r }),
      // the recommendation's own numbers read best without its name in front; key columns as the DDL writes them
      facts: [
        ...(Array.isArray(r.keyColumns)
          ? [{ key: 'recommendation.keyColumns', label: 'key columns', value: keyColumnsText(r.keyColumns) }]
          : []),
        ...flattenFacts(r, { skip: ['ddl', 'helps', 'indexName', 'schema', 'table', 'estimatedBytes', 'keyColumns'] }),
        ...flattenFacts(e, { skip: [...COMMON, 'id', 'recommendation'] }),
      ],
    };
  }
  if (d.kind === 'index_kept' || d.kind === 'index_reverted') {
    return {
      type: 'verdict',
      verdict: d.kind === 'index_kept' ? 'kept' : 'reverted',
      indexName: typeof e.indexName === 'string' ? e.indexName : null,
      gain: num(e.gain),
      reason: typeof e.reason === 'string' ? e.reason : null,
      facts: flattenFacts(e, { skip: [...COMMON, 'id', 'indexName', 'gain', 'reason'] }),
    };
  }
  if (typeof e.model === 'string' && typeof e.status === 'string' && obj(e.numbers)) {
    return {
      type: 'model',
      model: e.model,
      status: e.status,
      version: num(e.version),
      reason: typeof e.reason === 'string' ? e.reason : null,
      metrics: modelMetrics(e.model, metricsFromNumbers(e.model, e.numbers)),
      facts: flattenFacts(e, { skip: [...COMMON, 'model', 'status', 'version', 'reason', 'numbers'] }),
    };
  }
  return { type: 'facts', facts: flattenFacts(e, { skip: COMMON }) };
}

// ---- activity over time -------------------------------------------------------------------------------------------

const BUCKETS = [5 * 60_000, 15 * 60_000, 3_600_000];

/** The bucket the activity chart counts in: hours, or finer when the loaded decisions span only a few hours. */
export function activityBucketMs(spanMs: number, maxBuckets = 36): number {
  return BUCKETS.find((b) => spanMs / b <= maxBuckets) ?? 3_600_000;
}

export interface Activity {
  bucketMs: number;
  /** Bucket starts, oldest first, zero-filled. */
  buckets: number[];
  series: { agent: string; counts: number[] }[];
}

/**
 * Decisions per agent per bucket of wall time (when the journal wrote them), zero-filled between the oldest and the
 * newest, at most `maxBuckets` of the newest buckets (hourly buckets unless the span is short).
 */
export function activityByAgent(
  decisions: Pick<Decision, 'agent' | 'persistedAt'>[],
  maxBuckets = 36,
  bucketMs?: number,
): Activity {
  const times = decisions.map((d) => Date.parse(d.persistedAt)).filter(Number.isFinite);
  if (times.length === 0) return { bucketMs: bucketMs ?? 3_600_000, buckets: [], series: [] };
  const max = Math.max(...times);
  const min = Math.min(...times);
  const size = bucketMs ?? activityBucketMs(max - min, maxBuckets);
  const last = Math.floor(max / size) * size;
  const first = Math.max(Math.floor(min / size) * size, last - (maxBuckets - 1) * size);
  const buckets: number[] = [];
  for (let t = first; t <= last; t += size) buckets.push(t);
  const byAgent = new Map<string, number[]>();
  decisions.forEach((d) => {
    const t = Date.parse(d.persistedAt);
    if (!Number.isFinite(t) || t < first) return;
    const counts = byAgent.get(d.agent) ?? buckets.map(() => 0);
    counts[Math.floor((t - first) / size)]++;
    byAgent.set(d.agent, counts);
  });
  const series = sortAgents([...byAgent.entries()].map(([agent, counts]) => ({ agent, counts })));
  return { bucketMs: size, buckets, series };
}
