import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { apiFilter, clearFilters, readView, timeWindow, writeView, type QueriesView } from './filters';
import { QueryFilters, type UpdateView } from './QueryFilters';
import { DurationHistogram } from './DurationHistogram';
import { QueryHistory } from './QueryHistory';
import { TopQueries } from './TopQueries';
import { QueryClusters } from './QueryClusters';
import { QueryDetailDrawer } from './QueryDetailDrawer';

/**
 * Every execution the gateway logged, searchable and filterable (all in the URL), as a duration histogram, a paged
 * history, the top statements and the clustering; /queries/:id opens one execution over the list.
 */
export default function QueriesPage() {
  const [params, setParams] = useSearchParams();
  const { queryId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const view = useMemo(() => readView(params), [params]);
  const now = useMinuteClock();
  // a preset range slides with the clock: the request changes when its bucket boundary passes
  const filter = useMemo(() => apiFilter(view, now), [view, now]);
  const timeRange = useMemo(() => timeWindow(view, now), [view, now]);

  const update: UpdateView = useCallback(
    (patch, options) => setParams((current) => writeView(current, patch), { replace: options?.replace }),
    [setParams],
  );
  const openQuery = useCallback((id: number) => navigate({ pathname: `/queries/${id}`, search: location.search }), [navigate, location.search]);
  const closeQuery = useCallback(() => navigate({ pathname: '/queries', search: location.search }), [navigate, location.search]);
  const narrow = useCallback((patch: Partial<QueriesView>) => {
    const search = writeView(params, patch).toString();
    navigate({ pathname: '/queries', search: search ? `?${search}` : '' });
  }, [navigate, params]);

  const database = useQuery({ queryKey: ['metrics-database'], queryFn: ({ signal }) => endpoints.database(signal), staleTime: 300_000 });
  const tables = useMemo(() => (database.data?.tables ?? []).map((t) => `${t.schema}.${t.name}`).sort(), [database.data]);

  const selectedId = queryId !== undefined && /^\d+$/.test(queryId) ? Number(queryId) : null;
  return (
    <>
      <QueryFilters view={view} update={update} onClear={() => setParams((current) => clearFilters(current))} tables={tables} />
      <DurationHistogram filter={filter} view={view} update={update} />
      <QueryHistory filter={filter} view={view} update={update} onOpen={openQuery} selectedId={selectedId} />
      <TopQueries window={timeRange} view={view} update={update} onOpen={openQuery} />
      <QueryClusters selectedFingerprint={view.fingerprint}
                     onPick={(fingerprint) => update({ fingerprint: view.fingerprint === fingerprint ? '' : fingerprint })} />
      {selectedId !== null && <QueryDetailDrawer key={selectedId} queryId={selectedId} onClose={closeQuery} onOpen={openQuery} narrow={narrow} />}
    </>
  );
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
