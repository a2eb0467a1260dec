package io.dwpilot.agents.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.gateway.GatewayAssembly;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;

/**
 * What the agents' actor tests share: a fresh warehouse, a small gateway on it, an executor for blocking work, and
 * the environment an agent is created with.
 */
public final class AgentTestBed implements AutoCloseable {
    /** A small gateway for tests: short timeouts and row caps, a quick log, one lane's worth of 4 slots. */
    public static final GatewaySettings GATEWAY = GatewaySettings.defaults()
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30))
            .withRowLimits(100, 1000)
            .withLog(1000, 100, Duration.ofMillis(50))
            .withOneLane(4, Duration.ofSeconds(1));

    private final Database database;
    private final ExecutorService blocking;
    private final QueryGateway gateway;

    private AgentTestBed(Database database) {
        this.database = database;
        this.blocking = Executors.newFixedThreadPool(2);
        this.gateway = GatewayAssembly.create(
                GATEWAY, database.sessions(), database.systemPool(), blocking, Clock.systemUTC());
    }

    /** A bed on a new migrated warehouse named after {@code prefix}. */
    public static AgentTestBed open(String prefix) {
        return new AgentTestBed(TestPostgres.newWarehouse(prefix));
    }

    /** Actor-system configuration with the in-memory journal and snapshot store in front of the defaults. */
    public static Config inMemoryJournal() {
        return PersistenceTestKitPlugin.getInstance()
                .config()
                .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
                .withFallback(ConfigFactory.load());
    }

    public AgentEnvironment environment(WorkloadClock clock, ActorRef<Topic.Command<WorkloadSnapshot>> topic) {
        return new AgentEnvironment(ConfigFactory.load(), database, gateway, clock, blocking, topic);
    }

    public Database database() {
        return database;
    }

    public QueryGateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
        blocking.shutdownNow();
        database.close();
    }
}
