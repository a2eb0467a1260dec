package io.dwpilot.agents.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.learning.TrainingOutcome;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.DecisionKind;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.agents.trainer.Trainer.Command;
import io.dwpilot.agents.trainer.Trainer.Event;
import io.dwpilot.agents.trainer.Trainer.ModelTrained;
import io.dwpilot.agents.trainer.Trainer.RetrainingStarted;
import io.dwpilot.agents.trainer.Trainer.State;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResult;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trainer's journaled rules against the in-memory journal, without a database: the worker is a probe, the
 * testkit checks every command, event and state survives serialization.
 */
class TrainerRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            "trainer-rules", EventSourcedBehaviorTestKit.config().withFallback(AgentTestBed.inMemoryJournal()));

    private TestProbe<Trainer.WorkerMessage> worker;
    private EventSourcedBehaviorTestKit<Command, Event, State> kit;

    @BeforeEach
    void start() {
        worker = TEST_KIT.createTestProbe();
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), Trainer.journaled(worker.ref()));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aTickAsksTheWorkerToCheckKnowingWhenTrainingLastStarted() {
        kit.runCommand(new Trainer.Started(started(NOW)));

        CommandResult<Command, Event, State> tick = kit.runCommand(new Trainer.Tick());

        assertThat(tick.hasNoEvents()).isTrue();
        assertThat(worker.expectMessageClass(Trainer.Check.class))
                .isEqualTo(new Trainer.Check(Optional.of(NOW), Optional.empty()));
    }

    @Test
    void aRequestGoesToTheWorkerWhichAnswersIt() {
        TestProbe<StatusReply<String>> reply = TEST_KIT.createTestProbe();
        Trainer.TrainNow request = new Trainer.TrainNow(List.of("cost"), "ada", reply.ref());

        kit.runCommand(request);

        assertThat(worker.expectMessageClass(Trainer.Check.class))
                .isEqualTo(new Trainer.Check(Optional.empty(), Optional.of(request)));
    }

    @Test
    void aStartedTrainingIsJournaledAndCounted() {
        CommandResult<Command, Event, State> result = kit.runCommand(new Trainer.Started(started(NOW)));

        assertThat(result.events()).containsExactly(started(NOW));
        assertThat(result.state().lastTrainedAt()).contains(NOW);
        assertThat(result.state().trainings()).isEqualTo(1);
        assertThat(result.state().activations()).isZero();
    }

    @Test
    void onlyAnActivatedVersionCountsAsAnActivation() {
        List<ModelTrained> outcomes = List.of(
                trained("query_cost", TrainingOutcome.Status.ACTIVATED, Optional.of(2)),
                trained("workload_forecast", TrainingOutcome.Status.REJECTED, Optional.of(5)),
                trained("anomaly", TrainingOutcome.Status.FAILED, Optional.empty()));

        CommandResult<Command, Event, State> result = kit.runCommand(new Trainer.Finished(outcomes));

        assertThat(result.events()).containsExactlyElementsOf(outcomes);
        assertThat(result.state().activations()).isEqualTo(1);
        assertThat(result.state().trainings()).isZero();
        assertThat(result.state().lastDecision()).contains("anomaly failed: out of memory");
        assertThat(outcomes)
                .extracting(ModelTrained::kind)
                .containsExactly(
                        DecisionKind.MODEL_ACTIVATED, DecisionKind.MODEL_REJECTED, DecisionKind.TRAINING_FAILED);
    }

    @Test
    void theStatusCountsTrainingsAndActivationsAndSurvivesRecovery() {
        kit.runCommand(new Trainer.Started(started(NOW)));
        kit.runCommand(
                new Trainer.Finished(List.of(trained("query_cost", TrainingOutcome.Status.ACTIVATED, Optional.of(2)))));

        AgentStatus status = kit.<AgentStatus>runCommand(Trainer.GetStatus::new).reply();

        assertThat(status.counters()).containsEntry("trainings", 1L).containsEntry("activations", 1L);
        assertThat(status.state()).isEqualTo("watching: last trained " + NOW);
        assertThat(kit.restart().state()).isEqualTo(kit.getState());
    }

    @Test
    void theTriggerAndTheStatusAreJournaledByTheStringsTheyWereJournaledByBefore() {
        Serialization serialization = SerializationExtension.get(TEST_KIT.system());
        ModelTrained event = trained("query_cost", TrainingOutcome.Status.ACTIVATED, Optional.of(2));
        Serializer serializer = serialization.findSerializerFor(event);
        String json = new String(serialization.serialize(event).get(), StandardCharsets.UTF_8);

        assertThat(json).contains("\"trigger\":\"drift\"", "\"status\":\"activated\"");
        // as an older trainer journaled it, when both were plain strings
        byte[] former = json.replace("\"drift\"", "\"new_data\"")
                .replace("\"activated\"", "\"rejected\"")
                .getBytes(StandardCharsets.UTF_8);
        Object read = serialization
                .deserialize(former, serializer.identifier(), Serializers.manifestFor(serializer, event))
                .get();
        assertThat(read).isInstanceOfSatisfying(ModelTrained.class, replayed -> {
            assertThat(replayed.trigger()).isEqualTo(Trigger.NEW_DATA);
            assertThat(replayed.status()).isEqualTo(TrainingOutcome.Status.REJECTED);
        });
    }

    private static RetrainingStarted started(Instant at) {
        return new RetrainingStarted(Trainer.NAME, at, Trigger.DRIFT, "the cost model drifted", List.of("query_cost"));
    }

    private static ModelTrained trained(String model, TrainingOutcome.Status status, Optional<Integer> version) {
        return new ModelTrained(
                Trainer.NAME,
                NOW.plusSeconds(60),
                model,
                Trigger.DRIFT,
                status,
                version,
                status == TrainingOutcome.Status.FAILED ? "out of memory" : "test q-error 1.4",
                status == TrainingOutcome.Status.FAILED ? Map.of() : Map.of("mlp.q_error_median", 1.4));
    }
}
