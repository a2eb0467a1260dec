package io.dwpilot.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * dwpilot killed with SIGKILL twice and started again: during a concurrent index build, and during a burst of journal
 * writes (the indexer's mode switched back and forth, each switch a journaled event).
 */
public final class CrashScenario {
    private static final String MODE = "/api/v1/optimization/indexes/mode";
    private static final int INDEXABLE_STATEMENTS = 30;
    private static final Duration BURST = Duration.ofSeconds(2);

    private final FaultRig rig;

    public CrashScenario(FaultRig rig) {
        this.rig = rig;
    }

    public Section run() throws Exception {
        List<String> agentsBefore = Agents.names(rig);
        JournalAudit.Snapshot journalBefore = JournalAudit.snapshot(rig.server()::connect);
        List<String> details = new ArrayList<>();
        IndexKill index = killDuringIndexBuild(details);
        List<String> agentsAfterIndexKill = Agents.names(rig);
        BurstKill burst = killDuringJournalBurst(details);
        List<String> agentsAfter = Agents.names(rig);

        rig.out().println("  waiting for the indexer and the decision log to settle");
        int invalid = settleInvalid();
        int duplicates = Catalog.duplicateIndexes(rig.server()::connect);
        JournalAudit.Decisions decisions = settleDecisions();
        JournalAudit.Snapshot journalAfter = JournalAudit.snapshot(rig.server()::connect);
        String modeAfter = burst.modeAfterRestart();
        boolean modeRecovered = burst.acknowledged().isEmpty()
                ? burst.inFlight().map(modeAfter::equals).orElse(false)
                : modeAfter.equals(burst.acknowledged().get(burst.acknowledged().size() - 1))
                        || burst.inFlight().map(modeAfter::equals).orElse(false);
        Optional<String> recommendation = index.recommendation()
                .map(id -> ApiClient.json(rig.api().get(rig.admin().token(), "/api/v1/optimization/indexes/" + id))
                        .path("status")
                        .asText());

        List<Aim> aims = List.of(
                new Aim(
                        "no INVALID index left",
                        index.killedDuringBuild() && invalid == 0,
                        index.killedDuringBuild()
                                ? invalid + " INVALID indexes after the restarts (killed in phase '" + index.phase()
                                        + "')"
                                : "not exercised: " + index.why()),
                new Aim(
                        "no index built twice",
                        index.killedDuringBuild() && duplicates == 0,
                        duplicates + " sets of identical indexes; the recommendation's status after the restart: "
                                + recommendation.orElse("none")),
                new Aim(
                        "every agent's state recovered",
                        agentsAfterIndexKill.equals(agentsBefore) && agentsAfter.equals(agentsBefore) && modeRecovered,
                        String.format(
                                Locale.ROOT,
                                "agents after each restart %s; the indexer's mode after the restart '%s', the last"
                                        + " acknowledged switch '%s'%s",
                                agentsAfterIndexKill.equals(agentsBefore) && agentsAfter.equals(agentsBefore)
                                        ? "the same as before (" + agentsBefore.size() + ")"
                                        : agentsAfterIndexKill + " / " + agentsAfter + " against " + agentsBefore,
                                modeAfter,
                                burst.acknowledged().isEmpty()
                                        ? "none"
                                        : burst.acknowledged()
                                                .get(burst.acknowledged().size() - 1),
                                burst.inFlight()
                                        .map(m -> ", in flight at the kill '" + m + "'")
                                        .orElse(""))),
                new Aim(
                        "no decision lost or duplicated",
                        journalAfter.lostSince(journalBefore) == 0
                                && journalAfter.gaps() == 0
                                && journalAfter.repeats() == 0
                                && decisions.exact(),
                        String.format(
                                Locale.ROOT,
                                "journal %d → %d events: %d lost, %d gaps, %d repeated sequence numbers; %d decisions"
                                        + " in the journal, read model: %d missing, %d duplicated, %d without event",
                                journalBefore.events(),
                                journalAfter.events(),
                                journalAfter.lostSince(journalBefore),
                                journalAfter.gaps(),
                                journalAfter.repeats(),
                                decisions.inJournal(),
                                decisions.missing(),
                                decisions.duplicated(),
                                decisions.orphaned())));
        aims.forEach(a -> rig.out().println("  " + a.line()));
        return new Section(
                "dwpilot killed with SIGKILL",
                "First during an index build: the indexer (recommend-only) is given " + INDEXABLE_STATEMENTS
                        + " reads of single customers' sales, asked to analyze, and an admin applies its"
                        + " recommendation; an open repeatable-read transaction of the experiment holds the"
                        + " concurrent build in its last wait (the index still INVALID) until dwpilot is killed"
                        + " there, whatever the table's size, and the build's orphaned backend is ended (as"
                        + " PostgreSQL ends it when it notices the lost client), leaving an INVALID index. Then during a burst of journal writes: the indexer's"
                        + " mode switched back and forth as fast as it answers, killed after " + BURST.toSeconds()
                        + " s. Each time dwpilot is started again and the checks wait up to "
                        + rig.plan().settle().toSeconds()
                        + " s for the indexer and the decision log to settle.",
                aims,
                details);
    }

    private record IndexKill(boolean killedDuringBuild, String phase, String why, Optional<Long> recommendation) {}

    private IndexKill killDuringIndexBuild(List<String> details) throws Exception {
        rig.out().println("SIGKILL during an index build");
        Random random = new Random(rig.plan().seed() + 5);
        List<LoadRun.Sample> reads = new ArrayList<>();
        for (int i = 0; i < INDEXABLE_STATEMENTS; i++) {
            StatementMix.Statement s = rig.mix().indexable(random);
            reads.add(new LoadRun.Sample(
                    rig.admin().user(),
                    s.kind(),
                    s.probe(),
                    rig.api().execute(rig.admin().token(), s.sql())));
        }
        QueryLogAudit.check(reads, rig.server()::connect, rig.plan().settle());
        ApiClient.Answer started = rig.api().post(rig.admin().token(), "/api/v1/optimization/indexes/analyze", "");
        JsonNode analysis =
                awaitAnalysis(ApiClient.json(started).path("statusUrl").asText());
        details.add("indexer analysis: " + analysis.path("status").asText() + ", "
                + analysis.path("summary").asText(analysis.path("message").asText()));
        JsonNode listed =
                ApiClient.json(rig.api().get(rig.admin().token(), "/api/v1/optimization/indexes?status=recommended"));
        Optional<JsonNode> pick = Optional.empty();
        for (JsonNode r : listed.path("indexes")) {
            if (pick.isEmpty() || r.path("index").path("table").asText().contains("sales_cleaned")) {
                pick = Optional.of(r);
            }
        }
        if (pick.isEmpty()) {
            return new IndexKill(false, "", "the indexer recommended no index", Optional.empty());
        }
        long id = pick.get().path("id").asLong();
        details.add(
                "applied recommendation " + id + ": " + pick.get().path("ddl").asText());
        try (Connection blocker = rig.server().connect()) {
            blocker.setAutoCommit(false);
            blocker.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = blocker.createStatement()) {
                s.execute("SELECT 1"); // takes the snapshot a concurrent build must wait for
            }
            ApiClient.Answer applied =
                    rig.api().post(rig.admin().token(), "/api/v1/optimization/indexes/" + id + "/apply", "");
            if (!applied.ok()) {
                return new IndexKill(false, "", "apply answered " + applied.status(), Optional.of(id));
            }
            Optional<String> phase = awaitPhase("waiting for old snapshots");
            if (phase.isEmpty()) {
                return new IndexKill(false, "", "no build was seen waiting within the settle time", Optional.of(id));
            }
            rig.dwpilot().kill();
            int invalidAtKill = Catalog.invalidIndexes(rig.server()::connect);
            // PostgreSQL would finish the orphaned build once the snapshot is gone; ending its backend instead
            // leaves the INVALID index a build cut short by a crash leaves, for the restarted dwpilot to find
            int ended = Catalog.endBuilds(rig.server()::connect);
            blocker.rollback();
            rig.out()
                    .printf(
                            "  killed dwpilot while the build was '%s' (%d INVALID indexes then)%n",
                            phase.get(), invalidAtKill);
            details.add("killed while pg_stat_progress_create_index showed '" + phase.get() + "': " + invalidAtKill
                    + " INVALID indexes then; " + ended + " orphaned build backends ended");
            rig.restartDwpilot();
            return new IndexKill(true, phase.get(), "", Optional.of(id));
        }
    }

    /** The analysis behind {@code statusUrl} once it is no longer running, or as it is when the settle time ends. */
    private JsonNode awaitAnalysis(String statusUrl) throws Exception {
        long deadline = System.nanoTime() + rig.plan().settle().toNanos();
        JsonNode analysis = ApiClient.json(rig.api().get(rig.admin().token(), statusUrl));
        while (analysis.path("status").asText().equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            analysis = ApiClient.json(rig.api().get(rig.admin().token(), statusUrl));
        }
        return analysis;
    }

    private Optional<String> awaitPhase(String wanted) throws Exception {
        long deadline = System.nanoTime() + rig.plan().settle().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> phase = Catalog.buildPhase(rig.server()::connect);
            if (phase.isPresent() && phase.get().contains(wanted)) {
                return phase;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    private record BurstKill(List<String> acknowledged, Optional<String> inFlight, String modeAfterRestart) {}

    private BurstKill killDuringJournalBurst(List<String> details) throws Exception {
        rig.out().println("SIGKILL during a burst of journal writes");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        String[] inFlight = new String[1];
        Thread burst = new Thread(
                () -> {
                    for (int i = 0; ; i++) {
                        String mode = i % 2 == 0 ? "automatic" : "recommend-only";
                        inFlight[0] = mode;
                        ApiClient.Answer a = rig.api()
                                .put(
                                        rig.admin().token(),
                                        MODE,
                                        "{\"mode\": \"" + mode + "\", \"reason\": \"faults experiment burst " + i
                                                + "\"}");
                        if (!a.ok()) {
                            return; // dwpilot is gone
                        }
                        acknowledged.add(mode);
                    }
                },
                "faults-burst");
        burst.start();
        Thread.sleep(BURST.toMillis());
        rig.dwpilot().kill();
        burst.join(30_000);
        String last = inFlight[0];
        details.add(acknowledged.size() + " mode switches acknowledged in " + BURST.toSeconds() + " s before the kill");
        rig.out().printf("  killed dwpilot after %d acknowledged switches%n", acknowledged.size());
        rig.restartDwpilot();
        String recovered = ApiClient.json(rig.api().get(rig.admin().token(), MODE))
                .path("mode")
                .asText();
        // leave the indexer as the experiment found it: recommend-only
        rig.api().put(rig.admin().token(), MODE, "{\"mode\": \"recommend-only\", \"reason\": \"faults experiment\"}");
        return new BurstKill(List.copyOf(acknowledged), Optional.ofNullable(last), recovered);
    }

    private int settleInvalid() throws Exception {
        long deadline = System.nanoTime() + rig.plan().settle().toNanos();
        int invalid;
        while ((invalid = Catalog.invalidIndexes(rig.server()::connect)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        return invalid;
    }

    private JournalAudit.Decisions settleDecisions() throws Exception {
        long deadline = System.nanoTime() + rig.plan().settle().toNanos();
        JournalAudit.Decisions decisions;
        while (!(decisions = JournalAudit.decisions(rig.server()::connect)).exact() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        return decisions;
    }
}
