package io.dwpilot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.dwpilot.agents.feed.DecisionReplay;
import io.dwpilot.agents.feed.PersistedDecision;
import io.dwpilot.agents.feed.ReplaySummary;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Print the agents' decisions from the journal: the timeline (time, agent, kind, summary) and a",
            "summary (decisions by agent and kind, by kind, journal lag, time from decision to effect where an event",
            "states it). Times are the agents' decision times; T is an ISO instant (2026-03-01T10:00:00Z) or a date",
            "(2026-03-01: --from that day's start, --to that day's end)."
        })
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--from", paramLabel = "T", description = "Only decisions at or after T.")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Only decisions before T (a date: up to its end).")
    String to;

    @Option(names = "--agent", paramLabel = "NAME", description = "Only this agent's decisions, e.g. governor.")
    String agent;

    @Option(names = "--kind", paramLabel = "K", description = "Only decisions of this kind, e.g. limits_changed.")
    String kind;

    @Option(
            names = "--json",
            description = "Print JSON lines: one per decision ({\"type\":\"decision\",...}), then the summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DecisionReplay.Filter filter = new DecisionReplay.Filter(
                time("--from", from, false),
                time("--to", to, true),
                Optional.ofNullable(agent),
                Optional.ofNullable(kind));
        if (filter.from().isPresent()
                && filter.to().isPresent()
                && !filter.from().get().isBefore(filter.to().get())) {
            throw new ParameterException(spec.commandLine(), "--from must be before --to");
        }
        Config config = common.config();
        PrintWriter out = spec.commandLine().getOut();
        // with --json, stdout carries only JSON lines
        PrintStream progress = json ? System.err : System.out;
        try (Database database = ConsoleWarehouse.open(config, progress)) {
            Config journal = JournalConfig.overlay(database).withFallback(config);
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "dwpilot-replay", journal);
            try {
                progress.println("Reading decisions from the journal ...");
                ObjectMapper mapper = PersistedDecision.mapper(system);
                ReplaySummary summary = new ReplaySummary();
                DecisionReplay.current(system, filter)
                        .runForeach(
                                d -> {
                                    summary.add(d);
                                    printDecision(out, mapper, d);
                                },
                                system)
                        .toCompletableFuture()
                        .join();
                printSummary(out, mapper, summary, filter);
                out.flush();
                return 0;
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
            }
        }
    }

    private void printDecision(PrintWriter out, ObjectMapper mapper, PersistedDecision d) throws Exception {
        if (json) {
            ObjectNode line = mapper.createObjectNode().put("type", "decision");
            line.setAll(d.toJson(mapper));
            out.println(mapper.writeValueAsString(line));
        } else {
            out.printf(
                    "%-30s %-16s %-22s %s%n",
                    d.event().at(),
                    d.event().agent(),
                    d.event().kind(),
                    d.event().summary());
        }
    }

    private void printSummary(PrintWriter out, ObjectMapper mapper, ReplaySummary s, DecisionReplay.Filter filter)
            throws Exception {
        if (json) {
            ObjectNode line = mapper.createObjectNode().put("type", "summary").put("decisions", s.total());
            line.set("byAgentAndKind", mapper.valueToTree(s.byAgentAndKind()));
            line.set("byKind", mapper.valueToTree(s.byKind()));
            line.set("journalLag", mapper.valueToTree(s.journalLag()));
            line.set("decisionToEffect", mapper.valueToTree(s.decisionToEffect()));
            out.println(mapper.writeValueAsString(line));
            return;
        }
        if (s.total() == 0) {
            boolean filtered = filter.from().isPresent()
                    || filter.to().isPresent()
                    || filter.agent().isPresent()
                    || filter.kind().isPresent();
            out.println(
                    filtered
                            ? "No decisions match (the journal may hold others; widen --from/--to/--agent/--kind)."
                            : "The journal holds no decisions yet: the agents record one for each action they take.");
            return;
        }
        out.printf(
                "%n%d decisions from %s to %s%n",
                s.total(), s.first().orElseThrow(), s.last().orElseThrow());
        out.println("By agent and kind:");
        s.byAgentAndKind().forEach((a, kinds) -> kinds.forEach((k, n) -> out.printf("  %-16s %-22s %6d%n", a, k, n)));
        out.println("By kind (outcomes):");
        s.byKind().forEach((k, n) -> out.printf("  %-39s %6d%n", k, n));
        s.journalLag()
                .ifPresent(lag -> out.printf(
                        "Journal lag (written - decided): median %s, max %s%n",
                        millis(lag.median()), millis(lag.max())));
        out.println(s.decisionToEffect()
                .map(e -> String.format(
                        "Decision to effect (%d events state it): median %s, max %s",
                        e.count(), millis(e.median()), millis(e.max())))
                .orElse("Decision to effect: no event states when its decision took effect."));
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private Optional<Instant> time(String option, String value, boolean end) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return Optional.of((end ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
            } catch (DateTimeParseException notADate) {
                throw new ParameterException(
                        spec.commandLine(),
                        option + " must be an ISO instant (2026-03-01T10:00:00Z) or a date (2026-03-01), got " + value);
            }
        }
    }
}
