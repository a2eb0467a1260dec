import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { describeError } from '../../api/client';
import type { PlanJson } from '../../api/types';
import { Card } from '../../components/Card';
import { Segmented } from '../../components/Drawer';
import { PlanTree } from '../../components/PlanTree';
import { useToast } from '../../components/Toasts';
import { formatNumber } from '../../shaping/format';
import { planTree } from '../../shaping/plan';

/**
 * The plan of the execution's statement: the one the plan sampler captured for its fingerprint, or a fresh EXPLAIN
 * of this very text (which shows whether an index built since then changed it).
 */
export function PlanSection({
  sql,
  captured,
  statementKind,
}: {
  sql: string;
  captured: PlanJson | null;
  statementKind: string | null;
}) {
  const toast = useToast();
  const [fresh, setFresh] = useState<{ plan: PlanJson; at: number } | null>(null);
  const [showing, setShowing] = useState<'captured' | 'fresh'>('captured');
  const explain = useMutation({
    mutationFn: () => endpoints.explain(sql),
    onSuccess: (r) => {
      setFresh({ plan: r.plan, at: Date.now() });
      setShowing('fresh');
      const before = planTree(captured)?.totalCost;
      const now = planTree(r.plan)?.totalCost;
      toast(
        'ok',
        before && now
          ? `Explained now: estimated cost ${formatNumber(now, 1)} (captured plan: ${formatNumber(before, 1)})`
          : `Explained now${now ? `: estimated cost ${formatNumber(now, 1)}` : ''}`,
      );
    },
    onError: (e) => toast('bad', `EXPLAIN failed: ${describeError(e)}`),
  });
  const plan = showing === 'fresh' && fresh ? fresh.plan : captured;
  return (
    <Card
      title="Plan"
      testId="query-plan"
      actions={
        <>
          {fresh && (
            <Segmented
              label="Which plan"
              value={showing}
              onChange={setShowing}
              options={[
                { key: 'captured', label: 'Captured' },
                { key: 'fresh', label: 'Explained now' },
              ]}
            />
          )}
          <button
            className="button small primary"
            data-testid="explain-now"
            onClick={() => explain.mutate()}
            disabled={explain.isPending}
            title="Run EXPLAIN (without ANALYZE: the statement is planned, not executed) on this text now"
          >
            {explain.isPending ? 'Explaining…' : 'Explain now'}
          </button>
        </>
      }
      footer={
        showing === 'fresh' && fresh
          ? `EXPLAIN of this execution's text, ${new Date(fresh.at).toLocaleTimeString('en-GB')}: estimates only, nothing was run.`
          : "The newest plan the plan sampler captured for this fingerprint (EXPLAIN FORMAT JSON). Bars: each node's own share of the cost."
      }
    >
      <PlanTree plan={plan} />
      {!plan && (
        <p className="muted center">
          “Explain now” plans this text on the spot
          {statementKind && statementKind !== 'select' ? ` (a ${statementKind} is planned, never run)` : ''}.
        </p>
      )}
    </Card>
  );
}
