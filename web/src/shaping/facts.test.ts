import { describe, expect, it } from 'vitest';
import { flattenFacts, formatValue, humanize, num } from './facts';

describe('num', () => {
  it('reads numbers and numeric strings, and treats NaN and infinities as not measured', () => {
    expect([num(1.5), num('2'), num('NaN'), num(Number.NaN), num('Infinity'), num(null), num('x'), num('')]).toEqual([
      1.5,
      2,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('humanize', () => {
  it('splits camel and snake case into words and keeps units and percentiles readable', () => {
    expect(humanize('heavyWorkMemMb')).toBe('heavy work mem MB');
    expect(humanize('q_error_p90')).toBe('q error P90');
    expect(humanize('arrivalsLast5Minutes')).toBe('arrivals last 5 minutes');
    expect(humanize('r2_log')).toBe('R2 log');
  });
});

describe('formatValue', () => {
  it('formats by the key’s unit and the value’s type', () => {
    expect(formatValue(2_097_152, 'estimatedBytes')).toBe('2.0 MB');
    expect(formatValue(1500, 'buildMillis')).toBe('1.50 s');
    expect(formatValue(12345, 'statements')).toBe('12,345');
    expect(formatValue(0.12345, 'ratio')).toBe('0.123');
    expect(formatValue('NaN', 'gain')).toBe('–');
    expect(formatValue(true)).toBe('yes');
    expect(formatValue(null)).toBe('–');
    expect(formatValue(['a', 'b'])).toBe('a, b');
    expect(formatValue([])).toBe('none');
  });
});

describe('flattenFacts', () => {
  it('flattens nested objects with the parents in the label, skipping the listed keys', () => {
    const facts = flattenFacts(
      { agent: 'governor', numbers: { ratio: 1.25, forecastPeak: null, deep: { a: { b: 1 } } } },
      { skip: ['agent'] },
    );
    expect(facts.map((f) => [f.key, f.label, f.value])).toEqual([
      ['numbers.ratio', 'numbers · ratio', '1.25'],
      ['numbers.forecastPeak', 'numbers · forecast peak', '–'],
      ['numbers.deep.a', 'numbers · deep · a', 'b 1'],
    ]);
  });

  it('answers nothing for what is not an object', () => {
    expect(flattenFacts(null)).toEqual([]);
    expect(flattenFacts([1, 2])).toEqual([]);
  });
});
