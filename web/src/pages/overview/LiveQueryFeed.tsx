import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { LoggedQuery, QueryEvent } from '../../api/types';
import { useFeed, useFeedLive } from '../../live/LiveFeedProvider';
import { useSession } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { Badge, EmptyState, ErrorNotice, Skeleton } from '../../components/states';
import { formatMs, formatTime, truncate } from '../../shaping/format';
import { mergeNewest, speedOf } from '../../shaping/live';

interface FeedItem {
  queryId: number;
  sql: string;
  status: string;
  ms: number | null;
  executedAt: string;
  fresh: boolean;
}

const LIMIT = 30;

const fromLog = (q: LoggedQuery): FeedItem => ({
  queryId: q.queryId,
  sql: q.queryText,
  status: q.status,
  ms: q.executionTimeMs,
  executedAt: q.executedAt,
  fresh: false,
});

const fromEvent = (e: QueryEvent, queryId: number): FeedItem => ({
  queryId,
  sql: e.sql,
  status: e.status,
  ms: e.executionTimeMs,
  executedAt: e.executedAt,
  fresh: true,
});

/** The newest executions as they happen: from the live feed, or polled from the history while the feed is down. */
export function LiveQueryFeed() {
  const session = useSession();
  const navigate = useNavigate();
  const live = useFeedLive();
  const [items, setItems] = useState<FeedItem[]>([]);
  const merge = (incoming: FeedItem[]) =>
    setItems((current) =>
      mergeNewest(
        current,
        incoming,
        (i) => i.queryId,
        (i) => i.queryId,
        LIMIT,
      ),
    );

  const recent = useLiveQuery({
    queryKey: ['live-feed-history'],
    queryFn: ({ signal }) => endpoints.queryHistory({ size: LIMIT }, signal),
    fallbackPollMs: 3000,
  });
  useEffect(() => {
    if (recent.data) merge(recent.data.items.map(fromLog).map((i) => ({ ...i, fresh: false })));
  }, [recent.data]);
  // an execution without an id (the database could not give one at the time) cannot be opened: the history shows it
  useFeed<QueryEvent>(['query'], (m) => {
    if (m.data.queryId !== null) merge([fromEvent(m.data, m.data.queryId)]);
  });

  return (
    <Card
      title="Live queries"
      flush
      testId="live-feed"
      actions={
        <span className="status-line">
          {live ? (
            <>
              <span className="dot ok pulse" /> streaming
            </>
          ) : (
            <>
              <span className="dot warn" /> polling every 3 s
            </>
          )}
        </span>
      }
    >
      {items.length === 0 && recent.isPending && (
        <div className="card-body">
          <Skeleton lines={6} />
        </div>
      )}
      {items.length === 0 && recent.error && (
        <div className="card-body">
          <ErrorNotice error={recent.error} onRetry={() => void recent.refetch()} />
        </div>
      )}
      {items.length === 0 && recent.data && (
        <EmptyState title="No queries yet">
          Statements sent to POST /api/v1/queries/execute appear here as they run.
        </EmptyState>
      )}
      <ul className="feed scroll-y" style={{ maxHeight: 360 }}>
        {items.map((item) => {
          const speed = item.status === 'ok' ? speedOf(item.ms, session.thresholds) : 'slow';
          return (
            <li
              key={item.queryId}
              className={item.fresh ? 'fresh clickable' : 'clickable'}
              data-testid="feed-item"
              data-query-id={item.queryId}
              onClick={() => navigate(`/queries/${item.queryId}`)}
              style={{ cursor: 'pointer' }}
            >
              <span className="muted mono">{formatTime(item.executedAt)}</span>
              <span className="sql" title={item.sql}>
                {truncate(item.sql, 140)}
              </span>
              <span className={`num nowrap speed-${speed}`}>
                {item.status === 'ok' ? formatMs(item.ms) : <Badge tone="bad">{item.status}</Badge>}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
