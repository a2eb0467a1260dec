import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { Clusters } from '../../api/types';
import { useIsAdmin, useSession } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { LastUpdated } from '../../components/LastUpdated';
import { useToast } from '../../components/Toasts';
import { EmptyState, ErrorNotice, Skeleton } from '../../components/states';
import { formatCount, formatMs, formatNumber, truncate } from '../../shaping/format';
import { speedOf } from '../../shaping/live';
import { CLUSTER_PALETTE } from './clusters';
import { isNotFound, usePalette } from '../../components/charts/palette';
import { clusterSeries, escapeHtml, silhouetteSteps, silhouetteWords } from './clusters';

const colorOf = (cluster: number) =>
  CLUSTER_PALETTE[((cluster % CLUSTER_PALETTE.length) + CLUSTER_PALETTE.length) % CLUSTER_PALETTE.length];

/**
 * The statements grouped by the clustering model (k-means over their features), drawn in its 2-D projection: near
 * points are statements of a kind. A point narrows the page to its fingerprint.
 */
export function QueryClusters({
  selectedFingerprint,
  onPick,
}: {
  selectedFingerprint: string;
  onPick: (fingerprint: string) => void;
}) {
  const clusters = useLiveQuery({
    queryKey: ['ml-clusters'],
    queryFn: ({ signal }) => endpoints.clusters(signal),
    invalidateOn: ['model'],
    livePollMs: 60_000,
    fallbackPollMs: 30_000,
  });
  const untrained = isNotFound(clusters.error);
  const data = clusters.data;
  return (
    <Card
      title="Query clustering"
      testId="cluster-scatter"
      actions={
        <>
          {data && (
            <span className="muted nowrap" title={data.model}>
              {data.model}
            </span>
          )}
          <LastUpdated at={clusters.dataUpdatedAt || null} />
        </>
      }
    >
      <div data-state={data ? 'ready' : untrained ? 'untrained' : clusters.error ? 'error' : 'loading'}>
        {data ? (
          data.points.length === 0 ? (
            <EmptyState title="The clustering has no statements">
              It was trained on a workload without fingerprints; retrain once statements have run.
            </EmptyState>
          ) : (
            <ClusterView data={data} selectedFingerprint={selectedFingerprint} onPick={onPick} />
          )
        ) : untrained ? (
          <Untrained />
        ) : clusters.error ? (
          <ErrorNotice error={clusters.error} onRetry={() => void clusters.refetch()} />
        ) : (
          <Skeleton height={280} />
        )}
      </div>
    </Card>
  );
}

function Untrained() {
  const admin = useIsAdmin();
  const toast = useToast();
  const train = useMutation({
    mutationFn: () => endpoints.train(['cluster']),
    onSuccess: (r) => toast('ok', r.message || 'Training of the query clustering started'),
    onError: (e) => toast('bad', `Could not start training: ${describeError(e)}`),
  });
  return (
    <EmptyState title="No query clustering trained yet">
      <p className="muted" style={{ maxWidth: 560, margin: '6px auto 12px' }}>
        The clustering groups statements by shape and cost (k-means, with k chosen by silhouette). Train it on the{' '}
        <Link to="/models">Models</Link> page, run <code>dwpilot train --model cluster</code>, or{' '}
        {admin ? 'start it here' : 'ask an admin to start it here'}; the scatter appears as soon as a version is active.
      </p>
      <button
        className="button primary"
        onClick={() => train.mutate()}
        disabled={!admin || train.isPending}
        data-testid="train-clusters"
        title={admin ? 'Train the query clustering on the logged executions' : 'Only an admin can train models'}
      >
        {train.isPending ? 'Starting…' : 'Train the clustering'}
      </button>
    </EmptyState>
  );
}

