import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { Decision, DecisionEvent, Page } from '../../api/types';
import { useFeed } from '../../live/LiveFeedProvider';
import { matchesFilter, mergeDecisions, type DecisionFilter } from './decisions';

export const PAGE_SIZE = 100;

export interface DecisionTimeline {
  decisions: Decision[];
  /** Decisions that arrived after the first page was read (highlighted once as they appear). */
  isNew: (d: Decision) => boolean;
  total: number | null;
  hasOlder: boolean;
  loadOlder: () => void;
  loadingOlder: boolean;
  olderError: unknown;
  head: UseQueryResult<Page<Decision>>;
}

const FEED_TYPES = ['decision', 'anomaly', 'forecast', 'model'] as const;

/**
 * The decisions of one filter, newest first: the first page (polled while the live feed is down), decisions
 * streamed since (prepended as they happen), and older pages read on demand. A new filter starts over.
 */
export function useDecisionTimeline(filter: DecisionFilter): DecisionTimeline {
  const key = JSON.stringify(filter);
  const params = useMemo(
    () => ({ agent: filter.agent ?? undefined, kind: filter.kind ?? undefined, channel: filter.channel ?? undefined }),
    [filter.agent, filter.kind, filter.channel],
  );
  const head = useLiveQuery({
    queryKey: ['decisions', params],
    queryFn: ({ signal }) => endpoints.decisions({ ...params, page: 0, size: PAGE_SIZE }, signal),
    fallbackPollMs: 5000,
  });

  const [live, setLive] = useState<{ key: string; items: Decision[] }>({ key, items: [] });
  const [older, setOlder] = useState<{
    key: string;
    items: Decision[];
    nextPage: number;
    loading: boolean;
    error: unknown;
    total: number | null;
  }>({ key, items: [], nextPage: 1, loading: false, error: null, total: null });
  useEffect(() => {
    setLive({ key, items: [] });
    setOlder({ key, items: [], nextPage: 1, loading: false, error: null, total: null });
  }, [key]);

  useFeed<DecisionEvent>([...FEED_TYPES], (m) => {
    const d = m.data;
    if (!d || typeof d.ordering !== 'number' || !matchesFilter(d, filter)) return;
    setLive((current) => ({ key, items: [d, ...(current.key === key ? current.items : [])].slice(0, 500) }));
  });

  // what the first answer held marks what is "new": anything after it, streamed or polled
  const firstNewest = useRef<{ key: string; ordering: number } | null>(null);
  if (head.data && firstNewest.current?.key !== key) {
    firstNewest.current = { key, ordering: head.data.items[0]?.ordering ?? 0 };
  }

  const decisions = useMemo(
    () =>
      mergeDecisions(live.key === key ? live.items : [], head.data?.items ?? [], older.key === key ? older.items : []),
    [live, head.data, older, key],
  );

  const loadOlder = useCallback(() => {
    if (older.loading) return;
    const page = older.nextPage;
    setOlder((o) => ({ ...o, loading: true, error: null }));
    endpoints
      .decisions({ ...params, page, size: PAGE_SIZE })
      .then((p) =>
        setOlder((o) =>
          o.key !== key
            ? o
            : { ...o, items: [...o.items, ...p.items], nextPage: page + 1, loading: false, total: p.total },
        ),
      )
      .catch((error: unknown) => setOlder((o) => (o.key !== key ? o : { ...o, loading: false, error })));
  }, [older.loading, older.nextPage, params, key]);

  // the server counted when it answered; decisions streamed since add to that
  const headNewest = head.data?.items[0]?.ordering ?? Number.POSITIVE_INFINITY;
  const streamed = live.key === key ? live.items.filter((d) => d.ordering > headNewest).length : 0;
  const counted =
    older.key === key && older.total !== null
      ? Math.max(older.total, head.data?.total ?? 0)
      : (head.data?.total ?? null);
  const total = counted === null ? null : counted + streamed;
  const loadedPages = older.key === key ? older.nextPage : 1;
  const newest = firstNewest.current?.key === key ? firstNewest.current.ordering : Number.POSITIVE_INFINITY;
  return {
    decisions,
    isNew: (d) => d.ordering > newest,
    total,
    hasOlder: total !== null && loadedPages * PAGE_SIZE < total,
    loadOlder,
    loadingOlder: older.key === key && older.loading,
    olderError: older.key === key ? older.error : null,
    head,
  };
}
