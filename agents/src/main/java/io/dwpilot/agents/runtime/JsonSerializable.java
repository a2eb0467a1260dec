package io.dwpilot.agents.runtime;

/**
 * Marker for every message, event and state that Pekko serializes: bound to {@code jackson-json} in
 * {@code pekko.actor.serialization-bindings} (agents' {@code reference.conf}). Records work because the build
 * compiles with {@code -parameters}; keep the testkits' serialization round-trip checks on to prove it.
 */
public interface JsonSerializable {}
