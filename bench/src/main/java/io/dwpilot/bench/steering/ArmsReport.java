package io.dwpilot.bench.steering;

import io.dwpilot.bench.steering.ArmsBenchmark.Measured;
import io.dwpilot.persistence.query.PlanArm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each arm does to a workload against the default plan: per statement the ratio of medians, counted as faster or
 * slower beyond {@link #MATERIAL} (the default-again row shows how often noise alone crosses it), their geometric
 * mean, the worst slowdown, the workload's total; and the oracle that picks the best arm per statement, the bound
 * of what per-statement steering could gain here.
 */
public final class ArmsReport {
    /** A ratio of medians counted as a real difference. */
    public static final double MATERIAL = 1.2;

    /** One arm's effect on the workload. */
    public record ArmRow(
            PlanArm arm,
            int faster,
            int slower,
            double geometricSpeedup,
            double worstSlowdown,
            String worstLabel,
            double totalMs,
            int timeouts) {}

    private final String workload;
    private final ArmsBenchmark.Settings settings;
    private final List<Measured> measured;
    /** Statements that timed out under the default: their totals would compare timeouts, so they are left out. */
    private final List<String> leftOut;

    private final List<ArmRow> rows;
    private final double defaultTotalMs;
    private final double oracleTotalMs;

    public ArmsReport(String workload, ArmsBenchmark.Settings settings, List<PlanArm> arms, List<Measured> measured) {
        this.workload = workload;
        this.settings = settings;
        this.measured = List.copyOf(measured);
        this.leftOut = measured.stream()
                .filter(m -> !finishedByDefault(m))
                .map(m -> m.statement().label())
                .toList();
        this.defaultTotalMs = total(PlanArm.DEFAULT.name());
        this.oracleTotalMs = measured.stream()
                .filter(ArmsReport::finishedByDefault)
                .mapToDouble(m -> m.byArm().entrySet().stream()
                        .filter(e -> !e.getKey().equals(ArmsBenchmark.DEFAULT_AGAIN.name()))
                        .mapToDouble(e -> e.getValue().medianMs())
                        .min()
                        .orElseThrow())
                .sum();
        List<ArmRow> all = new ArrayList<>();
        for (PlanArm arm : arms) {
            all.add(row(arm));
        }
        this.rows = List.copyOf(all);
    }

    public List<ArmRow> rows() {
        return rows;
    }

    private ArmRow row(PlanArm arm) {
        int faster = 0;
        int slower = 0;
        int timeouts = 0;
        double logSum = 0;
        double worst = 0;
        String worstLabel = "";
        for (Measured m : measured) {
            double base = Math.max(0.001, m.byArm().get(PlanArm.DEFAULT.name()).medianMs());
            ArmsBenchmark.Cell cell = m.byArm().get(arm.name());
            double ms = Math.max(0.001, cell.medianMs());
            double speedup = base / ms;
            faster += speedup >= MATERIAL ? 1 : 0;
            slower += 1 / speedup >= MATERIAL ? 1 : 0;
            timeouts += cell.timeouts();
            logSum += Math.log(speedup);
            if (1 / speedup > worst) {
                worst = 1 / speedup;
                worstLabel = m.statement().label();
            }
        }
        return new ArmRow(
                arm,
                faster,
                slower,
                Math.exp(logSum / Math.max(1, measured.size())),
                worst,
                worstLabel,
                total(arm.name()),
                timeouts);
    }

    private double total(String arm) {
        return measured.stream()
                .filter(ArmsReport::finishedByDefault)
                .mapToDouble(m -> m.byArm().get(arm).medianMs())
                .sum();
    }

    private static boolean finishedByDefault(Measured m) {
        return m.byArm().get(PlanArm.DEFAULT.name()).timeouts() == 0;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "%s, %d statements; per statement a warm-up run, then %d rounds of every arm in a shuffled order,"
                        + " each in a read-only transaction rolled back, under a %d ms statement timeout (a timeout"
                        + " counts as the timeout); the cells compare medians. Faster / slower: statements whose"
                        + " median moved by at least %.1f×.%n%n",
                workload,
                measured.size(),
                settings.rounds(),
                settings.timeout().toMillis(),
                MATERIAL));
        md.append("| arm | settings | faster | slower | geometric mean speed-up | worst slowdown | workload total"
                + " | vs default | timeouts (runs) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ArmRow r : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %.2f× | %.1f× (%s) | %,.0f ms | %.2f× | %d |%n",
                    r.arm().name(),
                    r.arm().settings().isEmpty()
                            ? "none"
                            : r.arm().settings().entrySet().stream()
                                    .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                                    .collect(Collectors.joining(", ")),
                    r.faster(),
                    r.slower(),
                    r.geometricSpeedup(),
                    r.worstSlowdown(),
                    r.worstLabel(),
                    r.totalMs(),
                    defaultTotalMs / Math.max(0.001, r.totalMs()),
                    r.timeouts()));
        }
        md.append("\nPer statement, its best arm (the default when none is faster) and that arm's speed-up, beside the"
                + " default-again's ratio (noise):\n\n| statement | default | best arm | speed-up | default-again |\n"
                + "|---|---:|---|---:|---:|\n");
        for (Measured m : measured) {
            double base = m.byArm().get(PlanArm.DEFAULT.name()).medianMs();
            Map.Entry<String, ArmsBenchmark.Cell> best = m.byArm().entrySet().stream()
                    .filter(e -> !e.getKey().equals(ArmsBenchmark.DEFAULT_AGAIN.name()))
                    .min(Comparator.comparingDouble(e -> e.getValue().medianMs()))
                    .orElseThrow();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.1f ms%s | %s | %.2f× | %.2f× |%n",
                    m.statement().label(),
                    base,
                    finishedByDefault(m) ? "" : " (timeout)",
                    best.getKey(),
                    base / Math.max(0.001, best.getValue().medianMs()),
                    base
                            / Math.max(
                                    0.001,
                                    m.byArm()
                                            .get(ArmsBenchmark.DEFAULT_AGAIN.name())
                                            .medianMs())));
        }
        if (!leftOut.isEmpty()) {
            md.append("\nLeft out of the workload totals and the oracle (timed out under the default): ")
                    .append(String.join(", ", leftOut))
                    .append(".\n");
        }
        md.append(String.format(
                Locale.ROOT,
                "%nThe oracle (the best arm of each statement, chosen after the fact, default-again left out):"
                        + " %,.0f ms against the default's %,.0f ms, %.2f×: at most what per-statement steering could"
                        + " gain on this workload (picking the least of several noisy medians flatters it).%n",
                oracleTotalMs,
                defaultTotalMs,
                defaultTotalMs / Math.max(0.001, oracleTotalMs)));
        return md.toString();
    }
}
