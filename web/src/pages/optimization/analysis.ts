// Waiting for a workload analysis started on demand: the server answers at once and the analysis runs on (tested in
// analysis.test.ts).
import type { AnalysisStatus } from '../../api/types';

/** How often the dashboard asks whether an analysis is done. */
export const ANALYSIS_POLL_MS = 1000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asks for an analysis's status until it is no longer running; resolves with the finished analysis and rejects with
 * the indexer's words when it failed. The server ends a running analysis itself (it gives up on the indexer after a
 * timeout), so this ends too.
 */
export async function untilAnalyzed(
  id: string,
  status: (id: string) => Promise<AnalysisStatus>,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<AnalysisStatus> {
  for (;;) {
    const s = await status(id);
    if (s.status === 'done') {
      return s;
    }
    if (s.status === 'failed') {
      throw new Error(s.message ?? 'the analysis failed');
    }
    await wait(ANALYSIS_POLL_MS);
  }
}
