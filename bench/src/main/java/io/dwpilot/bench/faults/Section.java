package io.dwpilot.bench.faults;

import java.util.List;

/** What one scenario found: how it was run, its aims with their numbers, and further measurements. */
public record Section(String title, String method, List<Aim> aims, List<String> details) {

    String markdown() {
        StringBuilder md = new StringBuilder("## ")
                .append(title)
                .append("\n\n")
                .append(method)
                .append("\n\n");
        md.append("| aim | result | measured |\n|---|---|---|\n");
        for (Aim aim : aims) {
            md.append("| ")
                    .append(aim.name())
                    .append(" | ")
                    .append(aim.met() ? "PASS" : "**MISS**")
                    .append(" | ")
                    .append(aim.measured())
                    .append(" |\n");
        }
        if (!details.isEmpty()) {
            md.append('\n');
            details.forEach(d -> md.append("- ").append(d).append('\n'));
        }
        return md.append('\n').toString();
    }
}
