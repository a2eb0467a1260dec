import { describe, expect, it } from 'vitest';
import { instantText, lastPage, pageRange, queryStatusTone, whenText } from './history';

describe('whenText', () => {
  const now = new Date(2026, 2, 12, 18, 0, 0).getTime();
  it('shows the time for today and the date and minute for another day', () => {
    expect(whenText(new Date(2026, 2, 12, 14, 3, 27).toISOString(), now)).toBe('14:03:27');
    expect(whenText(new Date(2026, 2, 11, 9, 5, 0).toISOString(), now)).toBe('03-11 09:05');
    expect(whenText('not a time', now)).toBe('–');
  });
});

describe('queryStatusTone', () => {
  it('reads failures as bad and timeouts as a warning', () => {
    expect(['ok', 'error', 'timeout', 'rejected', 'other'].map(queryStatusTone)).toEqual([
      'ok',
      'bad',
      'warn',
      'neutral',
      'neutral',
    ]);
  });
});

describe('pageRange and lastPage', () => {
  it('describes the rows of a page', () => {
    expect(pageRange(0, 50, 2034)).toBe('1–50 of 2,034');
    expect(pageRange(40, 50, 2034)).toBe('2,001–2,034 of 2,034');
    expect(pageRange(0, 50, 0)).toBe('0 of 0');
  });
  it('finds the last page', () => {
    expect(lastPage(50, 2034)).toBe(40);
    expect(lastPage(50, 50)).toBe(0);
    expect(lastPage(50, 0)).toBe(0);
  });
});

describe('instantText', () => {
  it('writes the local date and time to the second', () => {
    expect(instantText(new Date(2026, 0, 5, 7, 8, 9).toISOString())).toBe('2026-01-05 07:08:09');
    expect(instantText(null)).toBe('–');
  });
});
