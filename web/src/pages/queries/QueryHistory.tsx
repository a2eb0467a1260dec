import { useEffect, useMemo, useRef } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { LoggedQuery, QueryFilter } from '../../api/types';
import { useSession } from '../../auth/SessionGate';
import { useFeedLive } from '../../live/LiveFeedProvider';
import { Card } from '../../components/Card';
import { DataTable, type Column } from '../../components/DataTable';
import { LastUpdated } from '../../components/LastUpdated';
import { Badge, Loadable, Skeleton } from '../../components/states';
import { formatCount, formatMs, truncate } from '../../shaping/format';
import { speedOf } from '../../shaping/live';
import { predictionVerdict } from './detail';
import { HISTORY_SORTS, type HistorySort, type QueriesView } from './filters';
import { instantText, lastPage, pageRange, queryStatusTone, whenText } from './history';
import type { UpdateView } from './QueryFilters';

const PAGE_SIZE = 50;

/** Every matching execution, newest first by default, sorted and paged by the server; a row opens its detail. */
export function QueryHistory({
  filter,
  view,
  update,
  onOpen,
  selectedId,
}: {
  filter: QueryFilter;
  view: QueriesView;
  update: UpdateView;
  onOpen: (id: number) => void;
  selectedId: number | null;
}) {
  const thresholds = useSession().thresholds;
  const live = useFeedLive();
  // only the first page of the newest executions follows the live feed: other pages would shift under the reader
  const following = view.page === 0 && view.sort === 'executed_at' && view.order === 'desc';
  const params = { ...filter, sort: view.sort, order: view.order, page: view.page, size: PAGE_SIZE };
  const history = useLiveQuery({
    queryKey: ['queries-history', params],
    queryFn: ({ signal }) => endpoints.queryHistory(params, signal),
    invalidateOn: following ? ['query'] : [],
    throttleMs: 2000,
    livePollMs: following ? false : 30_000,
    keepPrevious: true,
  });
  const fresh = useFreshIds(history.isPlaceholderData ? undefined : history.data?.items, JSON.stringify(params));

  const columns = useMemo<Column<LoggedQuery>[]>(
    () => [
      {
        key: 'executed_at',
        header: 'Time',
        value: (q) => q.executedAt,
        cell: (q) => (
          <span
            className="nowrap mono"
            title={`${instantText(q.executedAt)} wall clock${q.simulatedAt ? ` · workload time ${instantText(q.simulatedAt)}` : ''}`}
          >
            {whenText(q.executedAt)}
          </span>
        ),
      },
      {
        key: 'sql',
        header: 'SQL',
        sortable: false,
        value: (q) => q.queryText,
        className: 'sql',
        cell: (q) => <span title={q.queryText}>{truncate(q.queryText, 110)}</span>,
      },
      {
        key: 'status',
        header: 'Status',
        sortable: false,
        value: (q) => q.status,
        cell: (q) => (
          <Badge
            tone={queryStatusTone(q.status)}
            title={q.errorMessage ? `${q.errorCode ?? ''} ${q.errorMessage}`.trim() : undefined}
          >
            {q.status}
          </Badge>
        ),
      },
      {
        key: 'execution_time_ms',
        header: 'Duration',
        align: 'right',
        value: (q) => q.executionTimeMs,
        cell: (q) => (
          <span className={q.status === 'ok' ? `speed-${speedOf(q.executionTimeMs, thresholds)}` : 'muted'}>
            {formatMs(q.executionTimeMs)}
          </span>
        ),
      },
      {
        key: 'predicted',
        header: 'Predicted',
        align: 'right',
        sortable: false,
        value: (q) => q.predictedTimeMs,
        cell: (q) => {
          const verdict = q.status === 'ok' ? predictionVerdict(q.predictedTimeMs, q.executionTimeMs) : null;
          return (
            <span className="muted nowrap" title={verdict?.text}>
              {formatMs(q.predictedTimeMs)}
              {verdict && verdict.tone !== 'ok' && (
                <span className={`q-error ${verdict.tone}`}>
                  {' '}
                  ×{verdict.qError < 10 ? verdict.qError.toFixed(1) : Math.round(verdict.qError)}
                </span>
              )}
            </span>
          );
        },
      },
      {
        key: 'rows_returned',
        header: 'Rows',
        align: 'right',
        value: (q) => q.rowsReturned,
        cell: (q) => (
          <span title={q.truncated ? 'cut at the row or byte limit' : undefined}>
            {formatCount(q.rowsReturned)}
            {q.truncated ? '+' : ''}
          </span>
        ),
      },
      {
        key: 'tables',
        header: 'Tables',
        sortable: false,
        value: (q) => q.tablesAccessed.join(' '),
        cell: (q) => (
          <span className="tables-cell" title={q.tablesAccessed.join(', ')}>
            {q.tablesAccessed.join(', ') || '–'}
          </span>
        ),
      },
      {
        key: 'user',
        header: 'User',
        sortable: false,
        value: (q) => q.userId,
        cell: (q) => <span className="nowrap">{q.userId}</span>,
      },
    ],
    [thresholds],
  );

  const total = history.data?.total ?? 0;
  return (
    <Card
      className="query-history-card"
      title={<h2>Executions {history.data && <span className="muted count">{formatCount(total)}</span>}</h2>}
      flush
      testId="query-history"
      actions={
        <>
          <LastUpdated at={history.dataUpdatedAt || null} />
          {following &&
            (live ? (
              <span className="status-line" title="New executions join the top of this page as they run">
                <span className="dot ok" /> following new executions
              </span>
            ) : (
              <span className="status-line" title="The live feed is down: the list is polled instead">
                <span className="dot warn" /> refreshing every 5 s
              </span>
            ))}
          {history.data && total > 0 && <Pager page={view.page} total={total} onPage={(page) => update({ page })} />}
        </>
      }
    >
      <Loadable
        query={history}
        skeleton={
          <div className="card-body">
            <Skeleton lines={8} height={20} />
          </div>
        }
      >
        {(page) => (
          <div className={history.isPlaceholderData ? 'loading-fade' : undefined}>
            <DataTable
              rows={page.items}
              rowKey={(q) => q.queryId}
              columns={columns}
              onRowClick={(q) => onOpen(q.queryId)}
              exportName={`executions page ${view.page + 1}`}
              sort={{ key: view.sort, descending: view.order === 'desc' }}
              onSort={(key, descending) => {
                if ((HISTORY_SORTS as readonly string[]).includes(key))
                  update({ sort: key as HistorySort, order: descending ? 'desc' : 'asc' });
              }}
              rowAttributes={(q) => ({
                'data-testid': 'query-row',
                'data-query-id': q.queryId,
                'data-status': q.status,
                className:
                  [fresh.has(q.queryId) ? 'fresh' : '', q.queryId === selectedId ? 'selected' : ''].join(' ').trim() ||
                  undefined,
              })}
              emptyTitle={view.page > 0 ? 'No executions on this page' : 'No executions match these filters'}
              emptyText={
                view.page > 0 ? (
                  <button className="button small" onClick={() => update({ page: 0 })}>
                    Back to the first page
                  </button>
                ) : (
                  'Widen the time range or clear a filter. Every statement sent to POST /api/v1/queries/execute is logged here.'
                )
              }
              caption="Executions matching the filters"
              maxHeight={620}
            />
          </div>
        )}
      </Loadable>
      {history.data && total > PAGE_SIZE && (
        <div className="pager-foot">
          <Pager page={view.page} total={total} onPage={(page) => update({ page })} />
        </div>
      )}
    </Card>
  );
}

