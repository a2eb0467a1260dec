package io.dwpilot.bench.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the scenarios share: the experiment's PostgreSQL, dwpilot's process, the API with its callers, the statements,
 * the admission settings dwpilot runs with, and the console.
 *
 * @param steady          the caller with a normal workload (an analyst)
 * @param flooder         the caller that floods (another analyst)
 * @param admin           an admin, for the indexer's routes and the agents' view
 * @param interactiveWait the interactive lane's admission wait
 * @param heavyWait       the heavy lane's admission wait
 * @param capacity        statements the two lanes run at once, as configured
 */
public record FaultRig(
        FaultPlan plan,
        WarehouseServer server,
        DwpilotProcess dwpilot,
        ApiClient api,
        StatementMix mix,
        Caller steady,
        Caller flooder,
        Caller admin,
        Duration interactiveWait,
        Duration heavyWait,
        int capacity,
        PrintStream out) {

    /** The admission wait of the lane a statement of {@code kind} goes to. */
    public Duration admissionWait(StatementKind kind) {
        return kind == StatementKind.INTERACTIVE ? interactiveWait : heavyWait;
    }

    /** The normal workload: the steady caller's clients, interactive statements only. */
    public LoadRun.Stream normalWorkload() {
        return new LoadRun.Stream(steady, plan.steadyClients(), 0);
    }

    /** Starts dwpilot again after a kill and waits until it is UP. */
    public void restartDwpilot() throws Exception {
        long start = System.nanoTime();
        dwpilot.start(api, Duration.ofMinutes(5));
        out.printf("  dwpilot UP again after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Every refusal answered within its lane's admission wait; the aim names the slowest one. */
    public Aim refusalsWithinWait(String name, List<LoadRun.Sample> samples) {
        List<LoadRun.Sample> refused =
                samples.stream().filter(s -> s.answer().refused()).toList();
        long late = refused.stream()
                .filter(s -> s.answer().latencyMs() > admissionWait(s.kind()).toMillis())
                .count();
        return new Aim(
                name,
                late == 0,
                String.format(
                        Locale.ROOT,
                        "%d refusals (%s), %d later than the wait (interactive %d ms, heavy %d ms); slowest"
                                + " interactive %.0f ms, heavy %.0f ms",
                        refused.size(),
                        statuses(refused),
                        late,
                        interactiveWait.toMillis(),
                        heavyWait.toMillis(),
                        slowest(refused, StatementKind.INTERACTIVE),
                        slowest(refused, StatementKind.HEAVY)));
    }

    private static double slowest(List<LoadRun.Sample> samples, StatementKind kind) {
        return samples.stream()
                .filter(s -> s.kind() == kind)
                .mapToDouble(s -> s.answer().latencyMs())
                .max()
                .orElse(0);
    }

    /** Counts of samples by status, e.g. {@code 200: 812, 503: 95}. */
    public static String statuses(List<LoadRun.Sample> samples) {
        Map<Integer, Long> counts = samples.stream()
                .collect(Collectors.groupingBy(s -> s.answer().status(), TreeMap::new, Collectors.counting()));
        return counts.isEmpty()
                ? "none"
                : counts.entrySet().stream()
                        .map(e -> label(e.getKey()) + ": " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static String label(int status) {
        return switch (status) {
            case 0 -> "no connection";
            case -1 -> "no answer";
            default -> Integer.toString(status);
        };
    }

    /** Latencies of the samples that match, summarised. */
    public static LatencySummary latencies(List<LoadRun.Sample> samples, Predicate<LoadRun.Sample> which) {
        return LatencySummary.of(
                samples.stream().filter(which).map(s -> s.answer().latencyMs()).toList());
    }
}
