import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../api/endpoints';
import type { SystemSample } from '../api/types';
import { useWorkloadEstimate } from './LiveFeedProvider';

/**
 * How far workload time runs behind wall time, from a system sample taken at wall time `sampledAt` while the
 * simulated workload's clock read `simulatedAt`; 0 without a simulator (workload time is wall time then).
 */
export function workloadOffsetMs(sample: Pick<SystemSample, 'sampledAt' | 'simulatedAt'> | null | undefined): number {
  if (!sample?.simulatedAt) return 0;
  const wall = Date.parse(sample.sampledAt);
  const workload = Date.parse(sample.simulatedAt);
  return Number.isFinite(wall) && Number.isFinite(workload) ? wall - workload : 0;
}

/**
 * The workload clock's "now" (what the agents' decidedAt, the optimizations' times and the anomalies' detectedAt
 * are measured in), so that "5 min ago" means five minutes of the workload, not a month of simulated past: from the
 * live feed's metric messages, else (feed down) from the newest system sample.
 */
export function useWorkloadNow(): () => number {
  const estimate = useWorkloadEstimate();
  const sample = useQuery({
    queryKey: ['metrics-current'],
    queryFn: ({ signal }) => endpoints.metricsCurrent(signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
  const offset = workloadOffsetMs(sample.data);
  return () => estimate.now(Date.now()) ?? Date.now() - offset;
}
