package io.dwpilot.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load scenarios: the normal workload alone (its unloaded p95), the overload at a multiple of capacity, and one
 * caller flooding beside the normal workload.
 */
public final class LoadScenarios {
    private final FaultRig rig;

    public LoadScenarios(FaultRig rig) {
        this.rig = rig;
    }

    /**
     * Warms the server up with the normal workload and some heavy statements (so that the gateway has seen the heavy
     * fingerprints' cost and sends them to the heavy lane), then measures the normal workload alone.
     */
    public LatencySummary unloaded() throws InterruptedException {
        FaultPlan plan = rig.plan();
        Duration warmUp =
                plan.baseline().compareTo(Duration.ofSeconds(20)) < 0 ? plan.baseline() : Duration.ofSeconds(20);
        rig.out().printf("Warming up for %d s (normal workload with heavy statements)%n", warmUp.toSeconds());
        LoadRun.runFor(
                rig.api(),
                rig.mix(),
                List.of(new LoadRun.Stream(rig.steady(), plan.steadyClients(), 0.3)),
                plan.seed(),
                warmUp,
                rig.out());
        rig.out()
                .printf(
                        "Unloaded: the normal workload (%d clients, interactive) for %d s%n",
                        plan.steadyClients(), plan.baseline().toSeconds());
        List<LoadRun.Sample> samples = LoadRun.runFor(
                rig.api(), rig.mix(), List.of(rig.normalWorkload()), plan.seed() + 1, plan.baseline(), rig.out());
        LatencySummary unloaded = FaultRig.latencies(samples, s -> s.answer().ok());
        rig.out().println("  unloaded interactive: " + unloaded + "; " + FaultRig.statuses(samples));
        return unloaded;
    }

    public Section overload(LatencySummary unloaded) throws Exception {
        FaultPlan plan = rig.plan();
        int clients = plan.overloadFactor() * rig.capacity();
        int perCaller = Math.max(1, clients / 3);
        rig.out()
                .printf(
                        "Overload: %d clients (%dx the lanes' %d slots) from three callers, half heavy, for %d s%n",
                        3 * perCaller,
                        plan.overloadFactor(),
                        rig.capacity(),
                        plan.overload().toSeconds());
        List<LoadRun.Sample> samples;
        HealthWatch health = HealthWatch.start(rig.api());
        try {
            samples = LoadRun.runFor(
                    rig.api(),
                    rig.mix(),
                    List.of(
                            new LoadRun.Stream(rig.steady(), perCaller, 0.5),
                            new LoadRun.Stream(rig.flooder(), perCaller, 0.5),
                            new LoadRun.Stream(rig.admin(), perCaller, 0.5)),
                    plan.seed() + 2,
                    plan.overload(),
                    rig.out());
        } finally {
            health.close();
        }
        LatencySummary interactive = FaultRig.latencies(
                samples,
                s -> s.kind() == StatementKind.INTERACTIVE && s.answer().ok());
        LatencySummary heavy = FaultRig.latencies(
                samples, s -> s.kind() == StatementKind.HEAVY && s.answer().ok());
        long unanswered = samples.stream().filter(s -> !s.answer().answered()).count();
        long oom = rig.dwpilot().outOfMemoryErrors();
        boolean alive = rig.dwpilot().alive();
        List<Aim> aims = List.of(
                new Aim(
                        "admitted interactive p95 ≤ 2× unloaded p95",
                        !interactive.empty() && interactive.p95() <= 2 * unloaded.p95(),
                        String.format(
                                Locale.ROOT,
                                "%.1f ms against 2 × %.1f ms = %.1f ms (%d admitted interactive)",
                                interactive.p95(),
                                unloaded.p95(),
                                2 * unloaded.p95(),
                                interactive.count())),
                rig.refusalsWithinWait("every refusal within the admission wait", samples),
                new Aim(
                        "every request answered (no hang)",
                        unanswered == 0,
                        unanswered + " of " + samples.size() + " requests without an answer"),
                new Aim(
                        "no OutOfMemoryError with -Xmx512m",
                        oom == 0 && alive,
                        oom + " OutOfMemoryError lines in dwpilot's log; process " + (alive ? "alive" : "dead")),
                new Aim(
                        "health UP throughout",
                        health.polls() > 0 && health.notUp() == 0,
                        String.format(
                                Locale.ROOT,
                                "%d of %d polls (1/s) not UP; slowest poll %.0f ms",
                                health.notUp(),
                                health.polls(),
                                health.slowestMs())));
        List<String> details = new ArrayList<>();
        details.add(String.format(
                Locale.ROOT,
                "%d requests in %d s (%.1f/s): %s",
                samples.size(),
                plan.overload().toSeconds(),
                samples.size() / (double) plan.overload().toSeconds(),
                FaultRig.statuses(samples)));
        health.notUpAnswers().forEach(a -> details.add("health poll not UP: " + a));
        details.add("admitted interactive: " + interactive);
        details.add("admitted heavy: " + heavy);
        aims.forEach(a -> rig.out().println("  " + a.line()));
        return new Section(
                "Overload at " + plan.overloadFactor() + "× capacity",
                String.format(
                        Locale.ROOT,
                        "%d closed-loop clients (%d× the two lanes' configured %d slots) split over two analysts and"
                                + " an admin, each statement interactive or heavy with equal odds (heavy: pg_sleep(0.5)"
                                + " or an aggregate over silver.sales_cleaned), for %d s against dwpilot started with"
                                + " -Xmx512m; the unloaded p95 is the normal workload's (%d clients, interactive only)"
                                + " alone: %s. Health was polled every second.",
                        3 * perCaller,
                        plan.overloadFactor(),
                        rig.capacity(),
                        plan.overload().toSeconds(),
                        plan.steadyClients(),
                        unloaded),
                aims,
                details);
    }

