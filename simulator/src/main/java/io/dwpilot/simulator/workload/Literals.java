package io.dwpilot.simulator.workload;

import java.time.LocalDate;

/** SQL literals for inlined parameters: the workload sends complete statements, never bind parameters. */
final class Literals {
    private Literals() {}

    static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String date(LocalDate day) {
        return "DATE '" + day + "'";
    }
}
