// The Queries page's state lives in the URL (so a view can be shared and reloaded): the filters, the history's sort
// and page, and the top-queries tab. These functions read it, write it and turn it into API parameters.
import type { QueryFilter, QueryStatus } from '../../api/types';
import { rangeWindow, TIME_RANGES, type TimeRangeKey } from '../../shaping/series';

export const STATUSES: QueryStatus[] = ['ok', 'error', 'timeout', 'rejected'];

/** '' is any time; 'custom' reads from/to. */
export type RangeChoice = '' | TimeRangeKey | 'custom';

/** Columns the history can be sorted by on the server. */
export const HISTORY_SORTS = ['executed_at', 'execution_time_ms', 'rows_returned'] as const;
export type HistorySort = (typeof HISTORY_SORTS)[number];

export const TOP_TABS = ['slowest', 'frequent', 'total', 'failed'] as const;
export type TopTab = (typeof TOP_TABS)[number];

export interface QueriesView {
  text: string;
  status: QueryStatus | '';
  table: string;
  fingerprint: string;
  user: string;
  minMs: number | null;
  maxMs: number | null;
  range: RangeChoice;
  /** ISO instants of a custom range ('' when open). */
  from: string;
  to: string;
  sort: HistorySort;
  order: 'asc' | 'desc';
  page: number;
  top: TopTab;
}

export const DEFAULT_VIEW: QueriesView = {
  text: '',
  status: '',
  table: '',
  fingerprint: '',
  user: '',
  minMs: null,
  maxMs: null,
  range: '',
  from: '',
  to: '',
  sort: 'executed_at',
  order: 'desc',
  page: 0,
  top: 'slowest',
};

