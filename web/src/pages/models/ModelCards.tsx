import type { UseQueryResult } from '@tanstack/react-query';
import type { Accuracy, ModelPerformance, ModelVersion, TrainingRun } from '../../api/types';
import { useIsAdmin } from '../../auth/SessionGate';
import { Badge, ErrorNotice, Skeleton } from '../../components/states';
import { num } from '../../shaping/facts';
import { formatAgo, formatCount, formatDateTime, formatMs, formatNumber } from '../../shaping/format';
import { MODEL_INFO, MODEL_NAMES, modelMetrics, modelStatus, type ModelName } from '../../shaping/models';
import type { Training } from './useTraining';

/** A card per model: what serves, how it was trained, its key test metrics against its baselines, and Retrain. */
export function ModelCards({
  models,
  performance,
  runs,
  training,
  onVersions,
}: {
  models: UseQueryResult<{ models: ModelVersion[] }>;
  performance: UseQueryResult<ModelPerformance>;
  runs: TrainingRun[];
  training: Training;
  onVersions: (model: ModelName) => void;
}) {
  if (!models.data) {
    return models.error ? (
      <ErrorNotice error={models.error} onRetry={() => void models.refetch()} />
    ) : (
      <div className="model-cards">
        {MODEL_NAMES.map((m) => (
          <div key={m} className="card model-card">
            <Skeleton lines={6} />
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="model-cards">
      {MODEL_NAMES.map((name) => (
        <ModelCard
          key={name}
          name={name}
          versions={models.data.models}
          performance={performance.data}
          lastRun={
            runs.filter((r) => r.model === name).sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0] ??
            null
          }
          training={training.isTraining(name)}
          onRetrain={() => training.retrain([name])}
          onVersions={() => onVersions(name)}
        />
      ))}
    </div>
  );
}

function ModelCard({
  name,
  versions,
  performance,
  lastRun,
  training,
  onRetrain,
  onVersions,
}: {
  name: ModelName;
  versions: ModelVersion[];
  performance: ModelPerformance | undefined;
  lastRun: TrainingRun | null;
  training: boolean;
  onRetrain: () => void;
  onVersions: () => void;
}) {
  const admin = useIsAdmin();
  const info = MODEL_INFO[name];
  const status = modelStatus(name, performance?.serving ?? [], versions);
  const shown =
    status.active ?? versions.filter((v) => v.name === name).sort((a, b) => b.version - a.version)[0] ?? null;
  const metrics = shown ? modelMetrics(name, shown.metrics) : null;
  const count = versions.filter((v) => v.name === name).length;
  return (
    <article className="card model-card" data-testid="model-card" data-model={name} data-status={status.status}>
      <header className="model-card-head">
        <h2>{info.title}</h2>
        <Badge tone={status.status === 'serving' ? 'ok' : status.status === 'fallback' ? 'warn' : 'neutral'}>
          {status.label}
        </Badge>
      </header>
      <p className="muted model-what">{info.what}</p>
      {shown ? (
        <>
          <dl className="facts model-facts">
            <dt>version</dt>
            <dd>
              v{shown.version} · {shown.algorithm}
              {!shown.active && <span className="muted"> (not active)</span>}
            </dd>
            <dt>trained</dt>
            <dd title={formatDateTime(shown.createdAt)}>{formatAgo(shown.createdAt)}</dd>
            <dt>training data</dt>
            <dd>
              {formatCount(shown.trainingDataSize)}{' '}
              {name === 'workload_forecast' ? 'buckets' : name === 'query_clusters' ? 'fingerprints' : 'executions'}
              {shown.trainingTimeMs !== null && <span className="muted"> · {formatMs(shown.trainingTimeMs)}</span>}
            </dd>
          </dl>
          {metrics && metrics.headlines.length > 0 && (
            <div className="model-headlines">
              {metrics.headlines.map((h) => (
                <div key={h.label} className="model-headline">
                  <span className="muted">{h.label}</span>
                  <strong className={h.wins === null ? '' : h.wins ? 'delta-good' : 'delta-bad'}>{h.value}</strong>
                  {h.against && <span className="muted against">{h.against}</span>}
                </div>
              ))}
            </div>
          )}
        </>
      ) : (
        <p className="model-empty">
          No version trained yet: {info.baseline} serves until the trainer has enough data (it retrains on new data,
          drift and a schedule), or an admin retrains now.
        </p>
      )}
      {lastRun && lastRun.finishedAt && lastRun.status !== 'succeeded' && (
        <p
          className={`model-last-run ${lastRun.status === 'failed' ? 'failed' : ''}`}
          title={lastRun.message ?? undefined}
        >
          Last training {formatAgo(lastRun.finishedAt)} {lastRun.status === 'failed' ? 'failed' : 'was kept back'}:{' '}
          {lastRun.message}
        </p>
      )}
      {name === 'query_cost' && performance && (
        <OnlineAccuracy hour={performance.costLastHour} day={performance.costLastDay} />
      )}
      <footer className="model-card-foot">
        <button
          className="button small"
          onClick={onRetrain}
          disabled={!admin || training}
          data-testid="retrain-button"
          data-model={name}
          title={
            !admin
              ? 'Only an admin can retrain models'
              : training
                ? 'Training now: its outcome arrives on the live feed'
                : `Train a new ${info.short} model now; it replaces the serving one only if it tests better`
          }
        >
          {training ? (
            <>
              <span className="spinner" aria-hidden="true" /> training…
            </>
          ) : (
            'Retrain'
          )}
        </button>
        {count > 0 && (
          <button className="button small" onClick={onVersions}>
            {count} version{count === 1 ? '' : 's'} ↓
          </button>
        )}
      </footer>
    </article>
  );
}

/** The serving cost model measured against what really happened, over the last hour and day of workload time. */
function OnlineAccuracy({ hour, day }: { hour: Accuracy; day: Accuracy }) {
  const row = (label: string, a: Accuracy) => {
    const median = num(a.qErrorMedian);
    const measured = a.n > 0 && median !== null;
    return (
      <tr>
        <td className="muted">{label}</td>
        {measured ? (
          <>
            <td className="num">
              <strong>×{formatNumber(median, 2)}</strong>
            </td>
            <td className="num">×{formatNumber(num(a.qErrorP90), 2)}</td>
            <td className="num muted">{formatCount(a.n)}</td>
          </>
        ) : (
          <td colSpan={3} className="muted">
            nothing measured
          </td>
        )}
      </tr>
    );
  };
  return (
    <div
      className="online-accuracy"
      title="q-error of the serving cost model on the executions it predicted (workload time); 1 is perfect"
    >
      <span className="online-title">Online accuracy</span>
      <table>
        <thead>
          <tr>
            <th />
            <th className="num">median</th>
            <th className="num">p90</th>
            <th className="num">n</th>
          </tr>
        </thead>
        <tbody>
          {row('last hour', hour)}
          {row('last day', day)}
        </tbody>
      </table>
    </div>
  );
}
