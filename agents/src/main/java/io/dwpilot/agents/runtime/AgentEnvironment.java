package io.dwpilot.agents.runtime;

import com.typesafe.config.Config;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.persistence.Database;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * What every agent is given at start: the configuration (agents read their settings under {@code dwpilot.agents}),
 * the warehouse, the gateway whose executions they watch and whose limits the governor steers, the workload clock,
 * an executor for blocking database work (never Pekko's default dispatcher), and the topic of workload snapshots.
 */
public record AgentEnvironment(
        Config config,
        Database database,
        QueryGateway gateway,
        WorkloadClock clock,
        Executor blocking,
        ActorRef<Topic.Command<WorkloadSnapshot>> workloadTopic) {
    public AgentEnvironment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(blocking, "blocking");
        Objects.requireNonNull(workloadTopic, "workloadTopic");
    }

    /** The settings of one agent, {@code dwpilot.agents.<name>}. */
    public Config settings(String agent) {
        return config.getConfig("dwpilot.agents." + agent);
    }
}
