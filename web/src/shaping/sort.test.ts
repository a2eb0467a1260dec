import { describe, expect, it } from 'vitest';
import { compareValues } from './sort';

describe('compareValues', () => {
  it('sorts numbers, natural text and keeps missing values last both ways', () => {
    const values = [3, null, 10, 1];
    expect([...values].sort((a, b) => compareValues(a, b, false))).toEqual([1, 3, 10, null]);
    expect([...values].sort((a, b) => compareValues(a, b, true))).toEqual([10, 3, 1, null]);
    expect(['t10', 'T2', 't1'].sort((a, b) => compareValues(a, b, false))).toEqual(['t1', 'T2', 't10']);
  });
});
