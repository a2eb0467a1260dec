import { useMemo } from 'react';
import type { Decision } from '../../api/types';
import { Card } from '../../components/Card';
import { Chart } from '../../components/charts/Chart';
import { EmptyState } from '../../components/states';
import { agentColor, agentLabel, activityByAgent } from './decisions';

function bucketLabel(ms: number): string {
  return ms >= 3_600_000 ? 'hour' : `${ms / 60_000} min`;
}

/** Decisions per agent over wall time, stacked, from the loaded decisions: who is busy, and when. */
export function ActivityChart({ decisions, onAgent }: { decisions: Decision[]; onAgent: (agent: string) => void }) {
  const activity = useMemo(() => activityByAgent(decisions), [decisions]);
  const option = useMemo(() => {
    const multiDay =
      activity.buckets.length > 0 &&
      new Date(activity.buckets[0]).toDateString() !==
        new Date(activity.buckets[activity.buckets.length - 1]).toDateString();
    const labels = activity.buckets.map((t) => {
      const d = new Date(t);
      const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
      return multiDay ? `${d.toLocaleDateString('en-CA').slice(5)} ${time}` : time;
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, left: 0, right: 0, itemWidth: 12, itemHeight: 8, itemGap: 8, textStyle: { fontSize: 11 } },
      grid: { left: 34, right: 8, top: 24, bottom: activity.series.length > 3 ? 62 : 44 },
      xAxis: { type: 'category', data: labels, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: activity.series.map((s) => ({
        name: agentLabel(s.agent),
        type: 'bar',
        stack: 'decisions',
        data: s.counts,
        itemStyle: { color: agentColor(s.agent) },
        emphasis: { focus: 'series' },
        barMaxWidth: 28,
      })),
    };
  }, [activity]);
  const onItemClick = (item: { seriesIndex: number }) => {
    const agent = activity.series[item.seriesIndex]?.agent;
    if (agent) onAgent(agent);
  };
  return (
    <Card
      title="Activity"
      testId="decision-activity"
      footer={`Decisions per ${bucketLabel(activity.bucketMs)} of wall time, from the ${decisions.length} loaded; click a bar to follow its agent.`}
    >
      {activity.buckets.length === 0 ? (
        <EmptyState title="No activity to draw">
          The chart stacks the loaded decisions per agent as they arrive.
        </EmptyState>
      ) : (
        <Chart
          option={option}
          height={240}
          exportName="agent activity"
          onItemClick={onItemClick}
          ariaLabel="Decisions per agent over time"
        />
      )}
    </Card>
  );
}