function Pager({ page, total, onPage }: { page: number; total: number; onPage: (page: number) => void }) {
  const last = lastPage(PAGE_SIZE, total);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted nowrap" data-testid="pager-range">
        {pageRange(page, PAGE_SIZE, total)}
      </span>
      <button className="button small" onClick={() => onPage(0)} disabled={page === 0} aria-label="First page">
        «
      </button>
      <button
        className="button small"
        onClick={() => onPage(page - 1)}
        disabled={page === 0}
        aria-label="Previous page"
        data-testid="page-prev"
      >
        ‹
      </button>
      <span className="nowrap">
        page {page + 1} of {last + 1}
      </span>
      <button
        className="button small"
        onClick={() => onPage(page + 1)}
        disabled={page >= last}
        aria-label="Next page"
        data-testid="page-next"
      >
        ›
      </button>
      <button className="button small" onClick={() => onPage(last)} disabled={page >= last} aria-label="Last page">
        »
      </button>
    </nav>
  );
}

/** Ids that appeared in a live refetch of the same list (to flash them), empty on a first load or a changed list. */
function useFreshIds(items: LoggedQuery[] | undefined, listKey: string): Set<number> {
  const seen = useRef<{ key: string; max: number } | null>(null);
  const fresh = useMemo(() => {
    const before = seen.current;
    if (!items || !before || before.key !== listKey) return new Set<number>();
    return new Set(items.filter((q) => q.queryId > before.max).map((q) => q.queryId));
  }, [items, listKey]);
  useEffect(() => {
    if (items) seen.current = { key: listKey, max: Math.max(0, ...items.map((q) => q.queryId)) };
  }, [items, listKey]);
  return fresh;
}
