import { describe, expect, it } from 'vitest';
import { clusterSeries, escapeHtml, silhouetteSteps, silhouetteWords } from './clusters';

const profile = (id: number) => ({ id, size: 1, executions: 1, meanMs: 1, topTables: [], meanComplexity: 1 });

describe('clusterSeries', () => {
  const data = {
    clusters: [profile(1), profile(0), profile(2)],
    points: [
      { fingerprint: 'a', cluster: 1, x: 0.5, y: -1, text: 'SELECT a' },
      { fingerprint: 'b', cluster: 0, x: 2, y: 3, text: null },
      { fingerprint: 'c', cluster: 1, x: 1, y: 1, text: 'SELECT c' },
    ],
  };

  it('makes one series per cluster in id order, empty clusters included', () => {
    const series = clusterSeries(data);
    expect(series.map((s) => [s.name, s.points.map((p) => p.fingerprint)])).toEqual([
      ['cluster 0', ['b']],
      ['cluster 1', ['a', 'c']],
      ['cluster 2', []],
    ]);
    expect(series[1].points[0]).toEqual({ value: [0.5, -1], fingerprint: 'a', text: 'SELECT a', selected: false });
  });

  it('marks the fingerprint being filtered on', () => {
    const selected = clusterSeries(data, 'c')
      .flatMap((s) => s.points)
      .filter((p) => p.selected)
      .map((p) => p.fingerprint);
    expect(selected).toEqual(['c']);
  });

  it('adds a cluster that only the projection knows', () => {
    expect(
      clusterSeries({ clusters: [], points: [{ fingerprint: 'x', cluster: 7, x: 0, y: 0, text: null }] })[0].cluster,
    ).toBe(7);
  });
});

describe('silhouetteSteps and silhouetteWords', () => {
  it('orders the tried k numerically and marks the chosen one', () => {
    expect(silhouetteSteps({ k: 3, silhouetteByK: { '10': 0.2, '2': 0.4, '3': 0.55 } })).toEqual([
      { k: 2, silhouette: 0.4, chosen: false },
      { k: 3, silhouette: 0.55, chosen: true },
      { k: 10, silhouette: 0.2, chosen: false },
    ]);
  });

  it('reads the score in words', () => {
    expect(silhouetteWords(0.72)).toBe('strong structure');
    expect(silhouetteWords(0.3)).toBe('weak structure');
    expect(silhouetteWords(0.1)).toBe('no substantial structure');
  });
});

describe('escapeHtml', () => {
  it('keeps SQL comparisons and quotes from becoming markup', () => {
    expect(escapeHtml(`select '<b>' where a < 1 & b > "x"`)).toBe(
      'select &#39;&lt;b&gt;&#39; where a &lt; 1 &amp; b &gt; &quot;x&quot;',
    );
  });
});
