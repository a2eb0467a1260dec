import { keepPreviousData, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { FeedType } from './types';
import { useFeed, useFeedLive } from '../live/LiveFeedProvider';

export interface LiveQueryOptions<T> {
  queryKey: QueryKey;
  queryFn: (context: { signal: AbortSignal }) => Promise<T>;
  /** Feed messages that make this data stale (refetched at most once per `throttleMs`). */
  invalidateOn?: FeedType[];
  /** Refetch period while the feed is live (default: only on feed messages and focus). */
  livePollMs?: number | false;
  /** Refetch period while the feed is down: the polling fallback (default 5 s). */
  fallbackPollMs?: number;
  throttleMs?: number;
  enabled?: boolean;
  /** Keep showing the previous answer while a changed key (another page, another filter) loads. */
  keepPrevious?: boolean;
}

/**
 * Server data that stays current: refetched when feed messages of the given types arrive, and polled instead while
 * the live feed is down, so a page never freezes silently when the WebSocket is gone.
 */
export function useLiveQuery<T>(options: LiveQueryOptions<T>) {
  const live = useFeedLive();
  const queryClient = useQueryClient();
  const result = useQuery({
    queryKey: options.queryKey,
    queryFn: options.queryFn,
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: live ? (options.livePollMs ?? false) : (options.fallbackPollMs ?? 5000),
  });
  const lastRefetch = useRef(0);
  const pending = useRef<number | null>(null);
  const keyText = JSON.stringify(options.queryKey);
  useEffect(
    () => () => {
      if (pending.current !== null) window.clearTimeout(pending.current);
    },
    [],
  );
  useFeed(options.invalidateOn ?? [], () => {
    if (!options.invalidateOn?.length || pending.current !== null) return;
    const throttle = options.throttleMs ?? 1000;
    const wait = Math.max(0, lastRefetch.current + throttle - Date.now());
    pending.current = window.setTimeout(() => {
      pending.current = null;
      lastRefetch.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: JSON.parse(keyText) as QueryKey });
    }, wait);
  });
  return result;
}
