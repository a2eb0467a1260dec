package io.dwpilot.bench.experiment;

import io.dwpilot.persistence.decisions.DecisionRow;
import io.dwpilot.simulator.workload.run.AnomalyKind;
import io.dwpilot.simulator.workload.run.RunSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Markdown report of {@code dwpilot experiment agents}: the run, the forecaster's accuracy against the arrivals
 * that came, the anomaly watcher's precision and recall against the labelled episodes, and the governor's decisions,
 * each against the aims.
 *
 * @param command           the command line that produced it
 * @param setup             lines describing the data and settings
 * @param nextHour          forecasts scored at a lead of at most one hour
 * @param horizon           forecasts scored at a lead up to the forecast horizon
 * @param governorDecisions the governor's decisions, oldest first (the first of them)
 * @param decisionCounts    decisions per "agent / kind"
 */
public record AgentsReport(
        String command,
        List<String> setup,
        RunSummary run,
        ForecastEvaluation.Result nextHour,
        ForecastEvaluation.Result horizon,
        DetectionEvaluation.Result detection,
        List<DecisionRow> governorDecisions,
        long governorTotal,
        Map<String, Long> decisionCounts) {
    public static final double MAPE_AIM = 0.15;
    public static final double F1_AIM = 0.70;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    public AgentsReport {
        Objects.requireNonNull(command, "command");
        setup = List.copyOf(setup);
        governorDecisions = List.copyOf(governorDecisions);
        decisionCounts = Map.copyOf(decisionCounts);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Agents: ")
                .append(Duration.between(run.simulatedStart(), run.simulatedEnd())
                        .toDays())
                .append(" simulated days of retail workload\n\n");
        md.append("Measured on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(". Every number below was printed by")
                .append(" this command, which also wrote this file:\n\n```\n")
                .append(command)
                .append("\n```\n\n");
        setup.forEach(line -> md.append("- ").append(line).append('\n'));
        runSection(md);
        forecastSection(md);
        detectionSection(md);
        governorSection(md);
        return md.toString();
    }

    private void runSection(StringBuilder md) {
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
                        Locale.ROOT,
                        "%.0f s (%.1f statements/s)",
                        run.wallTime().toMillis() / 1000.0,
                        run.achievedQps()));
        row(
                md,
                "latency of ok statements",
                String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms", run.latencyP50Ms(), run.latencyP95Ms()));
        StringBuilder kinds = new StringBuilder();
        for (AnomalyKind kind : AnomalyKind.values()) {
            kinds.append(kinds.length() == 0 ? "" : ", ")
                    .append(run.anomaliesByKind().getOrDefault(kind, 0))
                    .append(' ')
                    .append(kind.label());
        }
        row(md, "anomaly episodes injected", run.anomalies() + " (" + kinds + ")");
    }

    private void forecastSection(StringBuilder md) {
        md.append("\n## Forecasts\n\nThe forecaster forecasts arrivals per 5-minute bucket of workload time for the")
                .append(" next 6 hours every 15 minutes, picking seasonal naive or Holt-Winters (daily season), or")
                .append(
                        " seasonal naive with a weekly season once 8 days are known, by their error on the most recent day. Each bucket is scored with the newest forecast made for it")
                .append(" within the lead. MAPE counts buckets with arrivals; WAPE is the absolute error over the")
                .append(" arrivals; \"busy\" is the busier half of the buckets.\n\n");
        md.append("| lead | buckets | MAPE | MAPE (busy half) | WAPE | MAE | peak-hour hits | models used |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        forecastRow(md, "≤ 1 hour", nextHour);
        forecastRow(md, "≤ " + horizon.maxLead().toHours() + " hours", horizon);
        md.append("\nMAPE by day (lead ≤ 1 hour):\n\n| day | MAPE |\n|---|---|\n");
        nextHour.mapeByDay()
                .forEach((day, mape) -> md.append("| ")
                        .append(day)
                        .append(' ')
                        .append(day.getDayOfWeek().toString().substring(0, 3).toLowerCase(Locale.ROOT))
                        .append(" | ")
                        .append(percent(mape))
                        .append(" |\n"));
        md.append("\nAim: MAPE ≤ ")
                .append(percent(MAPE_AIM))
                .append(" — ")
                .append(verdict(
                        nextHour.mape() <= MAPE_AIM,
                        "MAPE " + percent(nextHour.mape()) + " at a lead of at most an hour"))
                .append(".\n");
    }

    private static void forecastRow(StringBuilder md, String lead, ForecastEvaluation.Result r) {
        md.append("| ")
                .append(lead)
                .append(" | ")
                .append(r.buckets())
                .append(" | ")
                .append(percent(r.mape()))
                .append(" | ")
                .append(percent(r.busyMape()))
                .append(" | ")
                .append(percent(r.wape()))
                .append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", r.mae()))
                .append(" | ")
                .append(percent(r.peakHourHits()))
                .append(" | ")
                .append(r.bucketsByModel())
                .append(" |\n");
    }

    private void detectionSection(StringBuilder md) {
        DetectionEvaluation.Result d = detection;
        md.append("\n## Anomalies\n\nThe anomaly watcher's findings in `metadata.anomalies` against the simulator's")
                .append(" labelled episodes in `metadata.injected_anomalies`: a finding matches an episode when it was")
                .append(" detected within the episode's window widened by ")
                .append(d.tolerance().toMinutes())
                .append(" minutes of workload time. Precision counts findings, recall counts episodes.\n\n");
        md.append("| episodes | detected | findings | matching an episode | precision | recall | F1 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        md.append("| ")
                .append(d.episodes().size())
                .append(" | ")
                .append(d.detectedEpisodes())
                .append(" | ")
                .append(d.findings().size())
                .append(" | ")
                .append(d.matchedFindings())
                .append(" | ")
                .append(percent(d.precision()))
                .append(" | ")
                .append(percent(d.recall()))
                .append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", d.f1()))
                .append(" |\n");
        md.append("\n| labelled episode kind | episodes | detected |\n|---|---|---|\n");
        d.recallByKind()
                .forEach((kind, c) -> md.append("| ")
                        .append(kind)
                        .append(" | ")
                        .append(c[0])
                        .append(" | ")
                        .append(c[1])
                        .append(" |\n"));
        md.append("\n| finding kind | findings | matching an episode |\n|---|---|---|\n");
        d.precisionByKind()
                .forEach((kind, c) -> md.append("| ")
                        .append(kind)
                        .append(" | ")
                        .append(c[0])
                        .append(" | ")
                        .append(c[1])
                        .append(" |\n"));
        md.append("\nEpisodes:\n\n| kind | simulated window | statements | found as |\n|---|---|---|---|\n");
        for (DetectionEvaluation.Episode e : d.episodes()) {
            md.append("| ")
                    .append(e.kind())
                    .append(" | ")
                    .append(TIME.format(e.startedAt()))
                    .append(" – ")
                    .append(TIME.format(e.endedAt()))
                    .append(" | ")
                    .append(e.queries())
                    .append(" | ")
                    .append(e.detected() ? String.join(", ", e.matchedKinds()) : "missed")
                    .append(" |\n");
        }
        md.append("\nAim: F1 ≥ ")
                .append(String.format(Locale.ROOT, "%.1f", F1_AIM))
                .append(" — ")
                .append(verdict(d.f1() >= F1_AIM, String.format(Locale.ROOT, "F1 %.2f", d.f1())))
                .append(".\n");
    }

    private void governorSection(StringBuilder md) {
        md.append("\n## Governor and the decision journal\n\nThe resource governor changed the gateway's limits ")
                .append(governorTotal)
                .append(" times; `dwpilot replay --agent governor` prints them from the journal.")
                .append(governorDecisions.size() < governorTotal ? " The first " + governorDecisions.size() + ":" : "")
                .append("\n\n| decided (workload time) | decision |\n|---|---|\n");
        governorDecisions.forEach(r -> md.append("| ")
                .append(TIME.format(r.decidedAt()))
                .append(" | ")
                .append(r.summary().replace("|", "\\|"))
                .append(" |\n"));
        md.append("\nEvery decision in the journal, by agent and kind:\n\n| agent / kind | decisions |\n|---|---|\n");
        decisionCounts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> md.append("| ")
                        .append(e.getKey())
                        .append(" | ")
                        .append(e.getValue())
                        .append(" |\n"));
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private static String verdict(boolean met, String measured) {
        return (met ? "**met**: " : "**missed**: ") + measured;
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }
}
