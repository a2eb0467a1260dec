package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelAlerts;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.observations.AnomalyRepository;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The training pipeline run from the console ('dwpilot train', the models experiment), outside the trainer agent. */
public final class ConsoleTraining {
    private ConsoleTraining() {}

    /** Runs the pipeline with its progress on {@code out}, and prints one line per model. */
    public static List<TrainingOutcome> train(
            Database database, List<ModelKind<?>> kinds, Duration lookback, String trigger, PrintStream out)
            throws SQLException {
        ActiveModels models = new ActiveModels(
                        new ModelRegistry(database.systemPool()),
                        new ModelAlerts(new AnomalyRepository(database.systemPool()), Clock.systemUTC()))
                .loadAll();
        TrainingPipeline pipeline =
                new TrainingPipeline(database.systemPool(), models, TrainingSettings.defaults(lookback));
        List<TrainingOutcome> outcomes = pipeline.train(
                kinds, trigger, (name, message) -> out.printf(Locale.ROOT, "  [%s] %s%n", name, message));
        out.println();
        for (TrainingOutcome o : outcomes) {
            out.printf(
                    Locale.ROOT,
                    "%-18s %-9s %s%n",
                    o.model(),
                    o.status() + o.version().map(v -> " v" + v.version()).orElse(""),
                    o.reason());
        }
        return outcomes;
    }
}
