import { describe, expect, it } from 'vitest';
import type { ModelVersion, TrainingRun } from '../api/types';
import {
  formatMetric,
  keyMetricBaseline,
  keyMetricValue,
  metricsFromNumbers,
  modelMetrics,
  modelStatus,
  predictorLabel,
  runDurationMs,
  shownVersions,
  versionMetricRows,
  versionSeries,
} from './models';

const costScores = (median: number, p90: number, r2: number) => ({
  n: 9133,
  q_error_median: median,
  q_error_p90: p90,
  q_error_p95: 5.5,
  q_error_p99: 20.1,
  r2_log: r2,
  mae_percent: 62.3,
});

const COST = {
  test: {
    mlp: costScores(1.451, 3.265, 0.59),
    'planner-cost': costScores(1.791, 6.196, 0.169),
    'history-mean': costScores(1.465, 4.259, 0.483),
  },
  validation: { loss: 0.2 },
  inference_ms: 0.004,
  fit_seconds: 15.3,
  held_out_fingerprints: { mlp: costScores(1.565, 3.665, 0.414), 'planner-cost': costScores(1.723, 3.561, 0.346) },
  held_out_fingerprint_count: 12,
  active_on_test: costScores(1.329, 3.141, 0.6),
};

const FORECAST = {
  test_1h: {
    'learned-mlp': { mape: 0.139, peak_hour_hits: 0.917, forecasts: 50 },
    'seasonal-naive(288)': { mape: 0.819, peak_hour_hits: 1, forecasts: 50 },
    'holt-winters(288)': { mape: 0.374, peak_hour_hits: 1, forecasts: 50 },
  },
  test_6h: {
    'learned-mlp': { mape: 0.161, peak_hour_hits: 0.917, forecasts: 45 },
    'seasonal-naive(288)': { mape: 'NaN', peak_hour_hits: 1, forecasts: 45 },
  },
  fit_seconds: 1.8,
  test_from: '2026-11-13T20:00:00Z',
  test_to: '2026-11-16T00:00:00Z',
  active_on_test_1h_mape: 0.139,
};

const ANOMALY = {
  labelled: true,
  fit_seconds: 3.2,
  test: {
    true_positives: 42,
    false_positives: 34,
    false_negatives: 50,
    true_negatives: 9023,
    precision: 0.553,
    recall: 0.457,
    f1: 0.5,
    false_positive_rate: 0.0038,
  },
  test_recall_by_kind: { failure_burst: { labelled: 25, detected: 25 } },
  active_on_test: { precision: 0.4, recall: 0.4, f1: 0.402, false_positive_rate: 0.005 },
};

describe('predictorLabel', () => {
  it('names predictors and seasons as people say them', () => {
    expect(
      ['mlp', 'planner-cost', 'seasonal-naive(288)', 'seasonal-naive(2016)', 'holt-winters(288)', 'new-thing'].map(
        predictorLabel,
      ),
    ).toEqual([
      'MLP',
      'Planner cost',
      'Seasonal naive (day)',
      'Seasonal naive (week)',
      'Holt-Winters (day)',
      'New thing',
    ]);
  });
});

describe('formatMetric', () => {
  it('formats q-errors, fractions, percentages and scores', () => {
    expect(formatMetric(1.451, 'qerror')).toBe('×1.45');
    expect(formatMetric(0.139, 'fraction')).toBe('13.9 %');
    expect(formatMetric(62.34, 'percent')).toBe('62.3 %');
    expect(formatMetric(0.5, 'score')).toBe('0.500');
    expect(formatMetric(null, 'score')).toBe('–');
  });
});