    public Section flood(LatencySummary unloaded) throws InterruptedException {
        FaultPlan plan = rig.plan();
        int clients = plan.overloadFactor() * rig.capacity();
        rig.out()
                .printf(
                        "Flood: %s with %d clients beside %s's normal workload for %d s%n",
                        rig.flooder().user(),
                        clients,
                        rig.steady().user(),
                        plan.flood().toSeconds());
        List<LoadRun.Sample> samples = LoadRun.runFor(
                rig.api(),
                rig.mix(),
                List.of(rig.normalWorkload(), new LoadRun.Stream(rig.flooder(), clients, 0.5)),
                plan.seed() + 3,
                plan.flood(),
                rig.out());
        List<LoadRun.Sample> steady = samples.stream()
                .filter(s -> s.user().equals(rig.steady().user()))
                .toList();
        List<LoadRun.Sample> flooder = samples.stream()
                .filter(s -> s.user().equals(rig.flooder().user()))
                .toList();
        LatencySummary steadyOk = FaultRig.latencies(steady, s -> s.answer().ok());
        long steadyFailed = steady.stream().filter(s -> !s.answer().ok()).count();
        Aim aim = new Aim(
                "the normal caller's p95 ≤ 1.5× its unloaded p95",
                !steadyOk.empty() && steadyOk.p95() <= 1.5 * unloaded.p95(),
                String.format(
                        Locale.ROOT,
                        "%.1f ms against 1.5 × %.1f ms = %.1f ms (%d answered ok, %d not ok)",
                        steadyOk.p95(),
                        unloaded.p95(),
                        1.5 * unloaded.p95(),
                        steadyOk.count(),
                        steadyFailed));
        rig.out().println("  " + aim.line());
        return new Section(
                "One caller flooding",
                String.format(
                        Locale.ROOT,
                        "Analyst %s sends the normal workload (%d clients, interactive statements) while analyst %s"
                                + " floods with %d clients (half heavy) for %d s.",
                        rig.steady().user(),
                        plan.steadyClients(),
                        rig.flooder().user(),
                        clients,
                        plan.flood().toSeconds()),
                List.of(aim),
                List.of(
                        rig.steady().user() + ": " + FaultRig.statuses(steady) + "; ok " + steadyOk,
                        rig.flooder().user() + ": " + FaultRig.statuses(flooder) + "; ok "
                                + FaultRig.latencies(flooder, s -> s.answer().ok())));
    }
}
