package io.dwpilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.AgentSwitch;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** 'dwpilot replay' in-process on a real journal holding a few AgentSwitch decisions. */
class ReplayCommandTest {
    private static Database db;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void journalWithDecisions() throws Exception {
        db = TestPostgres.newWarehouse("replay");
        CompletableFuture<List<ActorRef<AgentSwitch.Command>>> spawned = new CompletableFuture<>();
        ActorSystem<Void> system = ActorSystem.create(
                Behaviors.setup(context -> {
                    spawned.complete(List.of(
                            context.spawn(AgentSwitch.create("indexer", Clock.systemUTC()), "indexer"),
                            context.spawn(AgentSwitch.create("governor", Clock.systemUTC()), "governor")));
                    return Behaviors.empty();
                }),
                "replay-writer",
                JournalConfig.overlay(db).withFallback(ConfigFactory.load()));
        try {
            ActorRef<AgentSwitch.Command> indexer = spawned.join().get(0);
            ActorRef<AgentSwitch.Command> governor = spawned.join().get(1);
            setMode(system, indexer, Mode.RECOMMEND_ONLY, "canary failed");
            setMode(system, governor, Mode.RECOMMEND_ONLY, "maintenance");
            setMode(system, indexer, Mode.AUTOMATIC, "fixed");
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void setMode(ActorSystem<?> system, ActorRef<AgentSwitch.Command> ref, Mode mode, String reason)
            throws Exception {
        StatusReply<Done> reply = AskPattern.<AgentSwitch.Command, StatusReply<Done>>ask(
                        ref,
                        replyTo -> new AgentSwitch.SetMode(mode, reason, replyTo),
                        Duration.ofSeconds(10),
                        system.scheduler())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(reply.isSuccess()).isTrue();
    }

    private int replay(String... options) {
        CommandLine cli = DwpilotCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("replay", "--db-url", db.url(), "--db-user", db.user()));
        args.addAll(List.of(options));
        return cli.execute(args.toArray(String[]::new));
    }

    @Test
    void printsTheTimelineAndTheCounts() {
        assertThat(replay()).isZero();
        String text = out.toString();
        assertThat(text)
                .containsSubsequence(
                        "indexer switched to recommend-only: canary failed",
                        "governor switched to recommend-only: maintenance",
                        "indexer switched to automatic: fixed",
                        "3 decisions from",
                        "By agent and kind:");
        assertThat(text)
                .containsPattern("governor +mode_changed +1\\n")
                .containsPattern("indexer +mode_changed +2\\n")
                .containsPattern("mode_changed +3\\n")
                .contains("Journal lag (written - decided): median ")
                .contains("Decision to effect: no event states when its decision took effect.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonLinesParseAndAgentFilters() throws Exception {
        assertThat(replay("--json", "--agent", "indexer")).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).extracting(l -> l.get("type").asText()).containsOnly("decision");
        assertThat(lines.subList(0, 2)).extracting(l -> l.get("agent").asText()).containsOnly("indexer");
        assertThat(lines.get(0).get("event").get("reason").asText()).isEqualTo("canary failed");
        assertThat(lines.get(0).get("sequenceNr").asLong()).isEqualTo(1);
        JsonNode summary = lines.get(2);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("decisions").asLong()).isEqualTo(2);
        assertThat(summary.get("byAgentAndKind")
                        .get("indexer")
                        .get("mode_changed")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void timeWindowsAndKindsFilterAndAnEmptyResultIsSaidPlainly() {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(replay("--to", LocalDate.now(ZoneOffset.UTC).toString(), "--kind", "mode_changed"))
                .isZero();
        assertThat(out.toString()).contains("3 decisions from");
        assertThat(replay("--from", tomorrow)).isZero();
        assertThat(out.toString()).contains("No decisions match");
    }

    @Test
    void badTimesAreUsageErrors() {
        assertThat(replay("--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--from must be an ISO instant").contains("Usage: dwpilot replay");
        assertThat(replay("--from", "2026-03-02", "--to", "2026-03-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--from must be before --to");
    }
}
