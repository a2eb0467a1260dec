import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router';

export type ParamChanges = Record<string, string | number | null | undefined>;

/** The search parameters with some set and some removed (null, undefined or empty removes one). */
export function withChanges(search: string | URLSearchParams, changes: ParamChanges): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

/**
 * The URL's search parameters as a page's view state (filters, ranges, what is open), so a view can be shared and
 * reloaded; `update` changes some of them in place of the history entry. It starts from the URL as it is when called,
 * not as of the last render, so two quick changes (a filter picked, then another) both land, and it never changes
 * identity.
 */
export function useUrlParams(): [URLSearchParams, (changes: ParamChanges) => void] {
  const [params, setParams] = useSearchParams();
  const set = useRef(setParams);
  set.current = setParams;
  const update = useCallback((changes: ParamChanges) => {
    set.current(withChanges(window.location.search, changes), { replace: true });
  }, []);
  return [params, update];
}
