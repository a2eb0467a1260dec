import type { UseQueryResult } from '@tanstack/react-query';
import type { DatabaseStatistics, IndexStatistics, PoolStatistics, TableStatistics } from '../../api/types';
import { Card } from '../../components/Card';
import { DataTable } from '../../components/DataTable';
import { Segmented } from '../../components/Drawer';
import { Badge, Loadable, Skeleton } from '../../components/states';
import {
  formatAgo,
  formatBytes,
  formatCompact,
  formatCount,
  formatDateTime,
  formatPercent,
} from '../../shaping/format';
import {
  connectionSlices,
  filterIndexes,
  indexFlags,
  indexShape,
  seqScanShare,
  unusedBytes,
  type IndexView,
} from './shaping';
import { useUrlParams } from '../../urlParams';

type DatabaseQuery = UseQueryResult<DatabaseStatistics>;

/** pgHero's front page: the database's size, cache, connections by state, deadlocks, temp files and the pools. */
export function DatabaseOverview({ database }: { database: DatabaseQuery }) {
  return (
    <Card
      title="Database"
      testId="database-stats"
      actions={database.data && <span className="muted text-sm mono">{database.data.database.name}</span>}
    >
      <Loadable query={database} skeleton={<Skeleton lines={4} height={22} />}>
        {(d) => {
          const db = d.database;
          const rollbackShare = db.commits + db.rollbacks > 0 ? db.rollbacks / (db.commits + db.rollbacks) : null;
          return (
            <div className="db-overview">
              <div className="db-figures">
                <Figure label="Size" value={formatBytes(db.sizeBytes)} />
                <Figure
                  label="Cache hit ratio"
                  value={formatPercent(db.cacheHitRatio, 2)}
                  tone={
                    db.cacheHitRatio === null
                      ? undefined
                      : db.cacheHitRatio >= 0.99
                        ? 'ok'
                        : db.cacheHitRatio >= 0.95
                          ? 'warn'
                          : 'bad'
                  }
                  sub="blocks read from shared buffers"
                />
                <Figure
                  label="Deadlocks"
                  value={formatCount(db.deadlocks)}
                  tone={db.deadlocks > 0 ? 'warn' : undefined}
                  sub="since statistics reset"
                />
                <Figure
                  label="Temp files"
                  value={formatBytes(db.tempBytes)}
                  tone={db.tempBytes > 0 ? 'warn' : undefined}
                  sub="spilled by sorts and hashes"
                />
                <Figure
                  label="Locks waiting"
                  value={formatCount(db.locksWaiting)}
                  tone={db.locksWaiting > 0 ? 'warn' : undefined}
                />
                <Figure
                  label="Rollbacks"
                  value={formatPercent(rollbackShare, 2)}
                  sub={`${formatCompact(db.rollbacks)} of ${formatCompact(db.commits + db.rollbacks)} transactions`}
                />
              </div>
              <ConnectionsBar connections={db.connections} />
              <div className="pools">
                <h3>Connection pools</h3>
                {d.pools.length === 0 ? (
                  <span className="muted text-sm">No pool reported.</span>
                ) : (
                  d.pools.map((p) => <PoolBar key={p.name} pool={p} />)
                )}
              </div>
            </div>
          );
        }}
      </Loadable>
    </Card>
  );
}

function Figure({
  label,
  value,
  sub,
  tone,
}: {
  label: string;
  value: string;
  sub?: string;
  tone?: 'ok' | 'warn' | 'bad';
}) {
  return (
    <div className="db-figure">
      <div className="muted text-sm">{label}</div>
      <div className={`db-figure-value ${tone ? `tone-${tone}` : ''}`}>{value}</div>
      {sub && <div className="muted text-sm">{sub}</div>}
    </div>
  );
}

