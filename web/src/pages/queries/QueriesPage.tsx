import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { useSession } from '../../auth/SessionGate';
import { apiFilter, clearFilters, readView, timeWindow, writeView, type QueriesView } from './filters';
import { QueryFilters as FiltersCard, type UpdateView } from './QueryFilters';
import { DurationHistogram as HistogramCard } from './DurationHistogram';
import { QueryHistory as HistoryCard } from './QueryHistory';
import { TopQueries as TopCard } from './TopQueries';
import { QueryClusters as ClustersCard } from './QueryClusters';
import { QueryDetailDrawer } from './QueryDetailDrawer';

// the cards re-render only when their own inputs change, not when the detail drawer opens or closes
const QueryFilters = memo(FiltersCard);
const DurationHistogram = memo(HistogramCard);
const QueryHistory = memo(HistoryCard);
const TopQueries = memo(TopCard);
const QueryClusters = memo(ClustersCard);

/**
 * Every execution the gateway logged, searchable and filterable (all in the URL), as a duration histogram, a paged
 * history, the top statements and the clustering; /queries/:id opens one execution over the list. Without the
 * workload view the server answers with the caller's own executions only, and the page says so.
 */
export default function QueriesPage() {
  const { workloadView } = useSession();
  const [params] = useSearchParams();
  const { queryId } = useParams();
  const view = useMemo(() => readView(params), [params]);
  const now = useMinuteClock();
  // a preset range slides with the clock: the request changes when its bucket boundary passes
  const filter = useMemo(() => apiFilter(view, now), [view, now]);
  const timeRange = useMemo(() => timeWindow(view, now), [view, now]);
  const { update, clear, openQuery, closeQuery, narrow } = useQueriesNavigation();

  const database = useQuery({
    queryKey: ['metrics', 'database'],
    queryFn: ({ signal }) => endpoints.database(signal),
    staleTime: 300_000,
  });
  const tables = useMemo(
    () => (database.data?.tables ?? []).map((t) => `${t.schema}.${t.name}`).sort(),
    [database.data],
  );
  const pick = useCallback(
    (fingerprint: string) =>
      update({ fingerprint: readView(currentParams()).fingerprint === fingerprint ? '' : fingerprint }),
    [update],
  );

  const selectedId = queryId !== undefined && /^\d+$/.test(queryId) ? Number(queryId) : null;
  return (
    <>
      {!workloadView && (
        <div className="notice info" role="status" data-testid="own-statements-only">
          Only your own statements are shown here: seeing everyone's takes a token with the workload view (an operator's
          or an admin's).
        </div>
      )}
      <QueryFilters view={view} update={update} onClear={clear} tables={tables} />
      <DurationHistogram filter={filter} view={view} update={update} />
      <QueryHistory filter={filter} view={view} update={update} onOpen={openQuery} selectedId={selectedId} />
      <TopQueries window={timeRange} view={view} update={update} onOpen={openQuery} />
      <QueryClusters selectedFingerprint={view.fingerprint} onPick={pick} />
      {selectedId !== null && (
        <QueryDetailDrawer
          key={selectedId}
          queryId={selectedId}
          onClose={closeQuery}
          onOpen={openQuery}
          narrow={narrow}
        />
      )}
    </>
  );
}

/** The URL's search parameters as they are now (not as of the last render: several changes can come before one). */
function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/**
 * The page's moves, as callbacks that never change (so the cards can skip re-rendering when only the drawer opens),
 * each reading the URL as it is when called: two quick changes (a status picked, then a bound typed) both land.
 */
function useQueriesNavigation() {
  const navigate = useNavigate();
  const latest = useRef(navigate);
  latest.current = navigate;
  return useMemo(() => {
    const go = (pathname: string, search: URLSearchParams, replace = false) => {
      const text = search.toString();
      latest.current({ pathname, search: text ? `?${text}` : '' }, { replace });
    };
    const here = () => window.location.pathname;
    return {
      update: ((patch, options) => go(here(), writeView(currentParams(), patch), options?.replace)) as UpdateView,
      clear: () => go(here(), clearFilters(currentParams())),
      openQuery: (id: number) => go(`/queries/${id}`, currentParams()),
      closeQuery: () => go('/queries', currentParams()),
      /** Closes the detail and narrows the list. */
      narrow: (patch: Partial<QueriesView>) => go('/queries', writeView(currentParams(), patch)),
    };
  }, []);
}

/** The time, advanced once a minute (enough for ranges whose shortest bucket is a minute). */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
