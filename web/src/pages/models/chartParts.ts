import { useMemo } from 'react';
import { ApiError } from '../../api/client';
import { useTheme } from '../../theme';

/** A 404 from an endpoint that answers only once something exists (a forecast, a clustering, ...). */
export function isNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 404;
}

export interface Palette {
  ok: string;
  warn: string;
  bad: string;
  accent: string;
  muted: string;
  text: string;
  border: string;
}

/** The stylesheet's colours for canvas charts (which cannot read CSS variables), re-read when the theme changes. */
export function usePalette(): Palette {
  const theme = useTheme();
  return useMemo(() => {
    const style = getComputedStyle(document.documentElement);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      ok: read('--ok', '#16a34a'), warn: read('--warn', '#d97706'), bad: read('--bad', '#dc2626'),
      accent: read('--accent', '#2563eb'), muted: read('--muted', '#64748b'), text: read('--text', '#0f172a'),
      border: read('--border', '#e2e8f0'),
    };
    // the theme is the dependency: the variables change with it, not with anything read here
  }, [theme]);
}