/** The URL keys that narrow the executions (what "clear all" removes). */
export const FILTER_KEYS = [
  'text',
  'status',
  'table',
  'fingerprint',
  'user',
  'minMs',
  'maxMs',
  'range',
  'from',
  'to',
] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function nonNegative(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function instant(value: string | null): string {
  if (!value) return '';
  const t = Date.parse(value);
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

/** The view a URL describes; anything malformed falls back to the default rather than failing the page. */
export function readView(params: URLSearchParams): QueriesView {
  const from = instant(params.get('from'));
  const to = instant(params.get('to'));
  const rangeKeys = TIME_RANGES.map((r) => r.key) as RangeChoice[];
  // a custom from/to without range=custom (a hand-written link) still means a custom range
  const range = oneOf<RangeChoice>(params.get('range'), [...rangeKeys, 'custom'], from || to ? 'custom' : '');
  const page = Number(params.get('page'));
  return {
    text: params.get('text')?.trim() ?? '',
    status: oneOf<QueryStatus | ''>(params.get('status'), STATUSES, ''),
    table: params.get('table')?.trim() ?? '',
    fingerprint: params.get('fingerprint')?.trim() ?? '',
    user: params.get('user')?.trim() ?? '',
    minMs: nonNegative(params.get('minMs')),
    maxMs: nonNegative(params.get('maxMs')),
    range,
    from: range === 'custom' ? from : '',
    to: range === 'custom' ? to : '',
    sort: oneOf(params.get('sort'), HISTORY_SORTS, DEFAULT_VIEW.sort),
    order: oneOf(params.get('order'), ['asc', 'desc'] as const, DEFAULT_VIEW.order),
    page: Number.isInteger(page) && page > 0 ? page : 0,
    top: oneOf(params.get('top'), TOP_TABS, DEFAULT_VIEW.top),
  };
}

/**
 * The URL after a change: keys at their default are left out (short, shareable links), keys this page does not own
 * are kept, and any change to what is listed sends the history back to its first page.
 */
export function writeView(params: URLSearchParams, patch: Partial<QueriesView>): URLSearchParams {
  const next = { ...readView(params), ...patch };
  const narrows = Object.keys(patch).some(
    (k) => (FILTER_KEYS as readonly string[]).includes(k) || k === 'sort' || k === 'order',
  );
  if (narrows && patch.page === undefined) next.page = 0;
  if (next.range !== 'custom') {
    next.from = '';
    next.to = '';
  }
  const out = new URLSearchParams(params);
  const entries: [keyof QueriesView, string][] = [
    ['text', next.text.trim()],
    ['status', next.status],
    ['table', next.table.trim()],
    ['fingerprint', next.fingerprint.trim()],
    ['user', next.user.trim()],
    ['minMs', next.minMs === null ? '' : String(next.minMs)],
    ['maxMs', next.maxMs === null ? '' : String(next.maxMs)],
    ['range', next.range],
    ['from', next.from],
    ['to', next.to],
    ['sort', next.sort === DEFAULT_VIEW.sort ? '' : next.sort],
    ['order', next.order === DEFAULT_VIEW.order ? '' : next.order],
    ['page', next.page > 0 ? String(next.page) : ''],
    ['top', next.top === DEFAULT_VIEW.top ? '' : next.top],
  ];
  for (const [key, value] of entries) {
    if (value) out.set(key, value);
    else out.delete(key);
  }
  return out;
}

/** The URL without any filter (sort, tab and other pages' keys stay). */
export function clearFilters(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const key of [...FILTER_KEYS, 'page']) out.delete(key);
  return out;
}

export function hasFilters(view: QueriesView): boolean {
  return !!(
    view.text ||
    view.status ||
    view.table ||
    view.fingerprint ||
    view.user ||
    view.minMs !== null ||
    view.maxMs !== null ||
    view.range
  );
}

/**
 * The time window a view asks for. A preset range ends now, rounded up to its chart bucket so requests within one
 * bucket ask the same question (and share a cache entry); a custom range is taken as written.
 */
export function timeWindow(
  view: Pick<QueriesView, 'range' | 'from' | 'to'>,
  now: number = Date.now(),
): { from?: string; to?: string } {
  if (view.range === '') return {};
  if (view.range === 'custom') return { from: view.from || undefined, to: view.to || undefined };
  const { from, to } = rangeWindow(view.range, now);
  return { from, to };
}

/** The filter parameters of /queries/history and /queries/histogram. */
export function apiFilter(view: QueriesView, now: number = Date.now()): QueryFilter {
  const filter: QueryFilter = { ...timeWindow(view, now) };
  if (view.text) filter.text = view.text;
  if (view.status) filter.status = view.status;
  if (view.table) filter.table = view.table;
  if (view.fingerprint) filter.fingerprint = view.fingerprint;
  if (view.user) filter.user = view.user;
  if (view.minMs !== null) filter.minMs = view.minMs;
  if (view.maxMs !== null) filter.maxMs = view.maxMs;
  return filter;
}

/** A value for <input type="datetime-local"> (local time, minutes) from an ISO instant, '' when there is none. */
export function toLocalInput(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a datetime-local value (read as local time), '' when empty or malformed. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

/** A short text for a duration bound: "250 ms", "1.5 s". */
function msText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

/** The active filters as removable chips: the URL keys a chip clears and its label. */
export function filterChips(view: QueriesView): { keys: (keyof QueriesView)[]; label: string }[] {
  const chips: { keys: (keyof QueriesView)[]; label: string }[] = [];
  if (view.text) chips.push({ keys: ['text'], label: `SQL contains “${view.text}”` });
  if (view.range === 'custom') {
    chips.push({
      keys: ['range', 'from', 'to'],
      label: `${view.from ? toLocalInput(view.from).replace('T', ' ') : 'start'} → ${view.to ? toLocalInput(view.to).replace('T', ' ') : 'now'}`,
    });
  } else if (view.range) {
    chips.push({
      keys: ['range'],
      label: `last ${TIME_RANGES.find((r) => r.key === view.range)?.label ?? view.range}`,
    });
  }
  if (view.minMs !== null && view.maxMs !== null)
    chips.push({ keys: ['minMs', 'maxMs'], label: `${msText(view.minMs)} – ${msText(view.maxMs)}` });
  else if (view.minMs !== null) chips.push({ keys: ['minMs'], label: `≥ ${msText(view.minMs)}` });
  else if (view.maxMs !== null) chips.push({ keys: ['maxMs'], label: `≤ ${msText(view.maxMs)}` });
  if (view.status) chips.push({ keys: ['status'], label: `status ${view.status}` });
  if (view.table) chips.push({ keys: ['table'], label: `table ${view.table}` });
  if (view.fingerprint) chips.push({ keys: ['fingerprint'], label: `fingerprint ${view.fingerprint.slice(0, 12)}` });
  if (view.user) chips.push({ keys: ['user'], label: `user ${view.user}` });
  return chips;
}

/** The patch that removes a chip: every key it covers back to its default. */
export function removeChip(keys: (keyof QueriesView)[]): Partial<QueriesView> {
  const patch: Partial<QueriesView> = {};
  for (const key of keys) (patch as Record<string, unknown>)[key] = DEFAULT_VIEW[key];
  return patch;
}
