package io.dwpilot.agents.trainer;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether to retrain now, and why: drift first (the cost model serves every query), then new data, then the
 * schedule. The cost model drifts when its online median q-error passes both the configured threshold and
 * {@code drift.factor} times the median it had on its own test set: a workload whose times a model can only predict
 * to within 2.5x is not drifting when it keeps doing so, and retraining would not help.
 */
final class RetrainPolicy {

    /** What the policy reads: the online accuracy is absent while no cost model serves. */
    record Inputs(
            Instant now, Optional<Instant> lastTrainedAt, long newExecutions, Optional<OnlineError> onlineError) {}

    /** The active cost model's accuracy on recent executions, and its median q-error on its test set (NaN: unknown). */
    record OnlineError(long executions, double qErrorMedian, double testQErrorMedian) {
        double limit(TrainerSettings settings) {
            return Double.isNaN(testQErrorMedian)
                    ? settings.driftQError()
                    : Math.max(settings.driftQError(), settings.driftFactor() * testQErrorMedian);
        }
    }

    /** A reason to retrain: drift, new data or the schedule. */
    record Decision(Trigger trigger, String reason) {}

    private final TrainerSettings settings;

    RetrainPolicy(TrainerSettings settings) {
        this.settings = settings;
    }

    Optional<Decision> decide(Inputs in) {
        if (in.lastTrainedAt().isEmpty()) {
            return in.newExecutions() >= settings.firstExecutions()
                    ? Optional.of(new Decision(
                            Trigger.NEW_DATA,
                            String.format(
                                    Locale.ROOT,
                                    "first training: %,d executions logged (at least %,d)",
                                    in.newExecutions(),
                                    settings.firstExecutions())))
                    : Optional.empty();
        }
        Instant last = in.lastTrainedAt().get();
        boolean cooledDown =
                !in.now().isBefore(last.plus(settings.cooldown())) || in.now().isBefore(last);
        if (!cooledDown) {
            return Optional.empty();
        }
        Optional<OnlineError> error = in.onlineError()
                .filter(e -> e.executions() >= settings.driftMinExecutions() && e.qErrorMedian() > e.limit(settings));
        if (error.isPresent()) {
            return Optional.of(new Decision(
                    Trigger.DRIFT,
                    String.format(
                            Locale.ROOT,
                            "the cost model's median q-error over the last %,d executions is %.2f (limit %.2f: at least %.2f"
                                    + " and %.1fx its test median %.2f)",
                            error.get().executions(),
                            error.get().qErrorMedian(),
                            error.get().limit(settings),
                            settings.driftQError(),
                            settings.driftFactor(),
                            error.get().testQErrorMedian())));
        }
        if (in.newExecutions() >= settings.newExecutions()) {
            return Optional.of(new Decision(
                    Trigger.NEW_DATA,
                    String.format(
                            Locale.ROOT,
                            "%,d new executions since the last training (threshold %,d)",
                            in.newExecutions(),
                            settings.newExecutions())));
        }
        if (!in.now().isBefore(last.plus(settings.every()))) {
            return Optional.of(new Decision(Trigger.SCHEDULE, "scheduled: last trained " + last));
        }
        return Optional.empty();
    }
}
