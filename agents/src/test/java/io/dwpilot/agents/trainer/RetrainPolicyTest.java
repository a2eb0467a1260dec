package io.dwpilot.agents.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.trainer.RetrainPolicy.Decision;
import io.dwpilot.agents.trainer.RetrainPolicy.Inputs;
import io.dwpilot.agents.trainer.RetrainPolicy.OnlineError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the trainer retrains: a scripted drift, new data, the schedule, and the cooldown that holds them back. */
class RetrainPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");
    private static final RetrainPolicy POLICY =
            new RetrainPolicy(TrainerSettings.defaults().withModels(List.of("cost")));

    private static Optional<Decision> decide(Duration sinceTraining, long fresh, Optional<OnlineError> error) {
        return POLICY.decide(new Inputs(NOW, Optional.of(NOW.minus(sinceTraining)), fresh, error));
    }

    @Test
    void aDriftingCostModelIsRetrainedFirst() {
        assertThat(decide(Duration.ofHours(2), 50_000, Optional.of(new OnlineError(500, 2.6, 1.2))))
                .hasValueSatisfying(d -> {
                    assertThat(d.trigger()).isEqualTo(Trigger.DRIFT);
                    assertThat(d.reason()).contains("2.60").contains("500");
                });
    }

    @Test
    void aModelThatWasNeverBetterOnItsTestSetIsNotDriftingWhenItStaysThere() {
        assertThat(decide(Duration.ofHours(2), 10, Optional.of(new OnlineError(500, 2.6, 2.0))))
                .isEmpty();
        assertThat(decide(Duration.ofHours(2), 10, Optional.of(new OnlineError(500, 3.1, 2.0))))
                .hasValueSatisfying(d -> assertThat(d.reason()).contains("limit 3.00"));
    }

    @Test
    void driftNeedsEnoughExecutionsAndAnErrorPastTheThreshold() {
        assertThat(decide(Duration.ofHours(2), 10, Optional.of(new OnlineError(150, 9.0, 1.2))))
                .isEmpty();
        assertThat(decide(Duration.ofHours(2), 10, Optional.of(new OnlineError(5000, 1.9, 1.2))))
                .isEmpty();
    }

    @Test
    void nothingRetrainsWithinTheCooldown() {
        assertThat(decide(Duration.ofMinutes(30), 90_000, Optional.of(new OnlineError(5000, 9.0, 1.2))))
                .isEmpty();
    }

    @Test
    void newDataAndTheScheduleTriggerToo() {
        assertThat(decide(Duration.ofHours(2), 20_000, Optional.empty()))
                .hasValueSatisfying(d -> assertThat(d.trigger()).isEqualTo(Trigger.NEW_DATA));
        assertThat(decide(Duration.ofHours(25), 10, Optional.empty()))
                .hasValueSatisfying(d -> assertThat(d.trigger()).isEqualTo(Trigger.SCHEDULE));
        assertThat(decide(Duration.ofHours(23), 10, Optional.empty())).isEmpty();
    }

    @Test
    void theFirstTrainingWaitsForEnoughExecutions() {
        assertThat(POLICY.decide(new Inputs(NOW, Optional.empty(), 1999, Optional.empty())))
                .isEmpty();
        assertThat(POLICY.decide(new Inputs(NOW, Optional.empty(), 2000, Optional.empty())))
                .hasValueSatisfying(d -> assertThat(d.trigger()).isEqualTo(Trigger.NEW_DATA));
    }
}
