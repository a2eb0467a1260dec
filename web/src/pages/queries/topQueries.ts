// Top queries: which statistics sort each tab asks the server for, and each fingerprint's share of the time spent.
import type { FingerprintStatistics, StatisticsSort } from '../../api/types';
import type { TopTab } from './filters';

export const TOP_TAB_SPECS: Record<TopTab, { label: string; sort: StatisticsSort; hint: string }> = {
  slowest: { label: 'Slowest', sort: 'p95', hint: 'by p95 time of the successful executions' },
  frequent: { label: 'Most frequent', sort: 'executions', hint: 'by successful executions' },
  total: { label: 'Most total time', sort: 'total', hint: 'by total time spent: where an index pays off most' },
  failed: { label: 'Failed', sort: 'errors', hint: 'by errors and timeouts' },
};

export interface TopRow extends FingerprintStatistics {
  /** This fingerprint's part of the time all listed fingerprints spent, 0..1. */
  share: number;
}

/**
 * The rows of a tab, in the server's order, each with its share of the total time of all fingerprints the server
 * listed (the page asks for up to 500, so this is the whole workload of the range but for the rarest statements).
 * The Failed tab keeps only fingerprints that failed at all.
 */
export function topRows(stats: FingerprintStatistics[], tab: TopTab): TopRow[] {
  const total = stats.reduce((sum, s) => sum + (Number.isFinite(s.totalMs) ? s.totalMs : 0), 0);
  return stats
    .filter((s) => tab !== 'failed' || s.errors > 0)
    .map((s) => ({ ...s, share: total > 0 ? s.totalMs / total : 0 }));
}

/** The share of failing runs of a fingerprint (errors over all its runs), null when it never ran. */
export function errorRate(s: Pick<FingerprintStatistics, 'executions' | 'errors'>): number | null {
  const runs = s.executions + s.errors;
  return runs > 0 ? s.errors / runs : null;
}
