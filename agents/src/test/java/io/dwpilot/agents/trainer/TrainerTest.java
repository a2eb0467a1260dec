package io.dwpilot.agents.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.learning.TrainingOutcome;
import io.dwpilot.agents.learning.TrainingPipeline;
import io.dwpilot.agents.learning.TrainingProgress;
import io.dwpilot.agents.learning.TrainingSettings;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.agents.testing.LabWorkload;
import io.dwpilot.agents.trainer.Trainer.ModelTrained;
import io.dwpilot.agents.trainer.Trainer.RetrainingStarted;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer on a real PostgreSQL with a scripted drift: while the active cost model's logged predictions match
 * the measured times it leaves the models alone; once they are twenty times off it journals a retraining for drift
 * and then the cost model's outcome with the numbers that decided it.
 */
class TrainerTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("trainer-test", AgentTestBed.inMemoryJournal());
    private static final String PERSISTENCE_ID = "Trainer|" + Trainer.NAME;
    private static final TrainingSettings QUICK = new TrainingSettings(
            Duration.ofDays(1),
            List.of(new MlpHyperParameters(List.of(32, 16), 40, 0.003f, 32, 1e-4f, 3)),
            List.of(new MlpHyperParameters(List.of(16), 10, 0.003f, 32, 1e-4f, 3)));
    private static AgentTestBed bed;

    private final PersistenceTestKit journal = PersistenceTestKit.create(TEST_KIT.system());

    @BeforeAll
    static void open() throws Exception {
        bed = AgentTestBed.open("trainer");
        LabWorkload.createTable(bed.database());
        LabWorkload.run(bed.gateway(), bed.database(), 500, 2);
        TrainingOutcome cost = new TrainingPipeline(
                        bed.database().systemPool(), bed.gateway().models(), QUICK)
                .train(List.of(ModelKind.COST), "manual", TrainingProgress.SILENT)
                .get(0);
        assertThat(cost.activated()).isTrue();
    }

    @AfterAll
    static void close() {
        TEST_KIT.shutdownTestKit();
        bed.close();
    }

    @Test
    void aDriftingCostModelIsRetrainedAndTheOutcomeJournaled() throws Exception {
        Instant now = Instant.now();
        journal.persistForRecovery(
                PERSISTENCE_ID,
                List.of(new RetrainingStarted(
                        Trainer.NAME,
                        now.minus(Duration.ofHours(2)),
                        Trigger.MANUAL,
                        "an earlier training",
                        List.of("query_cost"))));
        LabWorkload.execute(
                bed.database(),
                "UPDATE metadata.query_logs SET predicted_time_ms = execution_time_ms" + " WHERE status = 'ok'");
        ActorRef<Topic.Command<WorkloadSnapshot>> topic =
                TEST_KIT.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC));
        TrainerSettings settings = TrainerSettings.defaults()
                .withChecks(Duration.ofMillis(100), Duration.ofMillis(100))
                .withExecutions(1, 1_000_000)
                .withDriftMinExecutions(50)
                .withLookback(Duration.ofDays(1))
                .withModels(List.of("cost"));
        ActorRef<Trainer.Command> trainer =
                TEST_KIT.spawn(Trainer.create(bed.environment(WorkloadClock.system(), topic), settings));

        Thread.sleep(1_500); // a dozen checks: predictions match the times, nothing to do
        assertThat(journal.persistedInStorage(PERSISTENCE_ID)).hasSize(1);

        LabWorkload.execute(
                bed.database(),
                "UPDATE metadata.query_logs SET predicted_time_ms = 20 * execution_time_ms" + " WHERE status = 'ok'");
        List<Object> events = awaitEvents(3, Duration.ofSeconds(60));
        assertThat(events.get(1)).isInstanceOfSatisfying(RetrainingStarted.class, started -> {
            assertThat(started.trigger()).isEqualTo(Trigger.DRIFT);
            assertThat(started.reason()).contains("20.00");
        });
        assertThat(events.get(2)).isInstanceOfSatisfying(ModelTrained.class, trained -> {
            assertThat(trained.model()).isEqualTo("query_cost");
            assertThat(trained.status()).isIn(TrainingOutcome.Status.ACTIVATED, TrainingOutcome.Status.REJECTED);
            assertThat(trained.version()).isPresent();
            assertThat(trained.numbers()).containsKey("mlp.q_error_median");
        });
        TEST_KIT.stop(trainer);
    }

    private List<Object> awaitEvents(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Object> events = journal.persistedInStorage(PERSISTENCE_ID);
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            events = journal.persistedInStorage(PERSISTENCE_ID);
        }
        assertThat(events).as("the trainer's journal").hasSizeGreaterThanOrEqualTo(count);
        return events;
    }
}
