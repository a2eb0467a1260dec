import { useMemo, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { describeError } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { useSession } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { DataTable, type Column } from '../../components/DataTable';
import { Tabs } from '../../components/Drawer';
import { LastUpdated } from '../../components/LastUpdated';
import { Icon } from '../../components/icons';
import { useToast } from '../../components/Toasts';
import { Loadable, Skeleton } from '../../components/states';
import { formatAgo, formatCount, formatMs, formatPercent, truncate } from '../../shaping/format';
import { instantText } from './history';
import { speedOf } from '../../shaping/live';
import { TOP_TABS, type QueriesView } from './filters';
import { errorRate, TOP_TAB_SPECS, topRows, type TopRow } from './topQueries';
import type { UpdateView } from './QueryFilters';

/** How many fingerprints the server is asked for: the share of total time is taken over all of them. */
const LIMIT = 500;
const SHOWN = 15;

/**
 * The statements (by fingerprint) that cost the most, in the page's time range and text search: pgHero's and
 * pg_stat_statements' view, by p95, executions, total time or failures. A row narrows the page to its fingerprint.
 */
export function TopQueries({
  window,
  view,
  update,
  onOpen,
}: {
  window: { from?: string; to?: string };
  view: QueriesView;
  update: UpdateView;
  onOpen: (id: number) => void;
}) {
  const thresholds = useSession().thresholds;
  const toast = useToast();
  const [expanded, setExpanded] = useState(false);
  const spec = TOP_TAB_SPECS[view.top];
  const params = { ...window, text: view.text || undefined, sort: spec.sort, limit: LIMIT };
  const stats = useLiveQuery({
    queryKey: ['queries-statistics', params],
    queryFn: ({ signal }) => endpoints.statistics(params, signal),
    invalidateOn: ['query'],
    throttleMs: 15_000,
    keepPrevious: true,
  });
  const rows = useMemo(() => (stats.data ? topRows(stats.data, view.top) : []), [stats.data, view.top]);

  const openNewest = async (fingerprint: string) => {
    try {
      const newest = await endpoints.queryHistory({ fingerprint, size: 1 });
      if (newest.items[0]) onOpen(newest.items[0].queryId);
      else toast('info', 'No logged execution of this fingerprint is left (the log may have been pruned).');
    } catch (e) {
      toast('bad', `Could not find its newest execution: ${describeError(e)}`);
    }
  };

  const columns: Column<TopRow>[] = [
    {
      key: 'sql',
      header: 'Normalized SQL',
      value: (s) => s.normalizedText,
      className: 'sql',
      cell: (s) => <span title={s.normalizedText}>{truncate(s.normalizedText, 100)}</span>,
    },
    {
      key: 'executions',
      header: 'Runs',
      align: 'right',
      value: (s) => s.executions,
      cell: (s) => formatCount(s.executions),
    },
    {
      key: 'errors',
      header: 'Errors',
      align: 'right',
      value: (s) => s.errors,
      cell: (s) =>
        s.errors > 0 ? (
          <span
            className="delta-bad"
            title={`${formatPercent(errorRate(s), 1)} of its runs${s.lastError ? ` · last: ${s.lastError}` : ''}`}
          >
            {formatCount(s.errors)}
          </span>
        ) : (
          <span className="muted">0</span>
        ),
    },
    {
      key: 'mean',
      header: 'Mean',
      align: 'right',
      value: (s) => s.meanMs,
      cell: (s) => <Speed ms={s.executions ? s.meanMs : null} thresholds={thresholds} />,
    },
    {
      key: 'p95',
      header: 'p95',
      align: 'right',
      value: (s) => s.p95Ms,
      cell: (s) => <Speed ms={s.executions ? s.p95Ms : null} thresholds={thresholds} />,
    },
    {
      key: 'max',
      header: 'Max',
      align: 'right',
      value: (s) => s.maxMs,
      cell: (s) => <Speed ms={s.executions ? s.maxMs : null} thresholds={thresholds} />,
    },
    { key: 'total', header: 'Total', align: 'right', value: (s) => s.totalMs, cell: (s) => formatMs(s.totalMs) },
    {
      key: 'share',
      header: 'Share',
      value: (s) => Number(s.share.toFixed(4)),
      cell: (s) => (
        <span className="share" title={`${formatPercent(s.share, 2)} of the time all listed statements took`}>
          <span className="share-bar">
            <span style={{ width: `${Math.max(1, Math.round(s.share * 100))}%` }} />
          </span>
          <span className="num">{formatPercent(s.share, 1)}</span>
        </span>
      ),
    },
    {
      key: 'lastSeen',
      header: 'Last seen',
      value: (s) => s.lastSeen,
      cell: (s) => (
        <span className="nowrap" title={instantText(s.lastSeen)}>
          {formatAgo(s.lastSeen)}
        </span>
      ),
    },
    {
      key: 'open',
      header: '',
      sortable: false,
      value: () => null,
      cell: (s) => (
        <button
          className="icon-button"
          title="Open its newest execution"
          aria-label="Open its newest execution"
          data-testid="open-newest"
          onClick={(e) => {
            e.stopPropagation();
            void openNewest(s.fingerprint);
          }}
        >
          <Icon name="external" size={15} />
        </button>
      ),
    },
  ];

  const shown = expanded ? rows : rows.slice(0, SHOWN);
  return (
    <Card
      title="Top queries"
      flush
      testId="top-queries"
      className="top-queries-card"
      actions={<LastUpdated at={stats.dataUpdatedAt || null} />}
      footer={
        stats.data && (
          <span className="row">
            <span>
              By fingerprint (literals replaced), {spec.hint};{' '}
              {window.from ? 'in the chosen time range' : 'over all logged executions'}
              {view.text ? ', SQL matching the search' : ''}. Click a row to narrow the page to it.
            </span>
            {rows.length > SHOWN && (
              <button className="button small" style={{ marginLeft: 'auto' }} onClick={() => setExpanded(!expanded)}>
                {expanded ? `Show the top ${SHOWN}` : `Show all ${rows.length}`}
              </button>
            )}
          </span>
        )
      }
    >
      <div className="top-tabs">
        <Tabs
          tabs={TOP_TABS.map((key) => ({ key, label: TOP_TAB_SPECS[key].label }))}
          value={view.top}
          onChange={(top) => update({ top })}
        />
      </div>
      <Loadable
        query={stats}
        skeleton={
          <div className="card-body">
            <Skeleton lines={6} height={20} />
          </div>
        }
      >
        {() => (
          <div className={stats.isPlaceholderData ? 'loading-fade' : undefined}>
            <DataTable
              rows={shown}
              rowKey={(s) => s.fingerprint}
              columns={columns}
              onRowClick={(s) => update({ fingerprint: view.fingerprint === s.fingerprint ? '' : s.fingerprint })}
              rowAttributes={(s) => ({
                'data-testid': 'top-query-row',
                'data-fingerprint': s.fingerprint,
                className: s.fingerprint === view.fingerprint ? 'selected' : undefined,
              })}
              exportName={`top queries ${spec.label}`}
              emptyTitle={view.top === 'failed' ? 'No failed executions' : 'No statements in this range'}
              emptyText={
                view.top === 'failed'
                  ? 'Nothing failed or timed out here. Errors and timeouts of any statement show up in this tab.'
                  : 'Statistics appear as soon as statements run; widen the time range or change the search.'
              }
            />
          </div>
        )}
      </Loadable>
    </Card>
  );
}

function Speed({
  ms,
  thresholds,
}: {
  ms: number | null;
  thresholds: { moderateQueryMs: number; slowQueryMs: number };
}) {
  if (ms === null) return <span className="muted">–</span>;
  return <span className={`speed-${speedOf(ms, thresholds)}`}>{formatMs(ms)}</span>;
}
