import { useMemo } from 'react';
import { Chart } from './charts/Chart';

export interface GaugeProps {
  label: string;
  /** 0..max; null when not measured. */
  value: number | null;
  max?: number;
  /** Shown under the needle, e.g. "42 %". */
  display: string;
  /** Where the arc turns amber and red, as fractions of max; `invert` when low values are the bad ones. */
  warnAt?: number;
  badAt?: number;
  invert?: boolean;
  height?: number;
  testId?: string;
}

/** A semicircle gauge with green, amber and red bands. */
export function Gauge({ label, value, max = 1, display, warnAt = 0.75, badAt = 0.9, invert, height = 150, testId }: GaugeProps) {
  const option = useMemo(() => {
    const ok = '#16a34a';
    const warn = '#d97706';
    const bad = '#dc2626';
    const bands: [number, string][] = invert
      ? [[badAt, bad], [warnAt, warn], [1, ok]]
      : [[warnAt, ok], [badAt, warn], [1, bad]];
    return {
      series: [{
        type: 'gauge', startAngle: 200, endAngle: -20, min: 0, max, radius: '100%', center: ['50%', '62%'],
        axisLine: { lineStyle: { width: 10, color: bands } },
        pointer: { width: 4, length: '60%' },
        axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
        title: { offsetCenter: [0, '38%'], fontSize: 12 },
        detail: { valueAnimation: false, offsetCenter: [0, '8%'], fontSize: 17, fontWeight: 600, formatter: () => display },
        data: [{ value: value ?? 0, name: label }],
      }],
    };
  }, [label, value, max, display, warnAt, badAt, invert]);
  return <Chart option={option} height={height} testId={testId} ariaLabel={`${label}: ${display}`} />;
}