/** The connections by state as one bar against max_connections. */
function ConnectionsBar({ connections }: { connections: DatabaseStatistics['database']['connections'] }) {
  const { slices, used } = connectionSlices(connections);
  const whole = Math.max(connections.max, connections.total, 1);
  return (
    <div className="connections">
      <h3>
        Connections{' '}
        <span className="muted text-sm">
          {formatCount(connections.total)} of {formatCount(connections.max)} max_connections ({formatPercent(used, 0)})
        </span>
      </h3>
      <div className="stacked-bar" role="img" aria-label={slices.map((s) => `${s.state} ${s.count}`).join(', ')}>
        {slices
          .filter((s) => s.count > 0)
          .map((s) => (
            <span
              key={s.state}
              className={`slice ${s.state.replace(/ /g, '-')}`}
              style={{ width: `${(s.count / whole) * 100}%` }}
              title={`${s.state}: ${s.count}`}
            />
          ))}
      </div>
      <div className="legend text-sm">
        {slices.map((s) => (
          <span key={s.state}>
            <span className={`swatch ${s.state.replace(/ /g, '-')}`} />
            {s.state} <strong>{formatCount(s.count)}</strong>
          </span>
        ))}
        {connections.waiting > 0 && (
          <span className="delta-bad">{formatCount(connections.waiting)} waiting on a lock</span>
        )}
      </div>
    </div>
  );
}

function PoolBar({ pool }: { pool: PoolStatistics }) {
  const max = Math.max(pool.max, pool.total, 1);
  return (
    <div className="pool" data-testid="pool" data-name={pool.name}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <strong>{pool.name}</strong>
        <span className="text-sm muted">
          {pool.active} active · {pool.idle} idle · max {pool.max}
          {pool.waiting > 0 ? (
            <>
              {' '}
              · <span className="delta-bad">{pool.waiting} waiting</span>
            </>
          ) : (
            ' · none waiting'
          )}
        </span>
      </div>
      <div className="stacked-bar thin">
        <span className="slice active" style={{ width: `${(pool.active / max) * 100}%` }} />
        <span className="slice idle" style={{ width: `${(pool.idle / max) * 100}%` }} />
      </div>
    </div>
  );
}

/** A two-part bar: the share of the first part (table bytes, sequential scans) of the whole. */
function Split({ first, second, titles }: { first: number; second: number; titles: [string, string] }) {
  const total = first + second;
  if (total <= 0) return <span className="muted">–</span>;
  return (
    <span
      className="split"
      title={`${titles[0]} ${formatPercent(first / total, 0)} · ${titles[1]} ${formatPercent(second / total, 0)}`}
    >
      <span className="split-a" style={{ width: `${(first / total) * 100}%` }} />
    </span>
  );
}

