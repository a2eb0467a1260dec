// Free-form JSON objects (a decision's event, a model's metrics) as readable facts: labelled key/value rows, never a
// raw JSON dump on the page.
import { formatBytes, formatCount, formatDateTime, formatMs, formatNumber } from './format';

export interface Fact {
  /** The path of the value in the object, e.g. "numbers.forecastPeak.at". */
  key: string;
  label: string;
  value: string;
}

/** A number from JSON: finite numbers, and numeric strings; "NaN" (how the server writes unmeasured values) is null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The value as a plain object, or null (arrays and primitives are not objects here). */
export function obj(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

const UPPER = new Set([
  'mb',
  'gb',
  'kb',
  'ms',
  'id',
  'ddl',
  'sql',
  'mae',
  'mape',
  'cpu',
  'io',
  'p50',
  'p90',
  'p95',
  'p99',
  'r2',
  'k',
]);

/** "heavyWorkMemMb" → "heavy work mem MB", "q_error_p90" → "q error P90", "arrivalsLast5Minutes" → "arrivals last 5 minutes". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zA-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  // "p 90" came from splitting letters from digits: put percentiles back together
  const joined: string[] = [];
  for (const w of words) {
    const previous = joined[joined.length - 1];
    if ((previous === 'p' || previous === 'r') && /^\d+$/.test(w)) joined[joined.length - 1] = previous + w;
    else joined.push(w);
  }
  return joined.map((w) => (UPPER.has(w) ? w.toUpperCase() : w)).join(' ');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value as people read it; the key hints at units (…Bytes, …Millis, …Ms). */
export function formatValue(value: unknown, key = ''): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const leaf = key.split('.').pop() ?? key;
  if (typeof value === 'number' || (typeof value === 'string' && /^(NaN|-?Infinity)$/.test(value))) {
    const n = num(value);
    if (n === null) return '–';
    if (/bytes$/i.test(leaf)) return formatBytes(n);
    if (/([Mm]illis|_ms|Ms)$/.test(leaf)) return formatMs(n);
    if (Number.isInteger(n)) return formatCount(n);
    return formatNumber(n, Math.abs(n) < 1 ? 3 : 2);
  }
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((v) => (typeof v === 'object' && v !== null ? compact(v as Record<string, unknown>) : formatValue(v, key)))
      .join(', ');
  }
  return compact(value as Record<string, unknown>);
}

function compact(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${humanize(k)} ${formatValue(v, k)}`)
    .join(' · ');
}

/**
 * The object's values as facts, nested objects flattened with "parent · child" labels (to `maxDepth` levels; deeper
 * ones are written inline), in the object's own key order. `skip` lists keys (paths) left out.
 */
export function flattenFacts(value: unknown, options: { skip?: string[]; maxDepth?: number } = {}): Fact[] {
  const skip = new Set(options.skip ?? []);
  const maxDepth = options.maxDepth ?? 3;
  const out: Fact[] = [];
  const walk = (o: Record<string, unknown>, path: string[], labels: string[]) => {
    for (const [k, v] of Object.entries(o)) {
      const keyPath = [...path, k];
      const key = keyPath.join('.');
      if (skip.has(key)) continue;
      const label = [...labels, humanize(k)];
      const nested = obj(v);
      if (nested && keyPath.length < maxDepth && Object.keys(nested).length > 0) {
        walk(nested, keyPath, label);
      } else {
        out.push({ key, label: label.join(' · '), value: formatValue(v, k) });
      }
    }
  };
  const root = obj(value);
  if (root) walk(root, [], []);
  return out;
}
