import { describe, expect, it } from 'vitest';
import {
  apiFilter,
  clearFilters,
  DEFAULT_VIEW,
  filterChips,
  fromLocalInput,
  hasFilters,
  readView,
  removeChip,
  timeWindow,
  toLocalInput,
  writeView,
} from './filters';

const params = (text: string) => new URLSearchParams(text);

describe('readView', () => {
  it('reads every filter, the sort, the page and the tab', () => {
    const view = readView(
      params(
        'text=orders&status=error&table=silver.sales&fingerprint=abc&user=ana&minMs=100&maxMs=2000' +
          '&range=6h&sort=execution_time_ms&order=asc&page=3&top=failed',
      ),
    );
    expect(view).toEqual({
      text: 'orders',
      status: 'error',
      table: 'silver.sales',
      fingerprint: 'abc',
      user: 'ana',
      minMs: 100,
      maxMs: 2000,
      range: '6h',
      from: '',
      to: '',
      sort: 'execution_time_ms',
      order: 'asc',
      page: 3,
      top: 'failed',
    });
  });

  it('falls back to the defaults for anything malformed', () => {
    const view = readView(
      params('status=broken&minMs=-4&maxMs=abc&range=2y&sort=query_text;drop&order=up&page=-1&top=x'),
    );
    expect(view).toEqual(DEFAULT_VIEW);
  });

  it('reads the Overview link of slow queries', () => {
    expect(readView(params('minMs=1000'))).toEqual({ ...DEFAULT_VIEW, minMs: 1000 });
  });

  it('treats a from/to without range as a custom range and normalizes the instants', () => {
    const view = readView(params('from=2026-01-01T10:00:00Z&to=2026-01-01T11:00:00%2B01:00'));
    expect(view.range).toBe('custom');
    expect(view.from).toBe('2026-01-01T10:00:00.000Z');
    expect(view.to).toBe('2026-01-01T10:00:00.000Z');
  });

  it('ignores from/to under a preset range', () => {
    expect(readView(params('range=1h&from=2026-01-01T10:00:00Z'))).toMatchObject({ range: '1h', from: '' });
  });
});

describe('writeView', () => {
  it('round-trips through the URL', () => {
    const view = {
      ...DEFAULT_VIEW,
      text: 'join',
      status: 'timeout' as const,
      minMs: 5,
      maxMs: 10,
      range: 'custom' as const,
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      sort: 'rows_returned' as const,
      page: 2,
      top: 'total' as const,
    };
    expect(readView(writeView(new URLSearchParams(), view))).toEqual(view);
  });

  it('leaves defaults out of the URL and keeps keys it does not own', () => {
    const out = writeView(params('tab=x&minMs=5'), { minMs: null, sort: 'executed_at', top: 'slowest' });
    expect(out.toString()).toBe('tab=x');
  });

  it('goes back to the first page when the filters or the sort change, but not for the tab', () => {
    expect(writeView(params('page=4'), { status: 'ok' }).get('page')).toBeNull();
    expect(writeView(params('page=4'), { order: 'asc' }).get('page')).toBeNull();
    expect(writeView(params('page=4'), { top: 'failed' }).get('page')).toBe('4');
    expect(writeView(params('page=4'), { page: 5 }).get('page')).toBe('5');
  });

  it('drops a custom from/to when a preset is chosen', () => {
    const out = writeView(params('range=custom&from=2026-01-01T00:00:00Z'), { range: '24h' });
    expect(out.get('from')).toBeNull();
    expect(out.get('range')).toBe('24h');
  });
});

describe('clearFilters and hasFilters', () => {
  it('removes every filter and the page but keeps the sort and the tab', () => {
    const out = clearFilters(
      params(
        'text=a&status=ok&minMs=1&maxMs=2&range=1h&table=t&fingerprint=f&user=u&page=3&sort=rows_returned&top=failed',
      ),
    );
    expect(out.toString()).toBe('sort=rows_returned&top=failed');
    expect(hasFilters(readView(out))).toBe(false);
    expect(hasFilters(readView(params('minMs=0')))).toBe(true);
  });
});

describe('timeWindow and apiFilter', () => {
  const now = Date.parse('2026-01-01T10:07:30Z');

  it('ends a preset at the next bucket boundary', () => {
    expect(timeWindow({ range: '1h', from: '', to: '' }, now)).toEqual({
      from: '2026-01-01T09:08:00.000Z',
      to: '2026-01-01T10:08:00.000Z',
    });
  });

  it('asks for any time without a range, and takes a custom range as written (open ends left out)', () => {
    expect(timeWindow({ range: '', from: '', to: '' }, now)).toEqual({});
    expect(timeWindow({ range: 'custom', from: '2026-01-01T00:00:00.000Z', to: '' }, now)).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: undefined,
    });
  });

  it('sends only the filters that are set, zero included', () => {
    expect(apiFilter({ ...DEFAULT_VIEW, minMs: 0, status: 'error', page: 9 }, now)).toEqual({
      minMs: 0,
      status: 'error',
    });
  });
});

describe('datetime-local conversion', () => {
  it('round-trips a minute in local time', () => {
    const iso = fromLocalInput('2026-05-04T13:45');
    expect(toLocalInput(iso)).toBe('2026-05-04T13:45');
    expect(new Date(iso).getHours()).toBe(13);
  });

  it('answers empty for empty or malformed values', () => {
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('yesterday')).toBe('');
    expect(toLocalInput('')).toBe('');
  });
});

describe('filterChips', () => {
  it('labels each active filter and merges a duration range into one chip', () => {
    const chips = filterChips({
      ...DEFAULT_VIEW,
      text: 'sum(',
      minMs: 200,
      maxMs: 1500,
      range: '24h',
      fingerprint: '0123456789abcdef',
    });
    expect(chips.map((c) => c.label)).toEqual([
      'SQL contains “sum(”',
      'last 24 h',
      '200 ms – 1.5 s',
      'fingerprint 0123456789ab',
    ]);
    expect(chips[2].keys).toEqual(['minMs', 'maxMs']);
  });

  it('removes a chip by resetting its keys', () => {
    expect(removeChip(['minMs', 'maxMs'])).toEqual({ minMs: null, maxMs: null });
    expect(filterChips({ ...DEFAULT_VIEW, minMs: 1000 })[0].label).toBe('≥ 1 s');
  });
});