describe('modelMetrics', () => {
  it('compares the cost model with its baselines and the model that served, marking the best', () => {
    const view = modelMetrics('query_cost', COST);
    const [main, heldOut] = view.comparisons;
    expect(main.columns.map((c) => [c.label, c.role])).toEqual([
      ['MLP', 'model'],
      ['Planner cost', 'baseline'],
      ['History mean', 'baseline'],
      ['Serving model then', 'serving'],
    ]);
    const median = main.rows.find((r) => r.key === 'q_error_median')!;
    expect(median.values).toEqual([1.451, 1.791, 1.465, 1.329]);
    expect(median.best).toBe(3);
    expect(main.rows.find((r) => r.key === 'r2_log')!.best).toBe(3);
    expect(main.rows.find((r) => r.key === 'n')!.best).toBeNull();
    expect(heldOut.columns.map((c) => c.key)).toEqual(['mlp', 'planner-cost']);
    expect(view.headlines[0]).toEqual({
      label: 'q-error median',
      value: '×1.45',
      against: 'vs ×1.47 history mean',
      wins: true,
    });
    expect(view.facts.map((f) => f.label)).toEqual(['inference per prediction', 'held-out fingerprints', 'fit time']);
  });

  it('compares the forecaster with seasonal naive and Holt-Winters at both horizons', () => {
    const view = modelMetrics('workload_forecast', FORECAST);
    const c = view.comparisons[0];
    expect(c.columns.map((col) => col.key)).toEqual([
      'learned-mlp',
      'seasonal-naive(288)',
      'holt-winters(288)',
      'active_on_test',
    ]);
    expect(c.rows.find((r) => r.key === 'test_6h.mape')!.values).toEqual([0.161, null, null, null]);
    expect(c.rows.find((r) => r.key === 'test_1h.mape')!.values).toEqual([0.139, 0.819, 0.374, 0.139]);
    expect(view.headlines[0]).toMatchObject({
      label: 'MAPE 1 h',
      value: '13.9 %',
      against: 'vs 37.4 % holt-winters (day)',
      wins: true,
    });
    expect(view.facts[0].label).toBe('test period (workload time)');
  });

  it('shows the anomaly detector’s F1, precision, recall and false positives against the serving one', () => {
    const view = modelMetrics('execution_anomaly', ANOMALY);
    expect(view.headlines.map((h) => [h.label, h.value])).toEqual([
      ['F1', '0.500'],
      ['precision', '0.553'],
      ['recall', '0.457'],
      ['false positives', '0.38 %'],
    ]);
    expect(view.comparisons[0].rows.find((r) => r.key === 'f1')!.best).toBe(0);
    expect(view.facts.find((f) => f.key === 'recall.failure_burst')!.value).toBe('25 of 25');
  });

  it('judges a detector trained without labels by its alert rate, not by a zero F1', () => {
    const view = modelMetrics('execution_anomaly', {
      labelled: false,
      test: {
        true_positives: 0,
        false_positives: 8,
        false_negatives: 0,
        true_negatives: 292,
        f1: 0,
        precision: 0,
        recall: 0,
      },
    });
    expect(view.headlines.map((h) => [h.label, h.value])).toEqual([
      ['alert rate', '2.67 %'],
      ['flagged in test', '8'],
    ]);
    expect(view.comparisons[0].rows.map((r) => r.key)).toEqual(['alert_rate', 'flagged', 'executions']);
    expect(keyMetricValue('execution_anomaly', { labelled: false, test: { f1: 0 } })).toBeNull();
  });

  it('shows the clustering’s k and silhouette, and anything unknown as facts', () => {
    const view = modelMetrics('query_clusters', {
      k: 3,
      silhouette: 0.335,
      silhouette_by_k: { 2: 0.3 },
      fingerprints: 133,
    });
    expect(view.headlines.map((h) => h.value)).toEqual(['3', '0.335', '133']);
    const unknown = modelMetrics('query_cost', { loss: 0.25, note: 'x' });
    expect(unknown.comparisons).toEqual([]);
    expect(unknown.facts.map((f) => `${f.label}=${f.value}`)).toEqual(['loss=0.25', 'note=x']);
  });
});

describe('metricsFromNumbers', () => {
  it('puts the trainer’s flattened deciding numbers back in the registry’s shape', () => {
    expect(metricsFromNumbers('query_cost', { 'mlp.q_error_median': 1.4, 'planner-cost.q_error_median': 1.8 })).toEqual(
      { test: { mlp: { q_error_median: 1.4 }, 'planner-cost': { q_error_median: 1.8 } } },
    );
    expect(metricsFromNumbers('workload_forecast', { 'learned-mlp.mape': 0.1 })).toEqual({
      test_1h: { 'learned-mlp': { mape: 0.1 } },
    });
    expect(metricsFromNumbers('execution_anomaly', { f1: 0.5 })).toEqual({ test: { f1: 0.5 } });
    expect(metricsFromNumbers('query_clusters', { k: 3, silhouette: 0.3 })).toEqual({ k: 3, silhouette: 0.3 });
  });
});

describe('key metrics', () => {
  it('reads the learned model’s key metric and the best baseline’s', () => {
    expect(keyMetricValue('query_cost', COST)).toBe(1.451);
    expect(keyMetricValue('workload_forecast', FORECAST)).toBe(0.139);
    expect(keyMetricValue('execution_anomaly', ANOMALY)).toBe(0.5);
    expect(keyMetricValue('query_clusters', { silhouette: 0.3 })).toBe(0.3);
    expect(keyMetricValue('query_cost', {})).toBeNull();
    expect(keyMetricBaseline('query_cost', COST)).toEqual({ label: 'History mean', value: 1.465 });
    expect(keyMetricBaseline('workload_forecast', FORECAST)).toEqual({ label: 'Holt-Winters (day)', value: 0.374 });
  });
});

