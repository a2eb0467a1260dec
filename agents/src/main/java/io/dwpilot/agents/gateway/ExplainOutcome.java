package io.dwpilot.agents.gateway;

/** PostgreSQL's plan of a statement ({@code EXPLAIN (FORMAT JSON)}), under the id its request was logged with. */
public record ExplainOutcome(long queryId, String fingerprint, String statementKind, String planJson) {
}
