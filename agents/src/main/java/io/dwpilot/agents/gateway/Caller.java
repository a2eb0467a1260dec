package io.dwpilot.agents.gateway;

/** Who sends a query. */
public record Caller(String userId, Role role) {
}
