import { useMemo } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { HealthReport } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { Badge, Loadable, Skeleton } from '../../components/states';
import { formatDateTime, formatTime } from '../../shaping/format';
import { timePairs } from '../../shaping/series';
import { usePalette, type Palette } from '../../components/charts/palette';
import { formatComponentValue, thresholdsOf, scoreRange, splitDetail, statusTone } from './shaping';

function statusColor(status: string, p: Palette): string {
  const tone = statusTone(status);
  return tone === 'ok' ? p.ok : tone === 'warn' ? p.warn : tone === 'bad' ? p.bad : p.muted;
}

/** The score now as a large gauge coloured by its status, and its course over the last 24 hours. */
export function HealthScoreCard({ health }: { health: UseQueryResult<HealthReport> }) {
  return (
    <Card
      title="Health score"
      testId="health-score"
      actions={health.data && <Badge tone={statusTone(health.data.current.status)}>{health.data.current.status}</Badge>}
    >
      <Loadable query={health} skeleton={<Skeleton height={220} />}>
        {(d) => (
          <div className="score-layout">
            <ScoreGauge score={d.current.score} status={d.current.status} />
            <div className="score-history">
              <div className="muted text-sm">Last 24 h · {Math.round(d.bucketSeconds / 60)} min buckets</div>
              {d.history.some((h) => h.score !== null) ? (
                <ScoreHistory history={d.history} />
              ) : (
                <div className="empty text-sm">No history yet: the score is recorded as the observer samples.</div>
              )}
              <ScoreFacts history={d.history} />
            </div>
          </div>
        )}
      </Loadable>
    </Card>
  );
}

function ScoreGauge({ score, status }: { score: number; status: string }) {
  const palette = usePalette();
  const option = useMemo(() => {
    const color = statusColor(status, palette);
    return {
      series: [
        {
          type: 'gauge',
          startAngle: 215,
          endAngle: -35,
          min: 0,
          max: 100,
          radius: '96%',
          center: ['50%', '56%'],
          progress: { show: true, width: 16, roundCap: true, itemStyle: { color } },
          axisLine: { roundCap: true, lineStyle: { width: 16, color: [[1, palette.border]] } },
          pointer: { show: false },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          anchor: { show: false },
          title: { offsetCenter: [0, '36%'], fontSize: 13, color: palette.muted },
          detail: {
            offsetCenter: [0, '2%'],
            fontSize: 46,
            fontWeight: 700,
            color,
            valueAnimation: false,
            formatter: (v: number) => String(Math.round(v)),
          },
          data: [{ value: score, name: 'of 100' }],
        },
      ],
    };
  }, [score, status, palette]);
  return (
    <div className="score-gauge">
      <Chart
        option={option}
        height={200}
        ariaLabel={`Health score ${Math.round(score)} of 100, ${status}`}
        testId="health-gauge"
      />
    </div>
  );
}

function ScoreHistory({ history }: { history: HealthReport['history'] }) {
  const palette = usePalette();
  const option = useMemo(
    () => ({
      grid: { left: 32, right: 12, top: 12, bottom: 24 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(0) : '–') },
      xAxis: { type: 'time', splitLine: { show: false }, axisLabel: { hideOverlap: true, fontSize: 10 } },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { fontSize: 10 } },
      visualMap: {
        show: false,
        seriesIndex: 0,
        dimension: 1,
        pieces: [
          { lt: 50, color: palette.bad },
          { gte: 50, lt: 80, color: palette.warn },
          { gte: 80, color: palette.ok },
        ],
      },
      series: [
        {
          name: 'score',
          type: 'line',
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 2 },
          data: timePairs(
            history,
            (h) => h.bucket,
            (h) => h.score,
          ),
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { type: 'dotted', color: palette.muted },
            data: [{ yAxis: 80 }, { yAxis: 50 }],
          },
        },
      ],
    }),
    [history, palette],
  );
  return (
    <Chart
      option={option}
      height={190}
      exportName="health score history"
      ariaLabel="Health score over the last 24 hours"
    />
  );
}

function ScoreFacts({ history }: { history: HealthReport['history'] }) {
  const range = scoreRange(history);
  return (
    <div className="score-facts text-sm">
      {range && (
        <span>
          24 h low <strong>{Math.round(range.min)}</strong> <span className="muted">at {formatTime(range.minAt)}</span>{' '}
          · high <strong>{Math.round(range.max)}</strong>
        </span>
      )}
      <span className="muted">
        <span className="dot ok" /> healthy ≥ 80 <span className="dot warn" /> degraded ≥ 50{' '}
        <span className="dot bad" /> critical
      </span>
    </div>
  );
}

/** Each input of the score: its own score, the measured value against its thresholds, and its weight in the mean. */
export function HealthComponents({ health }: { health: UseQueryResult<HealthReport> }) {
  return (
    <Card
      title="What the score is made of"
      testId="health-components"
      flush
      footer={
        health.data && (
          <span>
            Scored 100 at the ideal value, 80 at the warning threshold and 50 at the critical one; the score is the
            weighted mean of the measured components. Computed at {formatDateTime(health.data.current.at)}.
          </span>
        )
      }
    >
      <Loadable
        query={health}
        skeleton={
          <div className="card-body">
            <Skeleton lines={8} />
          </div>
        }
        isEmpty={(d) => d.current.components.length === 0}
        emptyTitle="No components"
      >
        {(d) => {
          const totalWeight = d.current.components.filter((c) => c.score !== null).reduce((s, c) => s + c.weight, 0);
          return (
            <table className="data components">
              <thead>
                <tr>
                  <th>Component</th>
                  <th>Score</th>
                  <th className="num" title="The measured value; below it the warning and critical thresholds">
                    Value <span className="muted">(warn · crit)</span>
                  </th>
                  <th>Status</th>
                  <th className="num" title="Share of the weighted mean">
                    Weight
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.current.components.map((c) => (
                  <tr key={c.name} data-testid="health-component" data-name={c.name} data-status={c.status}>
                    <td>
                      <strong>{c.label}</strong>
                      <div className="muted text-sm" title={c.detail}>
                        {splitDetail(c.detail).reading}
                      </div>
                    </td>
                    <td className="score-cell">
                      {c.score === null ? (
                        <span className="muted">–</span>
                      ) : (
                        <div className="score-bar" title={`${c.score.toFixed(0)} of 100`}>
                          <span className="track">
                            <span
                              className={`fill ${statusTone(c.status)}`}
                              style={{ width: `${Math.max(2, c.score)}%` }}
                            />
                          </span>
                          <span className="label">{c.score.toFixed(0)}</span>
                        </div>
                      )}
                    </td>
                    <td className="num">
                      <div className="nowrap">{formatComponentValue(c.value, c.unit)}</div>
                      {thresholdsOf(c) && (
                        <div className="muted text-sm nowrap" title={splitDetail(c.detail).thresholds ?? undefined}>
                          <span className="threshold-warn">
                            {formatComponentValue(thresholdsOf(c)!.warning, c.unit)}
                          </span>
                          {' · '}
                          <span className="threshold-bad">
                            {formatComponentValue(thresholdsOf(c)!.critical, c.unit)}
                          </span>
                        </div>
                      )}
                    </td>
                    <td>
                      <Badge tone={statusTone(c.status)}>{c.status}</Badge>
                    </td>
                    <td className="num nowrap">
                      {c.score === null || totalWeight === 0 ? (
                        <span className="muted">{c.weight}</span>
                      ) : (
                        `${Math.round((c.weight / totalWeight) * 100)} %`
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Loadable>
    </Card>
  );
}
