import { Fragment, useState } from 'react';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { describeError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import type { IndexerMode, OptimizationSettings } from '../../api/types';
import { useIsAdmin, useSession } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { Badge, ErrorNotice, Loadable, Skeleton } from '../../components/states';
import { useToast } from '../../components/Toasts';
import { formatDateTime, truncate } from '../../shaping/format';
import { groupSettings } from './shaping';

/** The indexer's automatic mode as a switch, and every deciding agent's effective settings. */
export function AutomaticMode({ settings }: { settings: UseQueryResult<OptimizationSettings> }) {
  return (
    <div className="grid">
      <div className="span-4">
        <ModeCard />
      </div>
      <div className="span-8">
        <SettingsCard settings={settings} />
      </div>
    </div>
  );
}

const EXPLAIN: Record<IndexerMode, string> = {
  automatic:
    'The indexer builds what it recommends at the quietest forecast time, verifies it on real executions and drops it again when it did not help.',
  'recommend-only': 'The indexer only recommends: an admin applies or rejects each recommendation above.',
};

function ModeCard() {
  const admin = useIsAdmin();
  const session = useSession();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const mode = useLiveQuery({
    queryKey: ['optimization', 'mode'],
    queryFn: ({ signal }) => endpoints.indexerMode(signal),
    invalidateOn: ['decision'],
    throttleMs: 3000,
  });
  const change = useMutation({
    mutationFn: (next: IndexerMode) =>
      endpoints.setIndexerMode(next, reason.trim() || `switched from the dashboard by ${session.user}`),
    onSuccess: (r) => {
      queryClient.setQueryData(['optimization', 'mode'], r);
      toast('ok', `The indexer is now in ${r.mode} mode (journaled)`);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['optimization'] });
    },
    onError: (e) => toast('bad', `Switching the mode failed: ${describeError(e)}`),
  });
  const current = change.isPending ? change.variables : mode.data?.mode;
  return (
    <Card
      title="Indexer mode"
      testId="indexer-mode"
      actions={current && <Badge tone={current === 'automatic' ? 'ok' : 'info'}>{current}</Badge>}
    >
      {mode.error && !mode.data ? (
        <ErrorNotice error={mode.error} onRetry={() => void mode.refetch()} />
      ) : !current ? (
        <Skeleton lines={3} />
      ) : (
        <div className="stack">
          <label
            className="switch mode-switch"
            title={admin ? undefined : 'Only an admin can switch the mode (your role is analyst)'}
          >
            <input
              type="checkbox"
              role="switch"
              data-testid="mode-switch"
              checked={current === 'automatic'}
              disabled={!admin || change.isPending}
              aria-label="Automatic mode"
              onChange={(e) => change.mutate(e.target.checked ? 'automatic' : 'recommend-only')}
            />
            <strong>{current === 'automatic' ? 'Automatic' : 'Recommend-only'}</strong>
            {change.isPending && <span className="muted text-sm">switching…</span>}
          </label>
          <p className="muted text-sm" style={{ margin: 0 }}>
            {EXPLAIN[current]}
          </p>
          <label className="field">
            <span>Reason for the next switch (journaled)</span>
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              disabled={!admin}
              maxLength={300}
              placeholder={admin ? 'e.g. month-end load: no builds until Monday' : 'admins only'}
              data-testid="mode-reason"
            />
          </label>
          <IndexerNow />
        </div>
      )}
    </Card>
  );
}

/** What the indexer is doing now and its newest decision, from the agents' status. */
function IndexerNow() {
  const agents = useLiveQuery({
    queryKey: ['agents'],
    queryFn: ({ signal }) => endpoints.agents(signal),
    livePollMs: 15_000,
    invalidateOn: ['decision'],
  });
  const indexer = agents.data?.agents.find((a) => a.agent === 'indexer');
  if (!indexer) return null;
  return (
    <dl className="facts mode-now text-sm">
      <dt>now</dt>
      <dd>{indexer.state}</dd>
      <dt>last decision</dt>
      <dd>
        {indexer.lastDecision ? (
          <>
            {truncate(indexer.lastDecision, 160)}{' '}
            <span className="muted" title="workload time">
              · {formatDateTime(indexer.lastDecisionAt)}
            </span>
          </>
        ) : (
          <span className="muted">none yet</span>
        )}
      </dd>
    </dl>
  );
}

function SettingsCard({ settings }: { settings: UseQueryResult<OptimizationSettings> }) {
  return (
    <Card
      title="Thresholds and settings"
      testId="agent-settings"
      footer={
        <span>
          Read-only: these are the effective values of each agent's section in <code>application.conf</code>. Change
          them there and restart the server; only the indexer's mode switches at run time.
        </span>
      }
    >
      <Loadable
        query={settings}
        skeleton={<Skeleton lines={6} />}
        isEmpty={(d) => d.agents.length === 0}
        emptyTitle="No deciding agents"
        emptyText="The server was started without the agents that change the warehouse."
      >
        {(d) => (
          <div className="settings-agents">
            {d.agents.map((a) => (
              <section key={a.agent} className="settings-agent" data-agent={a.agent}>
                <header className="row">
                  <h3>{a.agent}</h3>
                  {a.mode && <Badge tone={a.mode === 'automatic' ? 'ok' : 'info'}>{a.mode}</Badge>}
                </header>
                {groupSettings(a.settings).map((g) => (
                  <div
                    key={g.group}
                    className={
                      g.entries.some((e) => e.threshold) && g.group !== 'general'
                        ? 'settings-group thresholds'
                        : 'settings-group'
                    }
                  >
                    <div className="settings-group-name">
                      {g.group === 'verification' ? 'verification thresholds' : g.group}
                    </div>
                    <dl className="facts">
                      {g.entries.map((e) => (
                        <Fragment key={e.key}>
                          <dt title={e.key} className={e.threshold ? 'threshold' : undefined}>
                            {e.name}
                          </dt>
                          <dd className="mono">{e.value}</dd>
                        </Fragment>
                      ))}
                    </dl>
                  </div>
                ))}
                {Object.keys(a.settings).length === 0 && <span className="muted text-sm">no settings reported</span>}
              </section>
            ))}
          </div>
        )}
      </Loadable>
    </Card>
  );
}
