import type { ReactNode } from 'react';
import { formatChange } from '../shaping/format';
import { sparklinePath } from '../shaping/series';

export interface KpiProps {
  label: string;
  value: ReactNode;
  /** Relative change against the comparison period, e.g. 0.12 for +12 %. */
  change?: number | null;
  /** Whether a rise is good news (queries served) or bad news (latency). */
  riseIs?: 'good' | 'bad';
  sub?: ReactNode;
  spark?: number[];
  help?: string;
  loading?: boolean;
  testId?: string;
}

export function Kpi({ label, value, change, riseIs = 'good', sub, spark, help, loading, testId }: KpiProps) {
  const tone =
    change === null || change === undefined || Math.abs(change) < 0.005
      ? ''
      : change > 0 === (riseIs === 'good')
        ? 'delta-good'
        : 'delta-bad';
  return (
    <div className="card kpi" data-testid={testId} title={help}>
      <div className="kpi-label">{label}</div>
      {loading ? (
        <div className="skeleton" style={{ height: 30, width: '60%' }} />
      ) : (
        <div className="kpi-value">{value}</div>
      )}
      <div className="kpi-sub">
        {change !== undefined && <span className={tone}>{formatChange(change ?? null)}</span>}
        {sub}
      </div>
      {spark && spark.length > 1 && (
        <svg className="spark" viewBox="0 0 90 32" preserveAspectRatio="none" aria-hidden="true">
          <path d={sparklinePath(spark, 90, 32)} fill="none" stroke="var(--accent)" strokeWidth="1.5" />
        </svg>
      )}
    </div>
  );
}
