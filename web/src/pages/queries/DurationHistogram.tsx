import { useMemo, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { DurationHistogram as Histogram, QueryFilter } from '../../api/types';
import { useSession } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { Segmented } from '../../components/Drawer';
import { LastUpdated } from '../../components/LastUpdated';
import { Loadable, Skeleton } from '../../components/states';
import { formatCount, formatPercent } from '../../shaping/format';
import { usePalette } from '../../components/charts/palette';
import {
  bandFilter,
  bandShares,
  binFilter,
  edgeText,
  histogramBars,
  logHeights,
  selectedCount,
  visibleRange,
  withoutDuration,
  type HistogramBar,
  type Thresholds,
} from './histogram';
import type { QueriesView } from './filters';
import type { UpdateView } from './QueryFilters';

const BAND_LABEL = { fast: 'Fast', moderate: 'Moderate', slow: 'Slow' } as const;

/**
 * How the matching executions' times spread over log-scale bins, coloured by speed band; a bin or band is a filter.
 * It reads every filter but the duration range, which it marks instead (the other bins fade): so another bin can be
 * picked, and a slow range is seen against the whole spread.
 */
export function DurationHistogram({
  filter,
  view,
  update,
}: {
  filter: QueryFilter;
  view: QueriesView;
  update: UpdateView;
}) {
  const thresholds = useSession().thresholds;
  const [scale, setScale] = useState<'linear' | 'log'>('linear');
  const request = useMemo(() => withoutDuration(filter), [filter]);
  const histogram = useLiveQuery({
    queryKey: ['queries-histogram', request],
    queryFn: ({ signal }) => endpoints.histogram(request, signal),
    invalidateOn: ['query'],
    throttleMs: 5000,
    keepPrevious: true,
  });
  return (
    <Card
      title="Duration distribution"
      testId="duration-histogram"
      className="histogram-card"
      actions={
        <>
          <LastUpdated at={histogram.dataUpdatedAt || null} />
          <Segmented
            label="Count axis"
            value={scale}
            onChange={setScale}
            options={[
              { key: 'linear', label: 'Linear' },
              { key: 'log', label: 'Log' },
            ]}
          />
        </>
      }
    >
      <Loadable
        query={histogram}
        skeleton={<Skeleton height={220} />}
        isEmpty={(h) => h.total === 0}
        emptyTitle="No executions match these filters"
        emptyText="Widen the time range or clear a filter; new executions appear here as the workload runs."
      >
        {(h) => (
          <div className="histogram-layout" data-total={h.total}>
            <HistogramChart histogram={h} thresholds={thresholds} view={view} update={update} scale={scale} />
            <BandCounts histogram={h} thresholds={thresholds} view={view} update={update} />
          </div>
        )}
      </Loadable>
    </Card>
  );
}

function HistogramChart({
  histogram,
  thresholds,
  view,
  update,
  scale,
}: {
  histogram: Histogram;
  thresholds: Thresholds;
  view: QueriesView;
  update: UpdateView;
  scale: 'linear' | 'log';
}) {
  const colors = usePalette();
  const bars = useMemo(() => {
    const ranged = view.minMs !== null || view.maxMs !== null;
    return visibleRange(histogramBars(histogram, thresholds, view), 6, (b) => ranged && b.selected);
  }, [histogram, thresholds, view]);
  const option = useMemo(() => {
    const bandColor = { fast: colors.ok, moderate: colors.warn, slow: colors.bad };
    const heights = scale === 'log' ? logHeights(bars.map((b) => b.count)) : bars.map((b) => b.count);
    return {
      grid: { left: 8, right: 16, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => tooltipText(bars[p.dataIndex], histogram.total, thresholds),
      },
      xAxis: {
        type: 'category',
        data: bars.map((b) => b.label),
        axisLabel: { interval: 0, rotate: bars.length > 10 ? 35 : 0, fontSize: 11 },
        axisTick: { alignWithLabel: true },
      },
      yAxis:
        scale === 'log'
          ? { type: 'log', name: 'executions (log)', minorSplitLine: { show: false } }
          : { type: 'value', name: 'executions', minInterval: 1 },
      series: [
        {
          // a transparent full-height column behind each bar, so a short bar is as easy to hover and click as a tall one
          name: 'hit',
          type: 'bar',
          barCategoryGap: '12%',
          barGap: '-100%',
          silent: false,
          emphasis: { disabled: true },
          itemStyle: { color: 'transparent' },
          data: bars.map(() => Math.max(1, ...bars.map((b) => b.count))),
        },
        {
          type: 'bar',
          barCategoryGap: '12%',
          barGap: '-100%',
          data: bars.map((b, i) => ({
            value: heights[i],
            itemStyle: {
              color: bandColor[b.band],
              opacity: b.selected ? 0.9 : 0.25,
              borderColor: b.straddles ? colors.muted : undefined,
              borderType: 'dashed',
              borderWidth: b.straddles ? 1 : 0,
            },
          })),
          label: {
            show: bars.length <= 12,
            position: 'top',
            fontSize: 10,
            color: colors.muted,
            formatter: (p: { value: number | null }) => (p.value ? formatCount(p.value) : ''),
          },
        },
      ],
    };
  }, [bars, colors, scale, histogram.total, thresholds]);
  return (
    <div className="histogram-chart">
      <Chart
        option={option}
        height={230}
        exportName="duration histogram"
        ariaLabel="Execution time histogram"
        onItemClick={({ dataIndex }) => {
          const bar = bars[dataIndex];
          if (bar) update(binFilter(bar, view));
        }}
      />
      <div className="muted histogram-hint">
        Click a bar to narrow the page to its range (again to let go); the chosen range is highlighted against the whole
        spread.
      </div>
    </div>
  );
}

function tooltipText(bar: HistogramBar | undefined, total: number, t: Thresholds): string {
  if (!bar) return '';
  const lines = [
    `<b>${bar.label}</b>`,
    `${formatCount(bar.count)} executions (${formatPercent(total ? bar.count / total : 0)})`,
    `${bar.band}`,
  ];
  if (bar.straddles)
    lines.push(
      `spans a threshold (${edgeText(t.moderateQueryMs)} / ${edgeText(t.slowQueryMs)}): coloured by its lower edge`,
    );
  return lines.join('<br/>');
}

/** The three speed bands' counts, each a filter for its band. */
function BandCounts({
  histogram,
  thresholds,
  view,
  update,
}: {
  histogram: Histogram;
  thresholds: Thresholds;
  view: QueriesView;
  update: UpdateView;
}) {
  const selected = selectedCount(histogramBars(histogram, thresholds, view), view);
  const limits = {
    fast: `< ${edgeText(thresholds.moderateQueryMs)}`,
    moderate: `${edgeText(thresholds.moderateQueryMs)} – ${edgeText(thresholds.slowQueryMs)}`,
    slow: `≥ ${edgeText(thresholds.slowQueryMs)}`,
  };
  return (
    <div className="band-counts" role="group" aria-label="Speed bands">
      <div className="band-total">
        <span className="kpi-value">{formatCount(histogram.total)}</span> <span className="muted">executions</span>
        {selected.count !== null && (
          <div className="muted" data-testid="histogram-selected">
            {selected.exact ? '' : '≈ '}
            {formatCount(selected.count)} in the chosen range (
            {formatPercent(histogram.total ? selected.count / histogram.total : 0, 1)})
          </div>
        )}
      </div>
      {bandShares(histogram).map(({ band, count, share }) => {
        const f = bandFilter(band, thresholds);
        const active = view.minMs === f.minMs && view.maxMs === f.maxMs;
        return (
          <button
            key={band}
            type="button"
            className={`band band-${band}`}
            aria-pressed={active}
            data-testid={`band-${band}`}
            title={active ? 'Show every duration again' : `Keep only the ${band} executions`}
            onClick={() => update(active ? { minMs: null, maxMs: null } : f)}
          >
            <span className="band-name">
              <span className={`dot ${band === 'fast' ? 'ok' : band === 'moderate' ? 'warn' : 'bad'}`} />
              {BAND_LABEL[band]} <span className="muted">{limits[band]}</span>
            </span>
            <span className="band-count">{formatCount(count)}</span>
            <span className="band-bar">
              <span style={{ width: `${Math.round(share * 100)}%` }} />
            </span>
            <span className="muted band-share">{formatPercent(share, 1)}</span>
          </button>
        );
      })}
    </div>
  );
}
