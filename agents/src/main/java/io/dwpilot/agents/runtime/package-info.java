/**
 * The agents' persistence runtime: pekko-persistence-jdbc wiring onto the warehouse's {@code journal} schema
 * ({@link io.dwpilot.agents.runtime.JournalConfig}), the Jackson marker
 * ({@link io.dwpilot.agents.runtime.JsonSerializable}) and the per-agent automatic-mode switch
 * ({@link io.dwpilot.agents.runtime.AgentSwitch}).
 *
 * <p>Every event-sourced agent has one shape: an {@code EventSourcedBehaviorWithEnforcedReplies} with nested
 * {@code Command} (its public protocol, with a package-private {@code Internal} interface for what its timer and
 * children send it), {@code Event} and {@code State}; state changes only in the event handler, and what is watched
 * but not decided lives in a worker child's behavior. Blocking work is handed over by
 * {@link io.dwpilot.agents.runtime.BlockingWork}, and a failed persist restarts with
 * {@link io.dwpilot.agents.runtime.PersistFailure#BACKOFF}.
 */
package io.dwpilot.agents.runtime;
