import { useMemo } from 'react';
import { Chart } from './charts/Chart';
import { usePalette } from './charts/palette';

export interface GaugeProps {
  label: string;
  /** 0..max; null when not measured. */
  value: number | null;
  max?: number;
  /** Shown in the middle, e.g. "42 %". */
  display: string;
  /** Where the value turns amber and red, as fractions of max; `invert` when low values are the bad ones. */
  warnAt?: number;
  badAt?: number;
  invert?: boolean;
  height?: number;
  testId?: string;
}

/** Which colour a gauge value takes: green, amber past warnAt, red past badAt (mirrored when low is bad). */
export function gaugeTone(
  fraction: number | null,
  warnAt: number,
  badAt: number,
  invert = false,
): 'ok' | 'warn' | 'bad' | 'none' {
  if (fraction === null || !Number.isFinite(fraction)) return 'none';
  if (invert) return fraction <= badAt ? 'bad' : fraction <= warnAt ? 'warn' : 'ok';
  return fraction >= badAt ? 'bad' : fraction >= warnAt ? 'warn' : 'ok';
}

/** An arc that fills up to the value, coloured by where the value lies against its thresholds. */
export function Gauge({
  label,
  value,
  max = 1,
  display,
  warnAt = 0.75,
  badAt = 0.9,
  invert,
  height = 150,
  testId,
}: GaugeProps) {
  const palette = usePalette();
  const option = useMemo(() => {
    const fraction = value === null ? null : Math.min(1, Math.max(0, value / max));
    const tone = gaugeTone(fraction, warnAt, badAt, invert);
    const colour = tone === 'none' ? palette.muted : palette[tone];
    return {
      series: [
        {
          type: 'gauge',
          startAngle: 210,
          endAngle: -30,
          min: 0,
          max,
          radius: '92%',
          center: ['50%', '56%'],
          progress: { show: true, width: 12, roundCap: true, itemStyle: { color: colour } },
          axisLine: { roundCap: true, lineStyle: { width: 12, color: [[1, 'rgba(148, 163, 184, 0.25)']] } },
          pointer: { show: false },
          anchor: { show: false },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          title: { offsetCenter: [0, '62%'], fontSize: 12 },
          detail: {
            valueAnimation: false,
            offsetCenter: [0, '4%'],
            fontSize: 19,
            fontWeight: 600,
            color: colour,
            formatter: () => display,
          },
          data: [{ value: value ?? 0, name: label }],
        },
      ],
    };
  }, [label, value, max, display, warnAt, badAt, invert, palette]);
  return <Chart option={option} height={height} testId={testId} ariaLabel={`${label}: ${display}`} />;
}
