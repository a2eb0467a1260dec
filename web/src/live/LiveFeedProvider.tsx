import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FeedMessage, FeedType } from '../api/types';
import { tokenStore } from '../auth/tokenStore';
import { FeedConnection, type FeedState } from './FeedConnection';
import { WorkloadEstimate } from './workloadEstimate';

const FeedContext = createContext<FeedConnection | null>(null);
const WorkloadContext = createContext<WorkloadEstimate | null>(null);

function streamUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/stream`;
}

/** Opens the page's one live-feed connection for as long as the app is mounted. */
export function LiveFeedProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [feed] = useState(
    () =>
      new FeedConnection({
        url: streamUrl(),
        token: tokenStore.get,
        openSocket: (url, protocols) => new WebSocket(url, protocols),
        setTimer: (fn, ms) => window.setTimeout(fn, ms),
        clearTimer: (handle) => window.clearTimeout(handle as number),
        now: () => Date.now(),
      }),
  );

  const [workload] = useState(() => new WorkloadEstimate());

  useEffect(() => {
    feed.start();
    const offMetric = feed.subscribe(['metric'], (m) => workload.observe(Date.parse(m.at), Date.now()));
    // a gap means messages were lost for good: refetch everything rather than show a silently stale page
    const offGap = feed.subscribe(['gap', 'dropped'], () => void queryClient.invalidateQueries());
    const offToken = tokenStore.subscribe(() => feed.reconnectNow());
    const online = () => feed.reconnectNow();
    window.addEventListener('online', online);
    return () => {
      offMetric();
      offGap();
      offToken();
      window.removeEventListener('online', online);
      feed.stop();
    };
  }, [feed, queryClient, workload]);

  return (
    <FeedContext.Provider value={feed}>
      <WorkloadContext.Provider value={workload}>{children}</WorkloadContext.Provider>
    </FeedContext.Provider>
  );
}

/** The workload clock as the metric messages show it (see WorkloadEstimate). */
export function useWorkloadEstimate(): WorkloadEstimate {
  const estimate = useContext(WorkloadContext);
  if (!estimate) {
    throw new Error('useWorkloadEstimate needs a LiveFeedProvider above it');
  }
  return estimate;
}

function useFeedConnection(): FeedConnection {
  const feed = useContext(FeedContext);
  if (!feed) {
    throw new Error('useFeed* hooks need a LiveFeedProvider above them');
  }
  return feed;
}

/** The connection's state (live, reconnecting, ...), re-rendering when it changes. */
export function useFeedState(): FeedState {
  const feed = useFeedConnection();
  return useSyncExternalStore(
    (cb) => feed.onState(cb),
    () => feed.getState(),
  );
}

/**
 * True while messages arrive; pages poll faster while it is false. Re-renders only when that flips (the state itself
 * changes with every message, and every live query reads this).
 */
export function useFeedLive(): boolean {
  const feed = useFeedConnection();
  return useSyncExternalStore(
    (cb) => feed.onState(cb),
    () => feed.getState().status === 'live',
  );
}

/** Calls `handler` for every message of these types; the handler may change between renders without resubscribing. */
export function useFeed<T = unknown>(types: FeedType[] | null, handler: (message: FeedMessage<T>) => void): void {
  const feed = useFeedConnection();
  const latest = useRef(handler);
  latest.current = handler;
  const key = types ? [...types].sort().join(',') : '*';
  useEffect(() => {
    if (key === '') return undefined; // no types asked for
    return feed.subscribe(key === '*' ? null : (key.split(',') as FeedType[]), (m) =>
      latest.current(m as FeedMessage<T>),
    );
  }, [feed, key]);
}
