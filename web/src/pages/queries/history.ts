// The execution history table's wording: when an execution ran and how its status reads.
import type { QueryStatus } from '../../api/types';
import type { Tone } from '../../components/states';

/**
 * "2026-03-12 14:03:27" in local time: the full instant for a row's tooltip, built by hand because toLocale* builds a
 * formatter per call and a live table renders hundreds of these.
 */
export function instantText(iso: string | null): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "14:03:27" for today, "03-12 14:03" for another day (local time). */
export function whenText(iso: string, now: number = Date.now()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  const pad = (n: number) => String(n).padStart(2, '0');
  const today = new Date(now);
  const sameDay =
    d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  return sameDay
    ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const TONES: Record<QueryStatus, Tone> = { ok: 'ok', error: 'bad', timeout: 'warn', rejected: 'neutral' };

export function queryStatusTone(status: string): Tone {
  return TONES[status as QueryStatus] ?? 'neutral';
}

/** "1–50 of 2,034": the rows a page shows. */
export function pageRange(page: number, size: number, total: number): string {
  if (total === 0) return '0 of 0';
  const first = page * size + 1;
  const last = Math.min(total, (page + 1) * size);
  return `${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
}

/** The last page index (0-based) of a paged list. */
export function lastPage(size: number, total: number): number {
  return Math.max(0, Math.ceil(total / size) - 1);
}
