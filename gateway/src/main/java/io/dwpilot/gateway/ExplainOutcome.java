package io.dwpilot.gateway;

import java.util.OptionalLong;

/**
 * PostgreSQL's plan of a statement ({@code EXPLAIN (FORMAT JSON)}), under the id its request was logged with (absent
 * only while the database was unreachable when the request came).
 */
public record ExplainOutcome(OptionalLong queryId, String fingerprint, String statementKind, String planJson) {}
