package io.dwpilot.agents.observer;

import static io.dwpilot.persistence.query.ExecutionStatus.OK;

import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.gateway.Role;
import io.dwpilot.persistence.query.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Scripted gateway events: simulated-time statements (workload time = simulated time) unless said otherwise. */
final class Executions {
    /** The wall clock of the scripted executions, a year after the simulated times the tests use. */
    static final Instant WALL = Instant.parse("2026-03-10T12:00:00Z");

    private static final AtomicLong IDS = new AtomicLong();
    private static final Caller CALLER = new Caller("ana", Role.ANALYST);

    private Executions() {}

    static QueryExecuted ok(String fingerprint, Instant simulatedAt, double millis, long rows) {
        return event(fingerprint, OK, simulatedAt, millis, rows);
    }

    static QueryExecuted outcome(String fingerprint, ExecutionStatus status, Instant simulatedAt) {
        return event(fingerprint, status, simulatedAt, 5, 0);
    }

    /** An ok statement not driven by the simulator: its workload time is its wall time. */
    static QueryExecuted wallOk(String fingerprint, Instant executedAt) {
        return new QueryExecuted(
                IDS.incrementAndGet(),
                fingerprint,
                "select",
                tables(fingerprint),
                columns(fingerprint),
                CALLER,
                OK,
                1,
                1,
                executedAt,
                Optional.empty());
    }

    private static QueryExecuted event(
            String fingerprint, ExecutionStatus status, Instant simulatedAt, double millis, long rows) {
        return new QueryExecuted(
                IDS.incrementAndGet(),
                fingerprint,
                "select",
                tables(fingerprint),
                columns(fingerprint),
                CALLER,
                status,
                millis,
                rows,
                WALL,
                Optional.of(simulatedAt));
    }

    static List<String> tables(String fingerprint) {
        return List.of("gold." + fingerprint);
    }

    static List<String> columns(String fingerprint) {
        return List.of("gold." + fingerprint + ".id", "gold." + fingerprint + ".day");
    }
}
