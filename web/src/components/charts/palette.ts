import { useMemo } from 'react';
import { ApiError } from '../../api/client';
import { useTheme } from '../../theme';

/** The stylesheet's colours, as values a canvas chart can use. */
export interface Palette {
  ok: string;
  warn: string;
  bad: string;
  accent: string;
  muted: string;
  text: string;
  border: string;
  panel: string;
}

const FALLBACK: Palette = {
  ok: '#16a34a',
  warn: '#d97706',
  bad: '#dc2626',
  accent: '#2563eb',
  muted: '#64748b',
  text: '#0f172a',
  border: '#e2e8f0',
  panel: '#ffffff',
};

/** The theme's colours for charts (ECharts draws on a canvas and cannot read CSS variables), read again when it changes. */
export function usePalette(): Palette {
  const theme = useTheme();
  return useMemo(() => {
    const style = getComputedStyle(document.documentElement);
    const read = (name: keyof Palette) => style.getPropertyValue(`--${name}`).trim() || FALLBACK[name];
    return Object.fromEntries(
      (Object.keys(FALLBACK) as (keyof Palette)[]).map((n) => [n, read(n)]),
    ) as unknown as Palette;
    // the theme is the dependency: the variables change with it, not with anything read here
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the stylesheet, not this code, reads the theme
  }, [theme]);
}

/** A 404 from an endpoint that answers only once something exists (a forecast, a clustering, an execution). */
export function isNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 404;
}
