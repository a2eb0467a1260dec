package io.dwpilot.agents.anomaly;

import static io.dwpilot.persistence.query.ExecutionStatus.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.anomaly.AnomalyWatcher.AnomalyDetected;
import io.dwpilot.agents.anomaly.AnomalyWatcher.Observe;
import io.dwpilot.agents.anomaly.AnomalyWatcher.Recorded;
import io.dwpilot.agents.anomaly.AnomalyWatcher.State;
import io.dwpilot.agents.anomaly.AnomalyWatcher.WorkloadUpdate;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.agents.runtime.Cadence;
import io.dwpilot.agents.runtime.DecisionKind;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.gateway.Role;
import io.dwpilot.models.anomaly.Severity;
import io.dwpilot.persistence.metrics.SystemSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Settings, the state's cooldown bookkeeping and the JSON round trip of messages, events and state. */
class AnomalyWatcherProtocolTest {
    private static final Instant T0 = Instant.parse("2026-02-02T09:00:00Z");
    private static final Cadence TEN_MINUTES = new Cadence(Duration.ofMinutes(10));
    private static final ActorTestKit KIT = ActorTestKit.create("anomaly-watcher-protocol", ConfigFactory.load());

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void defaultsComeFromReferenceConf() {
        AnomalyWatcherSettings s =
                AnomalyWatcherSettings.fromConfig(ConfigFactory.load().getConfig("dwpilot.agents.anomaly-watcher"));
        assertThat(s.cooldown()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.warmUp()).isEqualTo(Duration.ofHours(1));
        assertThat(s.warmUpExecutions()).isEqualTo(200);
        assertThat(s.burstMaxFailures()).isEqualTo(5);
        assertThat(s.burstWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.slowQuery().minRatio()).isEqualTo(3.0);
        assertThat(s.slowQuery().floorMillis()).isEqualTo(50.0);
        assertThat(s.metricSpike().floors())
                .containsOnlyKeys("cpu_usage", "active_queries", "locks_waiting", "io_operations", "connections");
    }

    @Test
    void anUnknownMetricIsAConfigurationError() {
        assertThatThrownBy(() -> AnomalyWatcherSettings.fromConfig(
                        ConfigFactory.parseString("metric-spike.floors.cpu_temperature = 5")
                                .withFallback(ConfigFactory.load().getConfig("dwpilot.agents.anomaly-watcher"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu_temperature");
    }

    @Test
    void theStateCountsKindsAndKeepsOnlyLiveCooldownsOneIncidentPerKind() {
        State state = State.empty()
                .apply(detected(1, "slow_query", Optional.of("fp-a"), Optional.empty(), T0), TEN_MINUTES)
                .apply(
                        detected(2, "metric_spike", Optional.empty(), Optional.of("cpu_usage"), T0.plusSeconds(60)),
                        TEN_MINUTES);
        assertThat(state.coolingDown("slow_query", T0.plusSeconds(599), TEN_MINUTES))
                .isTrue();
        assertThat(state.coolingDown("slow_query", T0.plusSeconds(600), TEN_MINUTES))
                .isFalse();
        assertThat(state.coolingDown("new_shape", T0.plusSeconds(1), TEN_MINUTES))
                .isFalse();
        assertThat(state.coolingDown("metric_spike", T0.plusSeconds(61), TEN_MINUTES))
                .isTrue();

        State later = state.apply(
                detected(3, "slow_query", Optional.of("fp-b"), Optional.empty(), T0.plusSeconds(630)), TEN_MINUTES);
        assertThat(later.lastAlerts()).containsOnlyKeys("metric_spike", "slow_query");
        assertThat(later.detected()).containsEntry("slow_query", 2L).containsEntry("metric_spike", 1L);
        assertThat(later.recent()).extracting(AnomalyDetected::anomalyId).containsExactly(3L, 2L, 1L);
    }

    @Test
    void recentAnomaliesAreBounded() {
        State state = State.empty();
        for (int i = 0; i < AnomalyWatcher.RECENT + 5; i++) {
            state = state.apply(
                    detected(i, "new_shape", Optional.of("fp-" + i), Optional.empty(), T0.plusSeconds(i)), TEN_MINUTES);
        }
        assertThat(state.recent()).hasSize(AnomalyWatcher.RECENT);
        assertThat(state.recent().get(0).anomalyId()).isEqualTo(AnomalyWatcher.RECENT + 4);
    }

    @Test
    void anAnomalyIsADecisionOnTheAnomalyChannel() {
        AnomalyDetected e = detected(7, "failure_burst", Optional.empty(), Optional.empty(), T0);
        assertThat(e.agent()).isEqualTo("anomaly-watcher");
        assertThat(e.kind()).isEqualTo(DecisionKind.ANOMALY_DETECTED);
        assertThat(e.channel()).isEqualTo("anomaly");
        assertThat(e.summary()).isEqualTo("failure_burst (medium, #7): something odd");
        assertThat(AnomalyWatcher.PERSISTENCE_ID.id()).isEqualTo("AnomalyWatcher|anomaly-watcher");
        assertThat(AgentDecision.tags(AnomalyWatcher.NAME)).contains("decision", "agent-anomaly-watcher");
    }

    @Test
    void scoresAreCappedSoTheyStayJsonNumbers() {
        Finding f = new Finding(
                "slow_query",
                "d",
                Severity.HIGH,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                1,
                Optional.empty(),
                Double.POSITIVE_INFINITY,
                "x",
                T0);
        assertThat(f.score()).isEqualTo(Finding.MAX_SCORE);
    }

    @Test
    void messagesEventsAndStateSurviveTheJsonRoundTrip() {
        QueryExecuted executed = new QueryExecuted(
                42,
                "fp",
                "select",
                List.of("gold.sales_summary"),
                List.of("gold.sales_summary.region"),
                new Caller("ann", Role.ANALYST),
                OK,
                12.5,
                3,
                T0,
                Optional.of(T0.plusSeconds(5)));
        SystemSample sample =
                new SystemSample(T0, 0.4, 0.5, 100.0, 1.0, 2.0, 10, 3, 0.99, 40.0, 0, 8, 0, Optional.empty());
        AnomalyDetected event = detected(1, "metric_spike", Optional.empty(), Optional.of("cpu_usage"), T0);
        Finding finding = new Finding(
                "slow_query",
                "robust_latency_norm",
                Severity.LOW,
                Optional.of("fp"),
                Optional.of(42L),
                Optional.empty(),
                80,
                Optional.of(10.0),
                4.2,
                "slow",
                T0);
        List<Object> values = List.of(
                new Observe(executed),
                new WorkloadUpdate(new WorkloadSnapshot(T0, 1, 2, 0, 0, 3, 4, 1, List.of(), Optional.of(sample))),
                new Recorded(finding, 9),
                event,
                State.empty().apply(event, TEN_MINUTES));
        values.forEach(v -> KIT.serializationTestKit().verifySerialization(v, true));
    }

    private static AnomalyDetected detected(
            long id, String kind, Optional<String> fingerprint, Optional<String> metric, Instant at) {
        return new AnomalyDetected(
                id,
                kind,
                Severity.MEDIUM,
                fingerprint,
                Optional.empty(),
                metric,
                2,
                Optional.of(1.0),
                5,
                "something odd",
                at);
    }
}
