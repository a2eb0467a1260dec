import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { useIsAdmin } from '../../auth/SessionGate';
import { LastUpdated } from '../../components/LastUpdated';
import { isModelName, MODEL_NAMES, type ModelName } from '../../shaping/models';
import { AnomalyTimeline } from './AnomalyTimeline';
import { ClusteringSummary } from './ClusteringSummary';
import { ErrorDistribution, PredictionScatter, SAMPLE_SIZES, type SampleSize } from './CostPredictor';
import { ForecastChart } from './ForecastChart';
import { ModelCards } from './ModelCards';
import { ModelVersions } from './ModelVersions';
import { TrainingHistory } from './TrainingHistory';
import { useTraining } from './useTraining';
import { useUrlParams } from '../../urlParams';

/**
 * The learned models: what serves and how well against its baselines, their versions, each model's predictions
 * against what happened, and their training history. The chosen model, version and sample size live in the URL.
 */
export default function ModelsPage() {
  const [params, update] = useUrlParams();
  const model: ModelName = isModelName(params.get('model') ?? '') ? (params.get('model') as ModelName) : 'query_cost';
  const versionId = params.get('version') ? Number(params.get('version')) : null;
  const sample: SampleSize = (SAMPLE_SIZES as readonly string[]).includes(params.get('points') ?? '')
    ? (params.get('points') as SampleSize)
    : '1000';

  const models = useLiveQuery({
    queryKey: ['ml-models'],
    queryFn: ({ signal }) => endpoints.models(undefined, signal),
    invalidateOn: ['model'],
    fallbackPollMs: 15_000,
  });
  const performance = useLiveQuery({
    queryKey: ['ml-performance'],
    queryFn: ({ signal }) => endpoints.modelPerformance(signal),
    invalidateOn: ['model'],
    livePollMs: 30_000,
    fallbackPollMs: 30_000,
  });
  const runs = useLiveQuery({
    queryKey: ['ml-training-runs'],
    queryFn: ({ signal }) => endpoints.trainingRuns({ limit: 200 }, signal),
    invalidateOn: ['model'],
    fallbackPollMs: 15_000,
  });
  const training = useTraining(runs.data?.runs);
  const admin = useIsAdmin();
  const anyTraining = MODEL_NAMES.some((m) => training.isTraining(m));

  const showVersions = (m: ModelName) => {
    update({ model: m, version: null });
    document.querySelector('[data-testid="model-versions"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="muted">
          A model replaces the serving one only when it beats it on the same test data; the baselines are what serves
          without it.
        </span>
        <span className="row">
          <LastUpdated at={Math.max(models.dataUpdatedAt, performance.dataUpdatedAt, runs.dataUpdatedAt) || null} />
          <button
            className="button small"
            disabled={!admin || anyTraining}
            onClick={() => training.retrain([...MODEL_NAMES])}
            title={
              admin
                ? 'Train every model now; each replaces its serving version only if it tests better'
                : 'Only an admin can retrain models'
            }
          >
            Retrain all
          </button>
        </span>
      </div>
      <ModelCards
        models={models}
        performance={performance}
        runs={runs.data?.runs ?? []}
        training={training}
        onVersions={showVersions}
      />
      <div className="grid">
        <div className="span-12">
          <ModelVersions
            models={models}
            model={model}
            versionId={versionId}
            onModel={(m) => update({ model: m, version: null })}
            onVersion={(id) => update({ version: id })}
          />
        </div>
        <div className="span-12 models-pair">
          <PredictionScatter limit={sample} onLimit={(s) => update({ points: s })} />
          <ErrorDistribution limit={sample} />
        </div>
        <div className="span-12 models-pair wide-narrow">
          <ForecastChart />
          <ClusteringSummary />
        </div>
        <div className="span-12">
          <AnomalyTimeline />
        </div>
        <div className="span-12">
          <TrainingHistory
            runs={runs}
            versions={models.data?.models ?? []}
            model={model}
            onModel={(m) => update({ model: m, version: null })}
          />
        </div>
      </div>
    </>
  );
}
