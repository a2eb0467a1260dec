package io.dwpilot.agents.anomaly;

import io.dwpilot.persistence.metrics.SystemSample;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The system metrics the watcher can judge, by their metadata.system_metrics column name. */
enum SystemMetric {
    CPU_USAGE("cpu_usage", SystemSample::cpuUsage),
    ACTIVE_QUERIES("active_queries", SystemSample::activeQueries),
    LOCKS_WAITING("locks_waiting", SystemSample::locksWaiting),
    IO_OPERATIONS("io_operations", SystemSample::ioOperations),
    CONNECTIONS("connections", SystemSample::connections);

    private final String column;
    private final Function<SystemSample, ? extends Number> reading;

    SystemMetric(String column, Function<SystemSample, ? extends Number> reading) {
        this.column = column;
        this.reading = reading;
    }

    String column() {
        return column;
    }

    /** The metric's value in a sample; empty when the sampler could not measure it. */
    Optional<Double> in(SystemSample sample) {
        return Optional.ofNullable(reading.apply(sample)).map(Number::doubleValue);
    }

    static Optional<SystemMetric> byColumn(String column) {
        return Arrays.stream(values()).filter(m -> m.column.equals(column)).findFirst();
    }
}
