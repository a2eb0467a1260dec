package io.dwpilot.bench.faults;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;

/** The faults experiment's findings as Markdown: how it was run, on what, and each scenario's aims with numbers. */
public record FaultsReport(
        String commandLine, Instant started, String postgresVersion, FaultPlan plan, List<Section> sections) {

    public String markdown() {
        StringBuilder md =
                new StringBuilder("# Faults: overload, a flooding caller, PostgreSQL stopped, dwpilot killed\n\n");
        md.append("Command: `").append(commandLine).append("`\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Run %s on %d cores and %.1f GiB of memory; PostgreSQL %s (embedded, owned by the experiment);"
                        + " dwpilot `up` in its own JVM; retail scale %s.%n%n",
                started.truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                new SystemInfo().getHardware().getMemory().getTotal() / (1024.0 * 1024 * 1024),
                postgresVersion,
                plan.scale()));
        md.append("| scenario | aim | result |\n|---|---|---|\n");
        for (Section section : sections) {
            for (Aim aim : section.aims()) {
                md.append("| ")
                        .append(section.title())
                        .append(" | ")
                        .append(aim.name())
                        .append(" | ")
                        .append(aim.met() ? "PASS" : "**MISS**")
                        .append(" |\n");
            }
        }
        long met = sections.stream()
                .flatMap(s -> s.aims().stream())
                .filter(Aim::met)
                .count();
        long aims = sections.stream().mapToLong(s -> s.aims().size()).sum();
        md.append("\n").append(met).append(" of ").append(aims).append(" aims met.\n\n");
        sections.forEach(s -> md.append(s.markdown()));
        return md.toString();
    }
}
