package io.dwpilot.agents.gateway;

import io.dwpilot.persistence.query.QueryResult;
import java.util.List;

/**
 * A successful execution: its id (already usable with the history API), what it was, the admission lane it ran in,
 * and what it returned.
 */
public record QueryOutcome(long queryId, String fingerprint, String statementKind, List<String> tables,
                           double queueTimeMs, Lane lane, QueryResult result) {
}
