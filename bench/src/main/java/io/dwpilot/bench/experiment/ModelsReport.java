package io.dwpilot.bench.experiment;

import io.dwpilot.agents.learning.TrainingOutcome;
import io.dwpilot.persistence.ml.Accuracy;
import io.dwpilot.simulator.workload.run.RunSummary;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Markdown report of {@code dwpilot experiment models}: the run, then each model beside its baselines with the
 * issue's aims checked against the measured numbers, and what the agents did with the models during the run.
 */
public record ModelsReport(
        String command,
        List<String> setup,
        RunSummary run,
        List<TrainingOutcome> outcomes,
        DetectionEvaluation.Result watcher,
        Accuracy onlineCost,
        Map<String, Long> trainerDecisions,
        double forecastOracleMape) {

    private static final List<String> COST_MODELS = List.of("mlp", "planner-cost", "history-mean");

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Models: learned cost, forecast, anomaly and clustering on a simulated retail week\n\n");
        md.append("Measured on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(". Every number below was printed by this command, which also wrote this file:\n\n```\n")
                .append(command)
                .append("\n```\n\n");
        setup.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## The run\n\n| figure | value |\n|---|---|\n");
        row(md, "simulated", run.simulatedStart() + " to " + run.simulatedEnd());
        row(
                md,
                "statements sent",
                String.format(Locale.ROOT, "%,d (%,d ok, %,d errors)", run.queriesSent(), run.ok(), run.errors()));
        row(
                md,
                "wall time",
                String.format(
                        Locale.ROOT, "%,d s (%.1f statements/s)", run.wallTime().toSeconds(), run.achievedQps()));
        row(
                md,
                "anomaly episodes injected",
                String.format(
                        Locale.ROOT,
                        "%d %s, %,d statements",
                        run.anomalies(),
                        run.anomaliesByKind(),
                        run.anomalyQueries()));
        row(md, "trainer decisions during the run", trainerDecisions.isEmpty() ? "none" : trainerDecisions.toString());
        row(
                md,
                "online cost accuracy during the run (models the trainer activated as it went)",
                onlineCost.n() == 0
                        ? "no prediction was served"
                        : String.format(
                                Locale.ROOT,
                                "%,d predictions: q-error median %.2f, p90 %.2f",
                                onlineCost.n(),
                                onlineCost.qErrorMedian(),
                                onlineCost.qErrorP90()));
        md.append('\n');
        outcome("query_cost").ifPresent(o -> cost(md, o));
        outcome("workload_forecast").ifPresent(o -> forecast(md, o));
        outcome("execution_anomaly").ifPresent(o -> anomaly(md, o));
        outcome("query_clusters").ifPresent(o -> clusters(md, o));
        md.append(
                "## Training outcomes\n\n| model | outcome | version | training time | decided by |\n|---|---|---|---|---|\n");
        for (TrainingOutcome o : outcomes) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.1f s | %s |%n",
                    o.model(),
                    o.status(),
                    o.version().map(v -> "v" + v.version()).orElse("—"),
                    o.trainingMs() / 1000.0,
                    o.reason()));
        }
        return md.toString();
    }

    private Optional<TrainingOutcome> outcome(String model) {
        return outcomes.stream().filter(o -> o.model().equals(model)).findFirst();
    }

    private void cost(StringBuilder md, TrainingOutcome o) {
        md.append("## Query cost predictor\n\n");
        if (failed(md, o)) {
            return;
        }
        md.append("An MLP (DJL, PyTorch CPU) on log execution time over the features the gateway logged with each"
                + " execution, against PostgreSQL's total cost scaled to time (least squares on the training set) and"
                + " the fingerprint's running historical mean. Held-out executions: the latest 15 % by time;"
                + " held-out fingerprints: templates never seen in training (their own running history is a feature,"
                + " as on the query path).\n\n");
        md.append("| test set | predictor | n | q-error median | p90 | p95 | p99 | R² (log time) | MAE % of mean |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String set : List.of("test", "held_out_fingerprints")) {
            Map<String, Object> scores = map(o.metrics(), set);
            for (String model : COST_MODELS) {
                Map<String, Object> m = map(scores, model);
                if (!m.isEmpty()) {
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %,.0f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f |%n",
                            set.equals("test") ? "held-out executions" : "held-out fingerprints",
                            model,
                            num(m, "n"),
                            num(m, "q_error_median"),
                            num(m, "q_error_p90"),
                            num(m, "q_error_p95"),
                            num(m, "q_error_p99"),
                            num(m, "r2_log"),
                            num(m, "mae_percent")));
                }
            }
        }
        Map<String, Object> test = map(map(o.metrics(), "test"), "mlp");
        Map<String, Object> held = map(map(o.metrics(), "held_out_fingerprints"), "mlp");
        double inference = num(o.metrics(), "inference_ms");
        md.append(String.format(
                Locale.ROOT,
                "%nTraining (with tuning) %.1f s; inference %.4f ms per prediction"
                        + " (plain-Java forward pass of the trained weights, best of five passes over the test set).%n%n",
                o.trainingMs() / 1000.0,
                inference));
        md.append("Aims:\n\n");
        aim(
                md,
                "R² ≥ 0.9 on log time (held-out executions)",
                num(test, "r2_log") >= 0.9,
                String.format(Locale.ROOT, "%.3f", num(test, "r2_log")));
        aim(
                md,
                "median q-error ≤ 1.3 (held-out executions)",
                num(test, "q_error_median") <= 1.3,
                String.format(Locale.ROOT, "%.3f", num(test, "q_error_median")));
        aim(
                md,
                "p90 q-error ≤ 2 (held-out executions)",
                num(test, "q_error_p90") <= 2,
                String.format(Locale.ROOT, "%.3f", num(test, "q_error_p90")));
        aim(
                md,
                "median q-error ≤ 2 on held-out fingerprints",
                num(held, "q_error_median") <= 2,
                String.format(Locale.ROOT, "%.3f", num(held, "q_error_median")));
        aim(md, "inference ≤ 0.2 ms", inference <= 0.2, String.format(Locale.ROOT, "%.4f ms", inference));
        md.append("- prediction adds ≤ 0.3 ms p50 to the gateway path: measured by `dwpilot bench gateway`, see"
                + " [gateway.md](gateway.md)\n");
        md.append('\n');
    }

    private void forecast(StringBuilder md, TrainingOutcome o) {
        md.append("## Workload forecaster\n\n");
        if (failed(md, o)) {
            return;
        }
        md.append("An MLP (DJL) on lags and calendar features forecasting arrivals per 5-minute bucket, recursively"
                + " for multi-step horizons, against the forecaster agent's baselines fitted on the same history at"
                + " each origin; walk-forward over the test part (the latest 15 % of buckets), a forecast from every"
                + " hour's start. MAPE over buckets with arrivals; peak-hour hits: share of the 12 busiest forecast"
                + " buckets of a day within an hour of the 12 busiest actual ones.\n\n");
        md.append("| horizon | model | forecasts | MAPE | peak-hour hits |\n|---|---|---|---|---|\n");
        for (String horizon : List.of("test_1h", "test_6h")) {
            map(o.metrics(), horizon).forEach((model, value) -> {
                if (value instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> scores = (Map<String, Object>) m;
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %,.0f | %.1f %% | %s |%n",
                            horizon.equals("test_1h") ? "1 hour" : "6 hours",
                            model,
                            num(scores, "forecasts"),
                            100 * num(scores, "mape"),
                            percent(num(scores, "peak_hour_hits"))));
                }
            });
        }
        if (!Double.isNaN(forecastOracleMape)) {
            md.append(String.format(
                    Locale.ROOT,
                    "| 1 hour | the simulator's own expected arrivals (its profile's rate;"
                            + " no forecaster knows more) | — | %.1f %% | — |%n",
                    100 * forecastOracleMape));
        }
        Map<String, Object> hour = map(o.metrics(), "test_1h");
        double learned = num(map(hour, "learned-mlp"), "mape");
        double naive = num(map(hour, "seasonal-naive(288)"), "mape");
        md.append('\n').append("Aims:\n\n");
        aim(md, "MAPE ≤ 10 % (1 hour ahead)", learned <= 0.10, String.format(Locale.ROOT, "%.1f %%", 100 * learned));
        aim(
                md,
                "MAPE at least 20 % lower than seasonal naive",
                learned <= 0.8 * naive,
                String.format(
                        Locale.ROOT,
                        "%.1f %% against %.1f %% (%.0f %% lower)",
                        100 * learned,
                        100 * naive,
                        100 * (1 - learned / naive)));
        md.append('\n');
    }

    private void anomaly(StringBuilder md, TrainingOutcome o) {
        md.append("## Anomaly detector\n\n");
        if (failed(md, o)) {
            return;
        }
        Map<String, Object> t = map(o.metrics(), "test");
        md.append("An isolation forest over execution features (residual against the cost model, z against the"
                + " fingerprint's history, time, failure, unseen shape, concurrency, arrival pace) combined with the"
                + " statistical rules; scored per execution on the latest 15 % of executions against the ids the"
                + " simulator labelled (threshold and rules tuned on the training and validation parts for F1 with a"
                + " false-positive rate ≤ 5 %).\n\n");
        md.append(
                        "| detector | scope | true pos. | false pos. | false neg. | true neg. | precision | recall | F1 | false-positive rate |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| isolation forest + rules | executions, test part | %,.0f | %,.0f | %,.0f | %,.0f | %.3f | %.3f | %.3f | %.4f |%n",
                num(t, "true_positives"),
                num(t, "false_positives"),
                num(t, "false_negatives"),
                num(t, "true_negatives"),
                num(t, "precision"),
                num(t, "recall"),
                num(t, "f1"),
                num(t, "false_positive_rate")));
        md.append(String.format(
                Locale.ROOT,
                "| statistical watcher (agent, online) | episodes, whole run | %d findings matched | %d unmatched | %d episodes missed | — | %.3f | %.3f | %.3f | — |%n",
                watcher.matchedFindings(),
                watcher.findings().size() - watcher.matchedFindings(),
                watcher.episodes().size() - watcher.detectedEpisodes(),
                watcher.precision(),
                watcher.recall(),
                watcher.f1()));
        Map<String, Object> byKind = map(o.metrics(), "test_recall_by_kind");
        if (!byKind.isEmpty()) {
            md.append("\n| labelled episode kind | executions in the test part | flagged |\n|---|---|---|\n");
            byKind.forEach((kind, counts) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) counts;
                md.append(String.format(
                        Locale.ROOT, "| %s | %,.0f | %,.0f |%n", kind, num(c, "labelled"), num(c, "detected")));
            });
        }
        md.append('\n').append("Aims:\n\n");
        aim(md, "F1 ≥ 0.85", num(t, "f1") >= 0.85, String.format(Locale.ROOT, "%.3f", num(t, "f1")));
        aim(
                md,
                "false-positive rate ≤ 5 %",
                num(t, "false_positive_rate") <= 0.05,
                String.format(Locale.ROOT, "%.2f %%", 100 * num(t, "false_positive_rate")));
        md.append('\n');
    }

    private void clusters(StringBuilder md, TrainingOutcome o) {
        md.append("## Query clustering\n\n");
        if (failed(md, o)) {
            return;
        }
        md.append(String.format(
                Locale.ROOT,
                "k-means over one profile per fingerprint (%,.0f fingerprints), k chosen"
                        + " by silhouette: k = %.0f, silhouette %.3f. Silhouette by k: %s.%n%n",
                num(o.metrics(), "fingerprints"),
                num(o.metrics(), "k"),
                num(o.metrics(), "silhouette"),
                silhouettes(o.metrics().get("silhouette_by_k"))));
    }

    private static String silhouettes(Object silhouetteByK) {
        Map<?, ?> byK = silhouetteByK instanceof Map<?, ?> m ? m : Map.of();
        StringBuilder text = new StringBuilder();
        byK.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ")
                .append("k = ")
                .append(k)
                .append(": ")
                .append(v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "—"));
        return text.toString();
    }

    private static boolean failed(StringBuilder md, TrainingOutcome o) {
        if (o.status() == TrainingOutcome.Status.FAILED) {
            md.append("Training failed: ").append(o.reason()).append("\n\n");
            return true;
        }
        return false;
    }

    private static void aim(StringBuilder md, String aim, boolean met, String measured) {
        md.append("- ")
                .append(aim)
                .append(": ")
                .append(met ? "met" : "**missed**")
                .append(" (")
                .append(measured)
                .append(")\n");
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
