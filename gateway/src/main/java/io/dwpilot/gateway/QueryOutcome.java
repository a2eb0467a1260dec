package io.dwpilot.gateway;

import io.dwpilot.persistence.query.QueryResult;
import java.util.List;
import java.util.OptionalLong;

/**
 * A successful execution: its id (already usable with the history API; none when the database could not give one at
 * the time, see QueryIds), what it was, the admission lane it ran in, and what it returned.
 */
public record QueryOutcome(
        OptionalLong queryId,
        String fingerprint,
        String statementKind,
        List<String> tables,
        double queueTimeMs,
        Lane lane,
        QueryResult result) {}
