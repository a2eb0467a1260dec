import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { describeError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { ModelVersion } from '../../api/types';
import { useIsAdmin } from '../../auth/SessionGate';
import { Card } from '../../components/Card';
import { Tabs } from '../../components/Drawer';
import { Badge, EmptyState, Loadable } from '../../components/states';
import { useToast } from '../../components/Toasts';
import { Facts } from '../agents/DecisionDetails';
import { flattenFacts, num } from '../../shaping/facts';
import { formatAgo, formatBytes, formatCount, formatDateTime, formatMs } from '../../shaping/format';
import {
  formatMetric,
  MODEL_INFO,
  MODEL_NAMES,
  modelMetrics,
  shownVersions,
  versionMetricRows,
  type ModelName,
} from '../../shaping/models';
import { MetricComparisonTable } from './MetricComparisonTable';

/**
 * Per model its registered versions (the newest five and the active one) with their metrics side by side, Activate
 * for any kept version (admin), and the chosen version's metrics against its baselines.
 */
export function ModelVersions({
  models,
  model,
  versionId,
  onModel,
  onVersion,
}: {
  models: UseQueryResult<{ models: ModelVersion[] }>;
  model: ModelName;
  versionId: number | null;
  onModel: (model: ModelName) => void;
  onVersion: (id: number | null) => void;
}) {
  return (
    <Card
      title="Versions"
      flush
      testId="model-versions"
      actions={
        <Tabs
          value={model}
          onChange={onModel}
          tabs={MODEL_NAMES.map((m) => ({ key: m, label: MODEL_INFO[m].title }))}
        />
      }
    >
      <Loadable query={models}>
        {(d) => {
          const versions = shownVersions(d.models, model);
          if (versions.length === 0) {
            return (
              <EmptyState title={`No ${MODEL_INFO[model].title.toLowerCase()} trained yet`}>
                The trainer registers every candidate it trains; it keeps the newest five and the active one.
              </EmptyState>
            );
          }
          const selected = versions.find((v) => v.id === versionId) ?? versions.find((v) => v.active) ?? versions[0];
          return (
            <div className="versions-layout">
              <VersionsTable model={model} versions={versions} selected={selected} onSelect={onVersion} />
              <VersionDetail model={model} version={selected} />
            </div>
          );
        }}
      </Loadable>
    </Card>
  );
}

function VersionsTable({
  model,
  versions,
  selected,
  onSelect,
}: {
  model: ModelName;
  versions: ModelVersion[];
  selected: ModelVersion;
  onSelect: (id: number) => void;
}) {
  const rows = versionMetricRows(model, versions);
  return (
    <div className="table-wrap">
      <table className="data compact versions-table">
        <thead>
          <tr>
            <th />
            {versions.map((v) => (
              <th key={v.id} className={`num${v.id === selected.id ? ' selected' : ''}`}>
                <button onClick={() => onSelect(v.id)} title="Show this version’s metrics against its baselines">
                  v{v.version}
                </button>
                {v.active && <Badge tone="ok">active</Badge>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="muted">trained</td>
            {versions.map((v) => (
              <td key={v.id} className="num nowrap" title={formatDateTime(v.createdAt)}>
                {formatAgo(v.createdAt)}
              </td>
            ))}
          </tr>
          <tr>
            <td className="muted">training data</td>
            {versions.map((v) => (
              <td key={v.id} className="num">
                {formatCount(v.trainingDataSize)}
              </td>
            ))}
          </tr>
          <tr>
            <td className="muted">training time</td>
            {versions.map((v) => (
              <td key={v.id} className="num">
                {formatMs(v.trainingTimeMs)}
              </td>
            ))}
          </tr>
          <tr>
            <td className="muted">artifact</td>
            {versions.map((v) => (
              <td key={v.id} className="num">
                {v.artifactBytes > 0 ? formatBytes(v.artifactBytes) : 'none'}
              </td>
            ))}
          </tr>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="nowrap" title={r.better ? `${r.better} is better` : undefined}>
                {r.label}
              </td>
              {r.values.map((value, i) => (
                <td key={versions[i].id} className={`num nowrap${i === r.best ? ' best' : ''}`}>
                  {formatMetric(value, r.format)}
                </td>
              ))}
            </tr>
          ))}
          <tr className="actions-row">
            <td />
            {versions.map((v) => (
              <td key={v.id} className="num">
                <ActivateButton version={v} />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function ActivateButton({ version }: { version: ModelVersion }) {
  const admin = useIsAdmin();
  const toast = useToast();
  const queryClient = useQueryClient();
  const activate = useMutation({
    mutationFn: () => endpoints.activateModel(version.id),
    onSuccess: (v) => {
      toast('ok', `${v.name} v${v.version} now serves.`);
      void queryClient.invalidateQueries({ queryKey: ['ml-models'] });
      void queryClient.invalidateQueries({ queryKey: ['ml-performance'] });
    },
    onError: (error) => toast('bad', `Could not activate ${version.name} v${version.version}: ${describeError(error)}`),
  });
  if (version.active) return <span className="muted">serving</span>;
  return (
    <button
      className="button small"
      disabled={!admin || activate.isPending}
      onClick={() => activate.mutate()}
      data-testid="activate-button"
      data-id={version.id}
      title={
        admin
          ? `Serve v${version.version} instead of the active version (it takes effect at once)`
          : 'Only an admin can activate a version'
      }
    >
      {activate.isPending ? 'Activating…' : 'Activate'}
    </button>
  );
}

function VersionDetail({ model, version }: { model: ModelName; version: ModelVersion }) {
  const view = modelMetrics(model, version.metrics);
  const hyper = flattenFacts(version.hyperParameters);
  // an unlabelled detector is judged by how close its alert rate comes to the share it is tuned to flag
  const contamination = model === 'execution_anomaly' ? num(version.hyperParameters.contamination) : null;
  const facts =
    contamination === null
      ? view.facts
      : [
          ...view.facts,
          { key: 'contamination', label: 'target alert rate', value: formatMetric(contamination, 'rate') },
        ];
  return (
    <div className="version-detail">
      <h3>
        v{version.version} on its test data
        {view.comparisons.some((c) => c.columns.some((col) => col.role === 'baseline'))
          ? ', against its baselines'
          : ''}
        <span className="muted">
          {' '}
          · {version.algorithm} · {formatDateTime(version.createdAt)}
        </span>
      </h3>
      <div className="version-comparisons">
        {view.comparisons.map((c) => (
          <MetricComparisonTable key={c.title} comparison={c} />
        ))}
      </div>
      {facts.length > 0 && <Facts facts={facts} />}
      {hyper.length > 0 && (
        <details>
          <summary className="muted">hyper-parameters and features</summary>
          <Facts
            facts={
              hyper.some((f) => f.key === 'features')
                ? hyper
                : [...hyper, { key: 'version.features', label: 'features', value: version.features.join(', ') || '–' }]
            }
          />
        </details>
      )}
    </div>
  );
}