const version = (id: number, name: string, v: number, createdAt: string, active = false): ModelVersion => ({
  id,
  name,
  version: v,
  algorithm: 'mlp',
  artifactFormat: 'x',
  artifactBytes: 10,
  metrics: {},
  hyperParameters: {},
  features: [],
  trainingDataSize: 100,
  trainingTimeMs: 1000,
  active,
  createdAt,
  activatedAt: null,
});

const run = (
  id: number,
  model: string,
  status: string,
  startedAt: string,
  finishedAt: string | null,
  metrics: Record<string, unknown>,
): TrainingRun => ({
  id,
  model,
  trigger: 'schedule',
  status,
  trainRows: 1,
  validationRows: 1,
  testRows: 1,
  metrics,
  message: '',
  startedAt,
  finishedAt,
});

describe('versionSeries', () => {
  it('plots each run’s key metric oldest first, matched to the registry version registered as it finished', () => {
    const runs = [
      run(2, 'query_cost', 'rejected', '2026-01-01T02:00:00Z', '2026-01-01T02:00:20Z', COST),
      run(1, 'query_cost', 'succeeded', '2026-01-01T01:00:00Z', '2026-01-01T01:00:20Z', {
        test: { mlp: { q_error_median: 1.6 } },
      }),
      run(3, 'query_cost', 'failed', '2026-01-01T03:00:00Z', '2026-01-01T03:00:01Z', {}),
      run(4, 'workload_forecast', 'succeeded', '2026-01-01T03:00:00Z', '2026-01-01T03:00:01Z', FORECAST),
    ];
    const versions = [
      version(10, 'query_cost', 7, '2026-01-01T01:00:19.5Z', true),
      version(11, 'query_cost', 8, '2026-01-01T05:00:00Z'),
    ];
    expect(versionSeries('query_cost', runs, versions)).toEqual([
      { at: Date.parse('2026-01-01T01:00:20Z'), value: 1.6, status: 'succeeded', version: 7, runId: 1, baseline: null },
      {
        at: Date.parse('2026-01-01T02:00:20Z'),
        value: 1.451,
        status: 'rejected',
        version: null,
        runId: 2,
        baseline: 1.465,
      },
    ]);
  });
});

describe('shownVersions', () => {
  it('keeps the newest five and the active one', () => {
    const all = [1, 2, 3, 4, 5, 6, 7].map((v) => version(v, 'query_cost', v, '2026-01-01T00:00:00Z', v === 1));
    expect(
      shownVersions([...all, version(99, 'other', 1, '2026-01-01T00:00:00Z')], 'query_cost').map((v) => v.version),
    ).toEqual([7, 6, 5, 4, 3, 1]);
  });
});

describe('runDurationMs', () => {
  it('is the time between start and finish, null while running', () => {
    expect(runDurationMs({ startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:15.5Z' })).toBe(15_500);
    expect(runDurationMs({ startedAt: '2026-01-01T00:00:00Z', finishedAt: null })).toBeNull();
  });
});

describe('modelStatus', () => {
  const v3 = version(3, 'query_cost', 3, '2026-01-01T00:00:00Z', true);
  it('tells serving, baseline and fallback apart', () => {
    expect(modelStatus('query_cost', [{ model: 'query_cost', version: 'query_cost v3' }], [v3]).status).toBe('serving');
    expect(modelStatus('query_cost', [{ model: 'query_cost', version: null }], []).label).toBe(
      'no model yet — baseline serves',
    );
    expect(modelStatus('query_cost', [{ model: 'query_cost', version: 'query_cost v2' }], [v3])).toMatchObject({
      status: 'fallback',
      label: 'fallback: query_cost v2 serves',
    });
    expect(modelStatus('query_cost', [{ model: 'query_cost', version: 'query_cost v13' }], [v3]).status).toBe(
      'fallback',
    );
  });
});

describe('versionMetricRows', () => {
  it('puts each version’s own test metrics side by side and marks the best version', () => {
    const a = {
      ...version(1, 'query_cost', 1, '2026-01-01T00:00:00Z'),
      metrics: { test: { mlp: costScores(1.6, 4, 0.5) } },
    };
    const b = { ...version(2, 'query_cost', 2, '2026-01-02T00:00:00Z'), metrics: COST };
    const c = { ...version(3, 'query_cost', 3, '2026-01-03T00:00:00Z'), metrics: {} };
    const rows = versionMetricRows('query_cost', [c, b, a]);
    const median = rows.find((r) => r.key === 'q_error_median')!;
    expect(median.values).toEqual([null, 1.451, 1.6]);
    expect(median.best).toBe(1);
    expect(rows.find((r) => r.key === 'r2_log')!.best).toBe(1);
    expect(versionMetricRows('query_cost', [c])).toEqual([]);
  });
});
