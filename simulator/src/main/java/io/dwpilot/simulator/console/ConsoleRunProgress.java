package io.dwpilot.simulator.console;

import io.dwpilot.simulator.workload.run.AnomalyKind;
import io.dwpilot.simulator.workload.run.RunProgress;
import io.dwpilot.simulator.workload.run.RunSummary;
import io.dwpilot.simulator.workload.run.WorkloadRunner;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over the expected statements of a workload run, showing the simulated time and the errors so far. */
public final class ConsoleRunProgress implements RunProgress, AutoCloseable {
    private static final DateTimeFormatter SIMULATED_TIME =
            DateTimeFormatter.ofPattern("EEE MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private ProgressBar bar;

    @Override
    public synchronized void started(long expectedQueries) {
        bar = new ProgressBarBuilder()
                .setTaskName("simulate")
                .setInitialMax(Math.max(1, expectedQueries))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .setUnit(" q", 1)
                .build();
    }

    @Override
    public synchronized void answered(long sent, long errors, Instant simulatedAt) {
        if (bar == null) {
            return;
        }
        if (sent > bar.getMax()) {
            bar.maxHint(sent);
        }
        bar.stepTo(sent);
        bar.setExtraMessage(" sim " + SIMULATED_TIME.format(simulatedAt) + ", " + errors + " err");
    }

    @Override
    public synchronized void finished(RunSummary summary) {
        if (bar != null) {
            bar.maxHint(summary.queriesSent());
            bar.stepTo(summary.queriesSent());
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** The run's figures, one per line, and where its ground truth is. */
    public static void printSummary(RunSummary s, PrintStream out) {
        out.println();
        out.printf("%-26s %s%n", "run id", s.runId());
        out.printf(
                "%-26s %s%n", "stopped by", s.stopReason().name().toLowerCase().replace('_', ' '));
        out.printf("%-26s %s .. %s%n", "simulated", s.simulatedStart(), s.simulatedEnd());
        out.printf("%-26s %.1f s%n", "wall time", s.wallTime().toMillis() / 1000.0);
        out.printf("%-26s %,d%n", "queries sent", s.queriesSent());
        out.printf("%-26s %,d%n", "ok", s.ok());
        out.printf("%-26s %,d%n", "errors", s.errors());
        WorkloadRunner.describeErrors(s).forEach(line -> out.printf("%-26s %s%n", "", line));
        out.printf("%-26s %.1f q/s%n", "achieved", s.achievedQps());
        out.printf("%-26s %.1f ms / %.1f ms%n", "latency p50 / p95 (ok)", s.latencyP50Ms(), s.latencyP95Ms());
        out.printf("%-26s %d episodes, %,d statements%n", "anomalies injected", s.anomalies(), s.anomalyQueries());
        for (AnomalyKind kind : AnomalyKind.values()) {
            out.printf("%-26s %s: %d%n", "", kind.label(), s.anomaliesByKind().getOrDefault(kind, 0));
        }
        out.println("Ground truth: SELECT * FROM metadata.injected_anomalies WHERE run_id = '" + s.runId() + "'");
        out.flush();
    }
}
