import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'dwpilot.theme';
const listeners = new Set<() => void>();

function current(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // storage disabled: the theme lasts for this page only
  }
  listeners.forEach((l) => l());
}

/** The current theme (set before the first paint by index.html), re-rendering when it changes. */
export function useTheme(): Theme {
  return useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, current);
}
