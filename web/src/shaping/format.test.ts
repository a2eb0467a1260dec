import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatBytes,
  formatChange,
  formatCompact,
  formatMs,
  formatPercent,
  relativeChange,
  truncate,
} from './format';

describe('formatMs', () => {
  it('picks precision by magnitude', () => {
    expect([0.123, 4.56, 42.4, 999.6, 1234, 45_600, 125_000].map(formatMs)).toEqual([
      '0.12 ms',
      '4.6 ms',
      '42 ms',
      '1000 ms',
      '1.23 s',
      '45.6 s',
      '2 min 5 s',
    ]);
  });
  it('shows a dash for what was not measured', () => {
    expect(formatMs(null)).toBe('–');
    expect(formatMs(Number.NaN)).toBe('–');
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect([512, 2048, 5 * 1024 * 1024, 12.5 * 1024 ** 3].map(formatBytes)).toEqual([
      '512 B',
      '2.0 kB',
      '5.0 MB',
      '13 GB',
    ]);
  });
});

describe('formatCompact and formatPercent', () => {
  it('abbreviates', () => {
    expect([950, 12_345, 4_500_000].map(formatCompact)).toEqual(['950', '12k', '4.5M']);
    expect(formatPercent(0.9937)).toBe('99.4 %');
  });
});

describe('relativeChange', () => {
  it('is null without a base to compare with', () => {
    expect(relativeChange(10, 0)).toBeNull();
    expect(relativeChange(null, 5)).toBeNull();
    expect(relativeChange(5, undefined)).toBeNull();
  });
  it('is signed and formatted with a true minus', () => {
    expect(relativeChange(120, 100)).toBeCloseTo(0.2);
    expect(formatChange(relativeChange(90, 100))).toBe('−10 %');
    expect(formatChange(0.034)).toBe('+3.4 %');
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('reads relative time', () => {
    expect(formatAgo('2026-01-01T11:59:58Z', now)).toBe('just now');
    expect(formatAgo('2026-01-01T11:59:18Z', now)).toBe('42 s ago');
    expect(formatAgo('2026-01-01T11:00:00Z', now)).toBe('1 h ago');
    expect(formatAgo('2026-01-01T12:10:00Z', now)).toBe('in 10 min');
  });
});

describe('truncate', () => {
  it('flattens whitespace and cuts at a word', () => {
    expect(truncate('SELECT a,\n   b FROM t WHERE x = 1', 20)).toBe('SELECT a, b FROM t…');
    expect(truncate('short', 20)).toBe('short');
  });
});
