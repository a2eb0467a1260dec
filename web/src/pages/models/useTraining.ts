import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { DecisionEvent, TrainingRun } from '../../api/types';
import { useFeed } from '../../live/LiveFeedProvider';
import { useToast } from '../../components/Toasts';
import { modelTitle } from '../../shaping/models';

const OUTCOMES = new Set(['model_activated', 'model_rejected', 'training_failed']);
/** How long to wait for a training's outcome on the feed before saying so (training takes seconds to minutes). */
const GIVE_UP_MS = 15 * 60_000;

export interface Training {
  /** Whether the model is training now: asked for here, started by the trainer itself, or a run still open. */
  isTraining: (model: string) => boolean;
  retrain: (models: string[]) => void;
}

/**
 * Retraining: the request (answered at once: the trainer accepted it), then the outcome per model as the trainer's
 * decisions arrive on the live feed ('model' messages) — shown as a toast for the trainings asked for here.
 */
export function useTraining(runs: TrainingRun[] | undefined): Training {
  const toast = useToast();
  const [pending, setPending] = useState<Record<string, { since: number; asked: boolean }>>({});
  const timers = useRef<Record<string, number>>({});

  const settle = useCallback((model: string) => {
    window.clearTimeout(timers.current[model]);
    delete timers.current[model];
    setPending((p) => {
      const { [model]: _, ...rest } = p;
      return rest;
    });
  }, []);

  const start = useCallback(
    (model: string, asked: boolean) => {
      setPending((p) => ({ ...p, [model]: { since: Date.now(), asked: asked || Boolean(p[model]?.asked) } }));
      window.clearTimeout(timers.current[model]);
      timers.current[model] = window.setTimeout(() => {
        settle(model);
        if (asked)
          toast(
            'info',
            `No outcome of ${modelTitle(model)}’s training arrived yet; the training history shows how it went.`,
          );
      }, GIVE_UP_MS);
    },
    [settle, toast],
  );

  useEffect(() => () => Object.values(timers.current).forEach((t) => window.clearTimeout(t)), []);

  useFeed<DecisionEvent>(['model'], (m) => {
    const d = m.data;
    if (!d || d.agent !== 'trainer') return;
    if (d.kind === 'retraining_started') {
      const models = Array.isArray(d.event.models)
        ? d.event.models.filter((x): x is string => typeof x === 'string')
        : [];
      models.forEach((model) => start(model, false));
      return;
    }
    const model = typeof d.event.model === 'string' ? d.event.model : null;
    if (!model || !OUTCOMES.has(d.kind)) return;
    if (pending[model]?.asked) {
      toast(d.kind === 'model_activated' ? 'ok' : d.kind === 'training_failed' ? 'bad' : 'info', d.summary);
    }
    settle(model);
  });

  const retrain = useCallback(
    (models: string[]) => {
      models.forEach((model) => start(model, true));
      endpoints
        .train(models)
        .then((answer) => toast('info', answer.message || `Training ${models.map(modelTitle).join(', ')}…`))
        .catch((error: unknown) => {
          models.forEach(settle);
          toast('bad', `Retraining was refused: ${describeError(error)}`);
        });
    },
    [start, settle, toast],
  );

  // a run left open by a server that stopped mid-training does not count after an hour
  const open = new Set(
    (runs ?? []).filter((r) => !r.finishedAt && Date.now() - Date.parse(r.startedAt) < 3_600_000).map((r) => r.model),
  );
  return { isTraining: (model) => Boolean(pending[model]) || open.has(model), retrain };
}
