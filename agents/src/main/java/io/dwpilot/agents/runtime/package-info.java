/**
 * The agents' persistence runtime: pekko-persistence-jdbc wiring onto the warehouse's {@code journal} schema
 * ({@link io.dwpilot.agents.runtime.JournalConfig}), the Jackson marker
 * ({@link io.dwpilot.agents.runtime.JsonSerializable}) and the per-agent automatic-mode switch
 * ({@link io.dwpilot.agents.runtime.AgentSwitch}).
 */
package io.dwpilot.agents.runtime;
