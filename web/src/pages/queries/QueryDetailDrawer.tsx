import { useQuery } from '@tanstack/react-query';
import { isNotFound } from '../../components/charts/palette';
import { endpoints } from '../../api/endpoints';
import type { LoggedQuery, PlanJson } from '../../api/types';
import { useSession } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { Drawer } from '../../components/Drawer';
import { SqlView } from '../../components/SqlView';
import { Badge, ErrorNotice, Skeleton } from '../../components/states';
import { formatAgo, formatCount, formatDateTime, formatMs } from '../../shaping/format';
import { speedOf } from '../../shaping/live';
import { predictionVerdict } from './detail';
import { queryStatusTone } from './history';
import { PlanSection } from './PlanSection';
import { FingerprintStats, FingerprintTimeline, OptimizationsFor, PredictionsFor } from './FingerprintPanels';
import type { QueriesView } from './filters';

/**
 * One execution in full, over the list: its SQL, what happened, the plan of its fingerprint, and how that statement
 * behaves over time — speed, the cost model's predictions and what the agents did about it.
 */
export function QueryDetailDrawer({
  queryId,
  onClose,
  onOpen,
  narrow,
}: {
  queryId: number;
  onClose: () => void;
  onOpen: (id: number) => void;
  /** Closes the drawer and narrows the list (to a fingerprint, a table). */
  narrow: (patch: Partial<QueriesView>) => void;
}) {
  const detail = useQuery({
    queryKey: ['query', queryId],
    queryFn: ({ signal }) => endpoints.query(queryId, signal),
  });
  const q = detail.data?.query;
  return (
    <Drawer
      testId="query-detail"
      onClose={onClose}
      title={
        <h2>
          Execution #{queryId} {q && <Badge tone={queryStatusTone(q.status)}>{q.status}</Badge>}
        </h2>
      }
      actions={
        q?.fingerprint ? (
          <button
            className="button small"
            data-testid="fingerprint-executions"
            onClick={() => narrow({ fingerprint: q.fingerprint! })}
            title="Close this and list every execution of the same statement"
          >
            All executions of this fingerprint
          </button>
        ) : undefined
      }
    >
      {detail.data === undefined ? (
        detail.error ? (
          <ErrorNotice
            error={detail.error}
            onRetry={isNotFound(detail.error) ? undefined : () => void detail.refetch()}
          />
        ) : (
          <Skeleton lines={8} height={18} />
        )
      ) : (
        <DetailBody query={detail.data.query} plan={detail.data.plan} onOpen={onOpen} narrow={narrow} />
      )}
    </Drawer>
  );
}

function DetailBody({
  query: q,
  plan,
  onOpen,
  narrow,
}: {
  query: LoggedQuery;
  plan: PlanJson | null;
  onOpen: (id: number) => void;
  narrow: (patch: Partial<QueriesView>) => void;
}) {
  return (
    <div className="stack detail" data-query-id={q.queryId} style={{ gap: 16 }}>
      <SqlView text={q.queryText} maxHeight={240} />
      {q.status !== 'ok' && (
        <div className="notice" role="alert" data-testid="query-error">
          <span>
            <strong>{q.status === 'timeout' ? 'Timed out' : q.status === 'rejected' ? 'Rejected' : 'Failed'}</strong>
            {q.errorCode && (
              <>
                {' '}
                · SQLSTATE <code>{q.errorCode}</code>
              </>
            )}
            {q.errorMessage && <> · {q.errorMessage}</>}
          </span>
        </div>
      )}
      <div className="grid">
        <div className="span-6">
          <Facts query={q} narrow={narrow} />
        </div>
        <div className="span-6">
          {q.fingerprint ? (
            <FingerprintStats fingerprint={q.fingerprint} />
          ) : (
            <Card title="Its statement">
              <p className="muted">
                This execution has no fingerprint (it could not be parsed), so it has no statistics, plan or history.
              </p>
            </Card>
          )}
        </div>
      </div>
      <PlanSection sql={q.queryText} captured={plan} statementKind={q.statementKind} />
      {q.fingerprint && (
        <>
          <div className="grid">
            <div className="span-6">
              <FingerprintTimeline fingerprint={q.fingerprint} />
            </div>
            <div className="span-6">
              <PredictionsFor fingerprint={q.fingerprint} currentId={q.queryId} onOpen={onOpen} />
            </div>
          </div>
          <OptimizationsFor fingerprint={q.fingerprint} />
        </>
      )}
    </div>
  );
}

function Facts({ query: q, narrow }: { query: LoggedQuery; narrow: (patch: Partial<QueriesView>) => void }) {
  const thresholds = useSession().thresholds;
  const speed = speedOf(q.executionTimeMs, thresholds);
  const verdict = q.status === 'ok' ? predictionVerdict(q.predictedTimeMs, q.executionTimeMs) : null;
  return (
    <Card title="This execution" testId="query-facts">
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Badge tone={queryStatusTone(q.status)}>{q.status}</Badge>
          {q.errorCode && <span className="muted"> SQLSTATE {q.errorCode}</span>}
        </dd>
        <dt>Time</dt>
        <dd>
          <strong className={q.status === 'ok' ? `speed-${speed}` : undefined}>{formatMs(q.executionTimeMs)}</strong>
          {q.status === 'ok' && q.executionTimeMs !== null && <span className="muted"> · {speed}</span>}
        </dd>
        <dt>Queue time</dt>
        <dd>{formatMs(q.queueTimeMs)}</dd>
        <dt>Predicted</dt>
        <dd data-testid="prediction">
          {formatMs(q.predictedTimeMs)}
          {verdict && (
            <>
              {' '}
              ·{' '}
              <span className={`q-error ${verdict.tone}`} title={`actual / predicted = ${verdict.ratio.toFixed(2)}`}>
                {verdict.text}
              </span>
            </>
          )}
          {q.predictedTimeMs === null && <span className="muted"> (no cost model was serving)</span>}
        </dd>
        <dt>Rows</dt>
        <dd>
          {formatCount(q.rowsReturned)}
          {q.truncated && (
            <>
              {' '}
              <Badge tone="warn" title="The result was cut at the row or byte limit">
                truncated
              </Badge>
            </>
          )}
        </dd>
        <dt>Kind</dt>
        <dd>{q.statementKind ?? '–'}</dd>
        <dt>Tables</dt>
        <dd className="row" style={{ gap: 4 }}>
          {q.tablesAccessed.length === 0
            ? '–'
            : q.tablesAccessed.map((t) => (
                <button
                  key={t}
                  className="chip mono"
                  title={`List the executions that read ${t}`}
                  onClick={() => narrow({ table: t })}
                >
                  {t}
                </button>
              ))}
        </dd>
        <dt>User</dt>
        <dd>
          <button
            className="link-button"
            title="List this user's executions"
            onClick={() => narrow({ user: q.userId })}
          >
            {q.userId}
          </button>{' '}
          <span className="muted">({q.userRole})</span>
        </dd>
        <dt>Fingerprint</dt>
        <dd className="mono">{q.fingerprint ?? '–'}</dd>
        <dt>Executed</dt>
        <dd>
          {formatDateTime(q.executedAt)} <span className="muted">({formatAgo(q.executedAt)}, wall clock)</span>
        </dd>
        <dt>Workload time</dt>
        <dd>
          {q.simulatedAt ? formatDateTime(q.simulatedAt) : <span className="muted">– (not part of a simulation)</span>}
        </dd>
      </dl>
    </Card>
  );
}
