import { useMemo } from 'react';
import { useTheme } from '../../theme';

export interface Palette {
  ok: string;
  warn: string;
  bad: string;
  accent: string;
  muted: string;
  border: string;
}

/** The stylesheet's status colours for charts (canvas cannot read CSS variables), following the theme. */
export function usePalette(): Palette {
  const theme = useTheme();
  return useMemo(() => {
    const css = getComputedStyle(document.documentElement);
    const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    return {
      ok: read('--ok', '#16a34a'), warn: read('--warn', '#d97706'), bad: read('--bad', '#dc2626'),
      accent: read('--accent', '#2563eb'), muted: read('--muted', '#64748b'), border: read('--border', '#e2e8f0'),
    };
    // the theme switches the variables: read them again
  }, [theme]);
}
