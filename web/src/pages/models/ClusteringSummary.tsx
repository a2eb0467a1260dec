import { useMemo } from 'react';
import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { Clusters } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { EmptyState, ErrorNotice, Skeleton } from '../../components/states';
import { formatCount, formatMs } from '../../shaping/format';
import { silhouetteBars } from '../../shaping/modelCharts';
import { isNotFound, usePalette } from '../../components/charts/palette';

/** The active clustering in numbers: k, its silhouette, the silhouette of every k tried; the scatter is on the Queries page. */
export function ClusteringSummary() {
  const query = useLiveQuery({
    queryKey: ['ml-clusters'],
    queryFn: ({ signal }) => endpoints.clusters(signal),
    invalidateOn: ['model'],
    throttleMs: 5000,
    fallbackPollMs: 60_000,
  });
  return (
    <Card
      title="Query clustering"
      testId="clustering-summary"
      actions={<Link to="/queries">Cluster scatter on Queries →</Link>}
    >
      {query.data ? (
        <ClusterNumbers data={query.data} />
      ) : isNotFound(query.error) ? (
        <EmptyState title="No clustering yet">{query.error.message}.</EmptyState>
      ) : query.error ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Skeleton height={220} />
      )}
    </Card>
  );
}

function ClusterNumbers({ data }: { data: Clusters }) {
  const palette = usePalette();
  const bars = useMemo(() => silhouetteBars(data.silhouetteByK, data.k), [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => v.toFixed(3) },
      grid: { left: 44, right: 8, top: 24, bottom: 40 },
      xAxis: {
        type: 'category',
        data: bars.map((b) => String(b.k)),
        name: 'k (clusters)',
        nameLocation: 'middle',
        nameGap: 26,
      },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: 'silhouette',
          barMaxWidth: 26,
          data: bars.map((b) => ({
            value: b.value,
            itemStyle: b.chosen ? { color: palette.accent } : { color: palette.muted, opacity: 0.35 },
          })),
        },
      ],
    }),
    [bars, palette],
  );
  const largest = [...data.clusters].sort((a, b) => b.size - a.size)[0];
  return (
    <div className="stack">
      <div className="chart-stats">
        <span>
          <span className="muted">k</span> <strong>{data.k}</strong>
        </span>
        <span>
          <span className="muted">silhouette</span> <strong>{data.silhouette.toFixed(3)}</strong>
        </span>
        <span>
          <span className="muted">fingerprints</span> <strong>{formatCount(data.points.length)}</strong>
        </span>
      </div>
      {bars.length > 0 ? (
        <Chart option={option} height={200} exportName="silhouette by k" ariaLabel="Silhouette by number of clusters" />
      ) : (
        <EmptyState title="No silhouette per k recorded" />
      )}
      {largest && (
        <p className="muted small-print">
          {data.model}: the largest cluster holds {formatCount(largest.size)} fingerprints (
          {formatCount(largest.executions)} executions, mean {formatMs(largest.meanMs)}
          {largest.topTables.length ? `, mostly ${largest.topTables.slice(0, 2).join(', ')}` : ''}).
        </p>
      )}
    </div>
  );
}
