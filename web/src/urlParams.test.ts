import { describe, expect, it } from 'vitest';
import { withChanges } from './urlParams';

describe('withChanges', () => {
  it('sets, replaces and removes parameters, keeping the others', () => {
    const next = withChanges('?agent=indexer&kind=index_kept&range=6h', {
      agent: 'governor',
      kind: null,
      page: 2,
      range: '',
    });
    expect(next.toString()).toBe('agent=governor&page=2');
  });

  it('leaves the input as it was', () => {
    const before = new URLSearchParams('a=1');
    withChanges(before, { a: null });
    expect(before.toString()).toBe('a=1');
  });
});
