package io.dwpilot.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** PostgreSQL stopped under load and started again on the same data, while dwpilot keeps running. */
public final class OutageScenario {
    private static final Duration BEFORE = Duration.ofSeconds(5);
    private static final Duration AFTER = Duration.ofSeconds(15);
    private static final Duration RECOVERY_AIM = Duration.ofSeconds(5);

    private final FaultRig rig;

    public OutageScenario(FaultRig rig) {
        this.rig = rig;
    }

    public Section run() throws Exception {
        FaultPlan plan = rig.plan();
        rig.out()
                .printf(
                        "Outage: PostgreSQL stopped for %d s under the normal workload%n",
                        plan.outage().toSeconds());
        List<String> agentsBefore = Agents.names(rig);
        JournalAudit.Snapshot journalBefore = JournalAudit.snapshot(rig.server()::connect);
        List<LoadRun.Sample> samples;
        Instant stoppedAt;
        Instant backAt;
        try (LoadRun load = LoadRun.start(rig.api(), rig.mix(), List.of(rig.normalWorkload()), plan.seed() + 4)) {
            Thread.sleep(BEFORE.toMillis());
            rig.server().stop();
            stoppedAt = Instant.now(); // from here on PostgreSQL is down
            rig.out().println("  PostgreSQL stopped");
            Thread.sleep(plan.outage().toMillis());
            rig.server().restart();
            backAt = rig.server().startedAt();
            Thread.sleep(AFTER.toMillis());
            samples = load.stop();
        }
        // every request that was waiting at some moment while PostgreSQL was down, wherever it started or ended
        List<LoadRun.Sample> during = LoadRun.inFlightBetween(samples, stoppedAt, backAt);
        long unanswered = during.stream().filter(s -> !s.answer().answered()).count();
        long failedOtherwise = during.stream()
                .filter(s ->
                        s.answer().answered() && !s.answer().ok() && s.answer().status() != 503)
                .count();
        long late = during.stream()
                .filter(s ->
                        s.answer().latencyMs() > rig.admissionWait(s.kind()).toMillis())
                .count();
        double slowest =
                during.stream().mapToDouble(s -> s.answer().latencyMs()).max().orElse(0);
        Optional<Instant> servingAgain = samples.stream()
                .filter(s -> s.answer().ok() && !s.answer().sentAt().isBefore(stoppedAt))
                .map(s -> s.answer().completedAt())
                .filter(t -> t.isAfter(backAt))
                .min(Instant::compareTo);
        Optional<Duration> recovery = servingAgain.map(t -> Duration.between(backAt, t));

        rig.out().println("  checking the query log");
        QueryLogAudit.Result logged = QueryLogAudit.check(samples, rig.server()::connect, plan.settle());
        ApiClient.Answer modeWrite = rig.api()
                .put(
                        rig.admin().token(),
                        "/api/v1/optimization/indexes/mode",
                        "{\"mode\": \"recommend-only\", \"reason\": \"faults experiment: a journal write after the"
                                + " outage\"}");
        List<String> agentsAfter = Agents.names(rig);
        JournalAudit.Snapshot journalAfter = JournalAudit.snapshot(rig.server()::connect);

        List<Aim> aims = List.of(
                new Aim(
                        "requests during the outage fail fast (503 within the admission wait, no hang)",
                        !during.isEmpty() && unanswered == 0 && failedOtherwise == 0 && late == 0,
                        String.format(
                                Locale.ROOT,
                                "%d requests in flight while PostgreSQL was down: %s; %d answered later than the"
                                        + " admission wait (%d ms), slowest %.0f ms",
                                during.size(),
                                FaultRig.statuses(during),
                                late,
                                rig.interactiveWait().toMillis(),
                                slowest)),
                new Aim(
                        "the gateway serves again ≤ 5 s after PostgreSQL is back",
                        recovery.isPresent() && recovery.get().compareTo(RECOVERY_AIM) <= 0,
                        recovery.map(d -> String.format(
                                        Locale.ROOT,
                                        "first successful answer %.2f s after the postmaster started",
                                        d.toMillis() / 1000.0))
                                .orElse("no successful answer within " + AFTER.toSeconds() + " s")),
                new Aim(
                        "every request has its query-log row (0 lost)",
                        logged.missing() == 0,
                        String.format(
                                Locale.ROOT,
                                "%d of %d answered requests without a row (waited %.0f s for the log)",
                                logged.missing(),
                                logged.answered(),
                                logged.waited().toMillis() / 1000.0)),
                new Aim(
                        "the agents resume from their journal",
                        agentsAfter.equals(agentsBefore)
                                && modeWrite.ok()
                                && journalAfter.lostSince(journalBefore) == 0
                                && journalAfter.gaps() == 0
                                && journalAfter.repeats() == 0
                                && journalAfter.events() > journalBefore.events(),
                        String.format(
                                Locale.ROOT,
                                "agents %s before and %s after; a journaled mode switch after the outage answered %d;"
                                        + " journal %d → %d events, %d lost, %d gaps, %d repeats",
                                agentsBefore,
                                agentsAfter.equals(agentsBefore) ? "the same" : agentsAfter.toString(),
                                modeWrite.status(),
                                journalBefore.events(),
                                journalAfter.events(),
                                journalAfter.lostSince(journalBefore),
                                journalAfter.gaps(),
                                journalAfter.repeats())));
        aims.forEach(a -> rig.out().println("  " + a.line()));
        List<String> details = new ArrayList<>();
        details.add("all requests of the phase: " + FaultRig.statuses(samples));
        details.add(String.format(
                Locale.ROOT,
                "PostgreSQL was down (its fast shutdown done) at %s, its postmaster started again at %s (%.1f s later)",
                stoppedAt,
                backAt,
                Duration.between(stoppedAt, backAt).toMillis() / 1000.0));
        return new Section(
                "PostgreSQL stopped for " + plan.outage().toSeconds() + " s under load",
                String.format(
                        Locale.ROOT,
                        "The normal workload (%d clients) runs %d s, then the experiment stops its PostgreSQL (a fast"
                                + " shutdown), starts it again on the same data after %d s and keeps the load on for"
                                + " %d s more. dwpilot keeps running throughout. A request in flight at any moment while"
                                + " PostgreSQL was down must be answered within its lane's admission wait, with 503"
                                + " unless it succeeded once PostgreSQL was back; serving again is timed from the"
                                + " postmaster's start (pg_postmaster_start_time) to the first successful answer.",
                        plan.steadyClients(),
                        BEFORE.toSeconds(),
                        plan.outage().toSeconds(),
                        AFTER.toSeconds()),
                aims,
                details);
    }
}
