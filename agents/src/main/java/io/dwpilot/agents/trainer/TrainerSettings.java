package io.dwpilot.agents.trainer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.gateway.serving.ModelKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When the trainer retrains ({@code dwpilot.agents.trainer}): every {@code every} of workload time, after
 * {@code newExecutions} executions since the last training (the first training waits for {@code firstExecutions}),
 * or when the active cost model's online median q-error over the last {@code driftWindow} (at least
 * {@code driftMinExecutions} executions) passes both {@code driftQError} and {@code driftFactor} times its test
 * median, at most once per {@code cooldown}; it trains on the last {@code lookback} of executions. Drift retrains
 * the cost model and the anomaly detector (which reads the cost model's residuals); the other triggers all
 * {@code models}.
 */
public record TrainerSettings(
        Duration tick,
        Duration checkInterval,
        Duration every,
        long firstExecutions,
        long newExecutions,
        Duration driftWindow,
        long driftMinExecutions,
        double driftQError,
        double driftFactor,
        Duration cooldown,
        Duration lookback,
        List<String> models) {
    public TrainerSettings {
        Objects.requireNonNull(models, "models");
        models = List.copyOf(models);
        for (String model : models) {
            if (ModelKind.named(model).isEmpty()) {
                throw new IllegalArgumentException("dwpilot.agents.trainer.models: unknown model '" + model
                        + "' (cost, forecast, anomaly or cluster)");
            }
        }
        if (driftQError <= 1) {
            throw new IllegalArgumentException(
                    "dwpilot.agents.trainer.drift.q-error must be above 1, got " + driftQError);
        }
        if (driftFactor < 1) {
            throw new IllegalArgumentException(
                    "dwpilot.agents.trainer.drift.factor must be at least 1, got " + driftFactor);
        }
        if (firstExecutions < 1 || newExecutions < 1 || driftMinExecutions < 1) {
            throw new IllegalArgumentException("dwpilot.agents.trainer execution counts must be positive");
        }
    }

    public static TrainerSettings fromConfig(Config c) {
        return new TrainerSettings(
                c.getDuration("tick"),
                c.getDuration("check-interval"),
                c.getDuration("every"),
                c.getLong("first-executions"),
                c.getLong("new-executions"),
                c.getDuration("drift.window"),
                c.getLong("drift.min-executions"),
                c.getDouble("drift.q-error"),
                c.getDouble("drift.factor"),
                c.getDuration("cooldown"),
                c.getDuration("lookback"),
                c.getStringList("models"));
    }

    /** The defaults of the agents' reference.conf. */
    public static TrainerSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference().getConfig("dwpilot.agents.trainer"));
    }

    /** How often it checks (wall time) and how often it looks whether a training is due (workload time). */
    public TrainerSettings withChecks(Duration newTick, Duration newCheckInterval) {
        return new TrainerSettings(
                newTick,
                newCheckInterval,
                every,
                firstExecutions,
                newExecutions,
                driftWindow,
                driftMinExecutions,
                driftQError,
                driftFactor,
                cooldown,
                lookback,
                models);
    }

    /** The executions the first training waits for, and those after which it retrains. */
    public TrainerSettings withExecutions(long newFirstExecutions, long newNewExecutions) {
        return new TrainerSettings(
                tick,
                checkInterval,
                every,
                newFirstExecutions,
                newNewExecutions,
                driftWindow,
                driftMinExecutions,
                driftQError,
                driftFactor,
                cooldown,
                lookback,
                models);
    }

    public TrainerSettings withDriftMinExecutions(long newDriftMinExecutions) {
        return new TrainerSettings(
                tick,
                checkInterval,
                every,
                firstExecutions,
                newExecutions,
                driftWindow,
                newDriftMinExecutions,
                driftQError,
                driftFactor,
                cooldown,
                lookback,
                models);
    }

    public TrainerSettings withLookback(Duration newLookback) {
        return new TrainerSettings(
                tick,
                checkInterval,
                every,
                firstExecutions,
                newExecutions,
                driftWindow,
                driftMinExecutions,
                driftQError,
                driftFactor,
                cooldown,
                newLookback,
                models);
    }

    public TrainerSettings withModels(List<String> newModels) {
        return new TrainerSettings(
                tick,
                checkInterval,
                every,
                firstExecutions,
                newExecutions,
                driftWindow,
                driftMinExecutions,
                driftQError,
                driftFactor,
                cooldown,
                lookback,
                newModels);
    }
}