function ClusterView({
  data,
  selectedFingerprint,
  onPick,
}: {
  data: Clusters;
  selectedFingerprint: string;
  onPick: (fingerprint: string) => void;
}) {
  const thresholds = useSession().thresholds;
  const [focus, setFocus] = useState<number | null>(null);
  const steps = silhouetteSteps(data);
  const best = Math.max(0.01, ...steps.map((s) => s.silhouette));
  return (
    <div className="grid cluster-layout">
      <div className="span-8">
        <ClusterChart data={data} selectedFingerprint={selectedFingerprint} focus={focus} onPick={onPick} />
        <div className="muted histogram-hint">
          Hover a point for its statement; click it to list its executions. Click a cluster's card to bring it forward.
        </div>
      </div>
      <div className="span-4 stack">
        <div className="silhouette" data-testid="cluster-k">
          <div>
            <strong>k = {data.k}</strong>{' '}
            <span className="muted">
              · silhouette {formatNumber(data.silhouette, 2)} ({silhouetteWords(data.silhouette)})
            </span>
          </div>
          {steps.length > 1 && (
            <div className="k-steps" title="Silhouette of each k tried (higher: better separated clusters)">
              {steps.map((s) => (
                <span
                  key={s.k}
                  className={s.chosen ? 'k-step chosen' : 'k-step'}
                  title={`k = ${s.k}: ${formatNumber(s.silhouette, 3)}`}
                >
                  <span
                    className="k-bar"
                    style={{ height: `${Math.max(3, Math.round((Math.max(0, s.silhouette) / best) * 40))}px` }}
                  />
                  <span className="k-label">{s.k}</span>
                </span>
              ))}
            </div>
          )}
        </div>
        <ul className="cluster-list" aria-label="Clusters">
          {[...data.clusters]
            .sort((a, b) => a.id - b.id)
            .map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={focus === c.id ? 'cluster-item focused' : 'cluster-item'}
                  aria-pressed={focus === c.id}
                  onClick={() => setFocus(focus === c.id ? null : c.id)}
                  data-testid="cluster-profile"
                >
                  <span className="cluster-name">
                    <span className="dot" style={{ background: colorOf(c.id) }} /> Cluster {c.id}
                    <span className="muted">
                      {formatCount(c.size)} statements · {formatCount(c.executions)} runs
                    </span>
                  </span>
                  <span className="cluster-facts">
                    <span>
                      mean <strong className={`speed-${speedOf(c.meanMs, thresholds)}`}>{formatMs(c.meanMs)}</strong>
                    </span>
                    <span>
                      complexity <strong>{formatNumber(c.meanComplexity, 1)}</strong>
                    </span>
                  </span>
                  {c.topTables.length > 0 && (
                    <span className="mono muted cluster-tables">{c.topTables.slice(0, 3).join(', ')}</span>
                  )}
                </button>
              </li>
            ))}
        </ul>
      </div>
    </div>
  );
}

function ClusterChart({
  data,
  selectedFingerprint,
  focus,
  onPick,
}: {
  data: Clusters;
  selectedFingerprint: string;
  focus: number | null;
  onPick: (fingerprint: string) => void;
}) {
  const colors = usePalette();
  const series = useMemo(() => clusterSeries(data, selectedFingerprint), [data, selectedFingerprint]);
  const option = useMemo(
    () => ({
      legend: { top: 0, left: 0, itemWidth: 10, itemHeight: 10, icon: 'circle' },
      grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: {
        trigger: 'item',
        confine: true,
        extraCssText: 'max-width: 420px; white-space: normal;',
        formatter: (p: { seriesName: string; data: { fingerprint: string; text: string | null } }) =>
          `<b>${escapeHtml(p.seriesName)}</b> · <span style="font-family: monospace">${escapeHtml(p.data.fingerprint)}</span><br/>` +
          `<span style="font-family: monospace; font-size: 11px">${escapeHtml(truncate(p.data.text ?? '(no text logged)', 220))}</span>`,
      },
      // the projection's axes have no unit or meaning of their own: only nearness counts
      xAxis: {
        type: 'value',
        scale: true,
        axisLabel: { show: false },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { show: false },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: series.map((s) => ({
        name: s.name,
        type: 'scatter',
        z: focus === s.cluster ? 3 : 2,
        itemStyle: { color: colorOf(s.cluster), opacity: focus === null || focus === s.cluster ? 0.85 : 0.12 },
        data: s.points.map((p) => ({
          value: p.value,
          fingerprint: p.fingerprint,
          text: p.text,
          symbolSize: p.selected ? 18 : 9,
          itemStyle: p.selected ? { borderColor: colors.text, borderWidth: 2, opacity: 1 } : undefined,
        })),
      })),
    }),
    [series, focus, colors],
  );
  return (
    <Chart
      option={option}
      height={320}
      exportName="query clusters"
      ariaLabel="Statements in the clustering's 2-D projection"
      onItemClick={({ data: d }) => {
        const fingerprint = (d as { fingerprint?: string })?.fingerprint;
        if (fingerprint) onPick(fingerprint);
      }}
    />
  );
}
