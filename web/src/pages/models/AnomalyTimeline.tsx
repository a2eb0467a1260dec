import { useMemo } from 'react';
import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { Anomaly } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { Loadable, Skeleton } from '../../components/states';
import { formatCount, formatDateTime } from '../../shaping/format';
import { anomalyCounts, anomalyScatter } from '../../shaping/modelCharts';
import { usePalette } from '../../components/charts/palette';

const SAMPLE = 500;

/** Anomalies on a timeline of detection time by kind, coloured by severity, with counts per kind and detector. */
export function AnomalyTimeline() {
  const query = useLiveQuery({
    queryKey: ['anomalies', 'models-page', SAMPLE],
    queryFn: ({ signal }) => endpoints.anomalies({ size: SAMPLE }, signal),
    invalidateOn: ['anomaly'],
    throttleMs: 3000,
    fallbackPollMs: 15_000,
  });
  return (
    <Card
      title="Anomalies"
      testId="anomaly-timeline"
      actions={<Link to="/health">Acknowledge on the Health page →</Link>}
      footer={
        query.data && query.data.total > 0
          ? `The newest ${formatCount(query.data.items.length)} of ${formatCount(query.data.total)} anomalies, by detection time (workload time).`
          : undefined
      }
    >
      <Loadable
        query={query}
        skeleton={<Skeleton height={260} />}
        isEmpty={(d) => d.items.length === 0}
        emptyTitle="No anomalies detected"
        emptyText="The anomaly watcher and the detector flag slow queries, new query shapes, failure bursts and metric spikes here as they happen."
      >
        {(d) => (
          <div className="anomaly-layout">
            <AnomalyScatter anomalies={d.items} />
            <AnomalyCounts anomalies={d.items} />
          </div>
        )}
      </Loadable>
    </Card>
  );
}

function AnomalyScatter({ anomalies }: { anomalies: Anomaly[] }) {
  const palette = usePalette();
  const byId = useMemo(() => new Map(anomalies.map((a) => [a.id, a])), [anomalies]);
  const option = useMemo(() => {
    const { kinds, series } = anomalyScatter(anomalies);
    const colors: Record<string, string> = { high: palette.bad, medium: palette.warn, low: palette.accent };
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: [number, number, number] }) => {
          const a = byId.get(p.data[2]);
          if (!a) return '';
          return `<b>${a.kind.replace(/_/g, ' ')}</b> · ${a.severity} · ${a.detector}<br/>${formatDateTime(a.detectedAt)}<br/>${escapeHtml(a.description)}`;
        },
        extraCssText: 'max-width: 420px; white-space: normal;',
      },
      legend: { top: 0, right: 36 },
      grid: { left: 110, right: 16, top: 32, bottom: 40 },
      xAxis: {
        type: 'time',
        name: 'workload time',
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: {
          hideOverlap: true,
          formatter: { year: '{yyyy}', month: '{MMM}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}' },
        },
      },
      yAxis: { type: 'category', data: kinds.map((k) => k.replace(/_/g, ' ')), splitLine: { show: true } },
      series: series.map((s) => ({
        name: s.severity,
        type: 'scatter',
        data: s.points,
        symbolSize: s.severity === 'high' ? 11 : s.severity === 'medium' ? 9 : 7,
        itemStyle: { color: colors[s.severity], opacity: 0.8 },
      })),
    };
  }, [anomalies, byId, palette]);
  return (
    <Chart
      option={option}
      height={Math.max(200, 70 + 34 * new Set(anomalies.map((a) => a.kind)).size)}
      exportName="anomalies"
      ariaLabel="Anomalies by kind over time"
    />
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function AnomalyCounts({ anomalies }: { anomalies: Anomaly[] }) {
  const counts = useMemo(() => anomalyCounts(anomalies), [anomalies]);
  return (
    <div className="anomaly-counts">
      <table className="data compact">
        <thead>
          <tr>
            <th>kind</th>
            <th className="num">all</th>
            <th className="num">high</th>
            <th className="num">medium</th>
            <th className="num">low</th>
          </tr>
        </thead>
        <tbody>
          {counts.byKind.map((k) => (
            <tr key={k.kind}>
              <td>{k.kind.replace(/_/g, ' ')}</td>
              <td className="num">
                <strong>{formatCount(k.total)}</strong>
              </td>
              <td className="num sev-high">{k.high || ''}</td>
              <td className="num sev-medium">{k.medium || ''}</td>
              <td className="num sev-low">{k.low || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data compact">
        <thead>
          <tr>
            <th>detector</th>
            <th className="num">anomalies</th>
          </tr>
        </thead>
        <tbody>
          {counts.byDetector.map((d) => (
            <tr key={d.detector}>
              <td className="mono">{d.detector}</td>
              <td className="num">{formatCount(d.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
