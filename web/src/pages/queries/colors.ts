import { useMemo } from 'react';
import { useTheme } from '../../theme';

/**
 * The stylesheet's colour variables as values, for charts (ECharts draws on a canvas and cannot read CSS variables);
 * read again when the theme changes, so the charts follow dark mode.
 */
export function useCssColors<K extends string>(names: readonly K[]): Record<K, string> {
  const theme = useTheme();
  const key = names.join(',');
  return useMemo(() => {
    const style = getComputedStyle(document.documentElement);
    return Object.fromEntries(key.split(',').map((n) => [n, style.getPropertyValue(`--${n}`).trim() || '#888'])) as Record<K, string>;
  }, [key, theme]); // theme: what changes the variables' values
}

/** Categorical colours for the clusters, distinguishable in both themes. */
export const CLUSTER_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#8cd17d'];
