package io.dwpilot.bench.faults;

/** A caller of the API: its user name (as the query log records it) and its bearer token. */
public record Caller(String user, String token) {}
