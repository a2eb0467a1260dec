package io.dwpilot.simulator.workload;

import java.time.LocalDate;

/** Days {@code first} to {@code last} inclusive; rendered as the half-open range [from, until) that SQL likes. */
record DateSpan(LocalDate first, LocalDate last) {

    DateSpan {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("span ends before it starts: " + first + " to " + last);
        }
    }

    String from() {
        return Literals.date(first);
    }

    String until() {
        return Literals.date(last.plusDays(1));
    }
}
