import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { Kpi } from '../../components/Kpi';
import { ErrorNotice } from '../../components/states';
import { LastUpdated } from '../../components/LastUpdated';
import {
  formatCompact,
  formatCount,
  formatMs,
  formatNumber,
  formatPercent,
  relativeChange,
} from '../../shaping/format';
import { LiveQueryFeed } from './LiveQueryFeed';
import { PerformanceChart } from './PerformanceChart';
import { ResourceGauges } from './ResourceGauges';
import { AgentStatusCard } from './AgentStatusCard';
import { RecentOptimizations } from './RecentOptimizations';

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function OverviewPage() {
  const overview = useLiveQuery({
    queryKey: ['overview', ZONE],
    queryFn: ({ signal }) => endpoints.overview(ZONE, signal),
    livePollMs: 10_000,
    invalidateOn: ['decision', 'anomaly', 'model'],
    throttleMs: 5_000,
  });
  const o = overview.data;
  const loading = o === undefined;
  const healthTone = !o ? '' : o.health.status === 'healthy' ? 'delta-good' : 'delta-bad';
  return (
    <>
      {overview.error && !o ? <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} /> : null}
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="muted">Wall-clock time in {ZONE}; today since local midnight.</span>
        <LastUpdated at={overview.dataUpdatedAt || null} />
      </div>
      <div className="kpis" data-testid="kpis" data-ready={o ? 'true' : 'false'}>
        <Kpi
          label="Queries today"
          loading={loading}
          testId="kpi-queries-today"
          value={formatCount(o?.queries.today)}
          change={o ? relativeChange(o.queries.today, o.queries.yesterdaySameTime) : undefined}
          sub={o && <span>vs {formatCount(o.queries.yesterdaySameTime)} by this time yesterday</span>}
          help="Executions since midnight against yesterday up to the same time of day"
        />
        <Kpi
          label={`Average time (${o?.latency.windowMinutes ?? 15} min)`}
          loading={loading}
          riseIs="bad"
          value={formatMs(o?.latency.avgMs)}
          change={o ? relativeChange(o.latency.avgMs, o.latency.previousAvgMs) : undefined}
          sub={<span>vs the window before</span>}
          help="Mean execution time of the successful statements of the window"
        />
        <Kpi
          label={`p95 time (${o?.latency.windowMinutes ?? 15} min)`}
          loading={loading}
          riseIs="bad"
          value={formatMs(o?.latency.p95Ms)}
          change={o ? relativeChange(o.latency.p95Ms, o.latency.previousP95Ms) : undefined}
          sub={<span>vs the window before</span>}
        />
        <Kpi
          label="Queries per second"
          loading={loading}
          testId="kpi-qps"
          value={formatNumber(o?.throughput.qps, 2)}
          spark={o?.throughput.perMinute.map((m) => m.count)}
          sub={<span>last 60 s · hour trend</span>}
        />
        <Kpi
          label="Health score"
          loading={loading}
          testId="kpi-health"
          value={
            <Link to="/health" className={healthTone}>
              {o ? Math.round(o.health.score) : '–'}
            </Link>
          }
          sub={o && <span>{o.health.status}</span>}
          help="Weighted score of success rate, latency, resources and anomalies"
        />
        <Kpi
          label="Active optimizations"
          loading={loading}
          value={<Link to="/optimization">{formatCount(o?.optimizations.active)}</Link>}
          sub={o && <span>{formatCount(o.optimizations.byStatus.recommended ?? 0)} awaiting a decision</span>}
        />
        <Kpi
          label="Slow queries today"
          loading={loading}
          riseIs="bad"
          value={
            <Link to={`/queries?minMs=${o?.slowQueries.thresholdMs ?? 1000}`}>{formatCount(o?.slowQueries.today)}</Link>
          }
          sub={
            o && (
              <span>
                ≥ {formatMs(o.slowQueries.thresholdMs)} · {formatCount(o.slowQueries.lastHour)} in the last hour
              </span>
            )
          }
        />
        <Kpi
          label="Cost model accuracy"
          loading={loading}
          value={o?.modelAccuracy.qErrorMedian != null ? `×${formatNumber(o.modelAccuracy.qErrorMedian, 2)}` : '–'}
          sub={
            o && (
              <span>
                {o.modelAccuracy.version
                  ? `median q-error, v${o.modelAccuracy.version}, n ${formatCompact(o.modelAccuracy.n)}`
                  : 'no model serving yet'}
              </span>
            )
          }
          help="Median factor between predicted and measured time over the last hour (1 is perfect)"
        />
        <Kpi
          label="Cache hit rate"
          loading={loading}
          value={formatPercent(o?.cacheHitRatio)}
          sub={<span>PostgreSQL buffer cache</span>}
        />
        <Kpi
          label="Open anomalies"
          loading={loading}
          riseIs="bad"
          value={<Link to="/health">{formatCount(o?.anomalies.unacknowledged)}</Link>}
          sub={o && <span>{formatCount(o.anomalies.unacknowledgedHigh)} high severity</span>}
        />
      </div>
      <div className="grid">
        <div className="span-5">
          <LiveQueryFeed />
        </div>
        <div className="span-7">
          <PerformanceChart />
        </div>
        <div className="span-5">
          <ResourceGauges health={o?.health} />
        </div>
        <div className="span-7">
          <AgentStatusCard />
        </div>
        <div className="span-12">
          <RecentOptimizations />
        </div>
      </div>
    </>
  );
}
