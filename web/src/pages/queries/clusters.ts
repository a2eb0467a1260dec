// The query clustering: one scatter series per cluster over the 2-D projection, and the silhouette of each k tried.
import type { Clusters } from '../../api/types';

/** Categorical colours for the clusters, distinguishable in both themes. */
export const CLUSTER_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#8cd17d',
];

export interface ClusterPoint {
  /** [x, y] in the projection. */
  value: [number, number];
  fingerprint: string;
  text: string | null;
  selected: boolean;
}

export interface ClusterSeries {
  cluster: number;
  name: string;
  points: ClusterPoint[];
}

/**
 * One series per cluster (so each has its colour and a legend entry), ordered by cluster id, including clusters
 * without a point in the projection; the fingerprint being filtered on is marked.
 */
export function clusterSeries(c: Pick<Clusters, 'clusters' | 'points'>, selectedFingerprint = ''): ClusterSeries[] {
  const ids = new Set<number>([...c.clusters.map((k) => k.id), ...c.points.map((p) => p.cluster)]);
  return [...ids]
    .sort((a, b) => a - b)
    .map((cluster) => ({
      cluster,
      name: `cluster ${cluster}`,
      points: c.points
        .filter((p) => p.cluster === cluster)
        .map((p) => ({
          value: [p.x, p.y] as [number, number],
          fingerprint: p.fingerprint,
          text: p.text,
          selected: selectedFingerprint !== '' && p.fingerprint === selectedFingerprint,
        })),
    }));
}

/** The silhouette of each k the training tried, by k ascending, with the chosen one marked. */
export function silhouetteSteps(
  c: Pick<Clusters, 'k' | 'silhouetteByK'>,
): { k: number; silhouette: number; chosen: boolean }[] {
  return Object.entries(c.silhouetteByK)
    .map(([k, silhouette]) => ({ k: Number(k), silhouette, chosen: Number(k) === c.k }))
    .filter((s) => Number.isFinite(s.k) && Number.isFinite(s.silhouette))
    .sort((a, b) => a.k - b.k);
}

/** How to read a silhouette score (−1..1): how well separated the clusters are. */
export function silhouetteWords(s: number): string {
  if (s >= 0.7) return 'strong structure';
  if (s >= 0.5) return 'reasonable structure';
  if (s >= 0.25) return 'weak structure';
  return 'no substantial structure';
}

/** Text made safe to put into a chart tooltip (ECharts renders its formatter's answer as HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
