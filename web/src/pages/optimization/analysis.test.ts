import { describe, expect, it } from 'vitest';
import type { AnalysisStatus } from '../../api/types';
import { ANALYSIS_POLL_MS, untilAnalyzed } from './analysis';

function status(over: Partial<AnalysisStatus>): AnalysisStatus {
  return {
    analysisId: 'a-1',
    status: 'running',
    startedAt: '2026-03-02T13:35:00Z',
    finishedAt: null,
    summary: null,
    message: null,
    ...over,
  };
}

/** Answers the given statuses in turn and records the waits between them. */
function scripted(answers: AnalysisStatus[]) {
  const asked: string[] = [];
  const waits: number[] = [];
  return {
    asked,
    waits,
    status: (id: string) => {
      asked.push(id);
      return Promise.resolve(answers[Math.min(asked.length - 1, answers.length - 1)]);
    },
    wait: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe('untilAnalyzed', () => {
  it('polls while the analysis runs and answers the finished one', async () => {
    const done = status({ status: 'done', summary: 'analyzed 12 statements', finishedAt: '2026-03-02T13:36:00Z' });
    const s = scripted([status({}), status({}), done]);
    await expect(untilAnalyzed('a-1', s.status, s.wait)).resolves.toEqual(done);
    expect(s.asked).toEqual(['a-1', 'a-1', 'a-1']);
    expect(s.waits).toEqual([ANALYSIS_POLL_MS, ANALYSIS_POLL_MS]);
  });

  it("fails with the indexer's words", async () => {
    const s = scripted([status({}), status({ status: 'failed', message: 'the indexer is busy with another step' })]);
    await expect(untilAnalyzed('a-1', s.status, s.wait)).rejects.toThrow('the indexer is busy with another step');
  });
});