/** The warehouse's tables: size, rows, table against index bytes, how they are scanned, cache hits, dead rows, vacuum. */
export function TableStats({ database }: { database: DatabaseQuery }) {
  return (
    <Card title="Tables" flush testId="table-stats">
      <Loadable
        query={database}
        skeleton={
          <div className="card-body">
            <Skeleton lines={6} />
          </div>
        }
      >
        {(d) => (
          <DataTable<TableStatistics>
            rows={d.tables}
            rowKey={(t) => `${t.schema}.${t.name}`}
            exportName="tables"
            initialSort={{ key: 'total', descending: true }}
            maxHeight={460}
            emptyTitle="No tables"
            emptyText="The warehouse's schemas hold no tables yet: the first ETL run creates them."
            rowAttributes={(t) => ({ 'data-testid': 'table-row', 'data-name': `${t.schema}.${t.name}` })}
            columns={[
              {
                key: 'name',
                header: 'Table',
                value: (t) => `${t.schema}.${t.name}`,
                cell: (t) => (
                  <span className="nowrap">
                    <span className="muted">{t.schema}.</span>
                    <strong>{t.name}</strong>
                  </span>
                ),
              },
              { key: 'rows', header: 'Rows', align: 'right', value: (t) => t.rows, cell: (t) => formatCompact(t.rows) },
              {
                key: 'total',
                header: 'Size',
                align: 'right',
                className: 'nowrap',
                value: (t) => t.totalBytes,
                cell: (t) => formatBytes(t.totalBytes),
              },
              {
                key: 'split',
                header: 'Table | indexes',
                value: (t) => (t.totalBytes > 0 ? t.indexBytes / t.totalBytes : null),
                sortable: true,
                cell: (t) => (
                  <div className="split-cell">
                    <Split first={t.tableBytes} second={t.indexBytes} titles={['table', 'indexes']} />
                    <span className="text-sm muted nowrap">
                      {formatBytes(t.tableBytes)} | {formatBytes(t.indexBytes)}
                    </span>
                  </div>
                ),
              },
              {
                key: 'scans',
                header: 'Seq | index scans',
                value: (t) => seqScanShare(t),
                cell: (t) => {
                  const share = seqScanShare(t);
                  return (
                    <div className="split-cell">
                      <Split first={t.seqScans} second={t.indexScans} titles={['sequential', 'index']} />
                      <span
                        className={`text-sm nowrap ${share !== null && share > 0.5 && t.rows > 10_000 ? 'delta-bad' : 'muted'}`}
                        title={
                          share !== null && share > 0.5 && t.rows > 10_000
                            ? 'Mostly sequential scans on a large table: an index may be missing'
                            : undefined
                        }
                      >
                        {formatCompact(t.seqScans)} | {formatCompact(t.indexScans)}
                      </span>
                    </div>
                  );
                },
              },
              {
                key: 'cache',
                header: 'Cache hit',
                align: 'right',
                value: (t) => t.cacheHitRatio,
                cell: (t) => (
                  <span className={t.cacheHitRatio !== null && t.cacheHitRatio < 0.95 ? 'delta-bad' : undefined}>
                    {formatPercent(t.cacheHitRatio, 1)}
                  </span>
                ),
              },
              {
                key: 'dead',
                header: 'Dead rows',
                align: 'right',
                value: (t) => t.deadRows,
                cell: (t) => {
                  const share = t.rows > 0 ? t.deadRows / t.rows : null;
                  return (
                    <span
                      className={share !== null && share > 0.1 ? 'delta-bad' : undefined}
                      title={share !== null ? `${formatPercent(share, 1)} of the live rows` : undefined}
                    >
                      {formatCompact(t.deadRows)}
                    </span>
                  );
                },
              },
              {
                key: 'vacuum',
                header: 'Last autovacuum · analyze',
                // both instants in the export; sorted by the vacuum (ISO text sorts as time, missing last)
                value: (t) =>
                  t.lastAutovacuum || t.lastAutoanalyze
                    ? `${t.lastAutovacuum ?? ''} / ${t.lastAutoanalyze ?? ''}`
                    : null,
                cell: (t) => (
                  <div className="nowrap">
                    <div title={formatDateTime(t.lastAutovacuum)}>
                      {t.lastAutovacuum ? formatAgo(t.lastAutovacuum) : <span className="muted">never vacuumed</span>}
                    </div>
                    <div className="muted text-sm" title={formatDateTime(t.lastAutoanalyze)}>
                      {t.lastAutoanalyze ? `analyzed ${formatAgo(t.lastAutoanalyze)}` : 'never analyzed'}
                    </div>
                  </div>
                ),
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}

const INDEX_VIEWS: { key: IndexView; label: string }[] = [
  { key: 'all', label: 'All' },
  { key: 'unused', label: 'Unused' },
  { key: 'dwpilot', label: 'Built by dwpilot' },
  { key: 'invalid', label: 'Invalid' },
];

/** Every index with its size and use: unused ones (space to win back), the indexer's own, invalid ones. */
export function IndexStats({ database }: { database: DatabaseQuery }) {
  const [params, update] = useUrlParams();
  const view = (INDEX_VIEWS.find((v) => v.key === params.get('ix'))?.key ?? 'all') as IndexView;
  const setView = (key: IndexView) => update({ ix: key === 'all' ? null : key });
  const unused = database.data ? unusedBytes(database.data.indexes) : null;
  return (
    <Card
      title="Indexes"
      flush
      testId="index-stats"
      actions={
        <>
          {unused && unused.count > 0 && (
            <span className="text-sm muted">
              {unused.count} unused, {formatBytes(unused.bytes)}
            </span>
          )}
          <Segmented label="Which indexes" value={view} onChange={setView} options={INDEX_VIEWS} />
        </>
      }
    >
      <Loadable
        query={database}
        skeleton={
          <div className="card-body">
            <Skeleton lines={6} />
          </div>
        }
      >
        {(d) => (
          <DataTable<IndexStatistics>
            rows={filterIndexes(d.indexes, view)}
            rowKey={(i) => `${i.schema}.${i.name}`}
            exportName="indexes"
            initialSort={{ key: 'size', descending: true }}
            maxHeight={460}
            emptyTitle={
              view === 'all'
                ? 'No indexes'
                : `No ${INDEX_VIEWS.find((v) => v.key === view)!.label.toLowerCase()} indexes`
            }
            emptyText={
              view === 'unused'
                ? 'Every index was scanned since the statistics were reset.'
                : view === 'dwpilot'
                  ? 'The indexer has built no index that is still in place.'
                  : view === 'invalid'
                    ? 'No index is left invalid by a failed build.'
                    : undefined
            }
            rowAttributes={(i) => {
              const f = indexFlags(i);
              return {
                'data-testid': 'index-row',
                'data-name': i.name,
                'data-unused': String(f.unused),
                'data-dwpilot': String(f.ours),
                className: f.invalid ? 'row-bad' : undefined,
              };
            }}
            columns={[
              {
                key: 'name',
                header: 'Index',
                value: (i) => i.name,
                cell: (i) => {
                  const f = indexFlags(i);
                  return (
                    <div className="index-name">
                      <span className="mono" title={i.name}>
                        {i.name}
                      </span>
                      <span className="row" style={{ gap: 4 }}>
                        {f.ours && (
                          <Badge tone="info" title="Built by the indexer agent">
                            dwpilot
                          </Badge>
                        )}
                        {f.unused && (
                          <Badge tone="warn" title="Never scanned since the statistics were reset">
                            unused
                          </Badge>
                        )}
                        {f.invalid && (
                          <Badge tone="bad" title="Left INVALID by a failed build: not used by the planner">
                            invalid
                          </Badge>
                        )}
                        {i.primary ? <Badge>primary</Badge> : i.unique ? <Badge>unique</Badge> : null}
                      </span>
                    </div>
                  );
                },
              },
              {
                key: 'table',
                header: 'Table',
                value: (i) => `${i.schema}.${i.table}`,
                cell: (i) => (
                  <span className="nowrap">
                    <span className="muted">{i.schema}.</span>
                    {i.table}
                  </span>
                ),
              },
              {
                key: 'size',
                header: 'Size',
                align: 'right',
                className: 'nowrap',
                value: (i) => i.sizeBytes,
                cell: (i) => formatBytes(i.sizeBytes),
              },
              {
                key: 'scans',
                header: 'Scans',
                align: 'right',
                value: (i) => i.scans,
                cell: (i) => formatCompact(i.scans),
              },
              {
                key: 'tuples',
                header: 'Tuples read',
                align: 'right',
                value: (i) => i.tuplesRead,
                cell: (i) => formatCompact(i.tuplesRead),
              },
              {
                key: 'definition',
                header: 'Definition',
                value: (i) => i.definition,
                className: 'sql index-def',
                cell: (i) => <span title={i.definition}>{indexShape(i.definition)}</span>,
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
