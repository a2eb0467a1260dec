package io.dwpilot.agents.runtime;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** The running agents as the API sees them: each one's status, asked of the agents themselves. */
public interface AgentDirectory {
    /** Every agent's status, in a stable order; an agent that does not answer in time shows as {@code unresponsive}. */
    CompletionStage<List<AgentStatus>> statuses();
}
