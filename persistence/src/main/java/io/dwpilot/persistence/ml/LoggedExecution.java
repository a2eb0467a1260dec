package io.dwpilot.persistence.ml;

import io.dwpilot.persistence.query.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One logged execution with the features it was predicted from, as a trainer reads it.
 *
 * @param fingerprint   empty when the statement was logged without one
 * @param at            workload time: the simulator's clock when it drove the query, the wall clock otherwise
 * @param statementKind empty when the statement was logged without one
 * @param executionMs   NaN when no time was measured (e.g. a rejected statement)
 * @param features      empty when none of the requested feature version were stored
 */
public record LoggedExecution(
        long queryId,
        String fingerprint,
        Instant at,
        ExecutionStatus status,
        String statementKind,
        double executionMs,
        OptionalDouble predictedMs,
        OptionalInt concurrentQueries,
        List<String> tables,
        Map<String, Double> features) {
    public LoggedExecution {
        tables = List.copyOf(tables);
        features = Map.copyOf(features);
    }
}
