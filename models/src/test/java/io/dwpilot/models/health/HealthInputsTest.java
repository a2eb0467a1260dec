package io.dwpilot.models.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HealthInputsTest {
    private static Map<String, Reading> readings(HealthInputs inputs) {
        return inputs.readings(20, "the last 15 min").stream()
                .collect(Collectors.toMap(Reading::name, Function.identity()));
    }

    @Test
    void rawNumbersBecomeTheComponentsInTheirUnits() {
        Map<String, Reading> r = readings(new HealthInputs(
                95,
                5,
                OptionalDouble.of(30),
                400,
                OptionalDouble.of(20),
                180,
                OptionalDouble.of(0.42),
                OptionalDouble.of(0.5),
                OptionalDouble.of(0.97),
                OptionalDouble.of(25),
                OptionalInt.of(100),
                OptionalDouble.of(0.5),
                2));
        assertThat(r.keySet())
                .containsExactlyInAnyOrder(
                        "success_rate", "latency", "cpu", "memory", "cache_hit", "connections", "locks", "anomalies");
        assertThat(r.get("success_rate").value().getAsDouble()).isCloseTo(95, within(1e-9));
        assertThat(r.get("success_rate").detail()).isEqualTo("95 of 100 executions succeeded in the last 15 min");
        assertThat(r.get("latency").value().getAsDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(r.get("latency").detail())
                .isEqualTo("p95 30.0 ms in the last 15 min against 20.0 ms in the day before");
        assertThat(r.get("cpu").value().getAsDouble()).isCloseTo(42, within(1e-9));
        assertThat(r.get("cpu").detail()).isEqualTo("mean host CPU 42.0% over 180 samples in the last 15 min");
        assertThat(r.get("cache_hit").value().getAsDouble()).isCloseTo(97, within(1e-9));
        assertThat(r.get("connections").value().getAsDouble()).isCloseTo(25, within(1e-9));
        assertThat(r.get("locks").value().getAsDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(r.get("anomalies").value().getAsDouble()).isEqualTo(2);
    }

    @Test
    void whatWasNotMeasuredIsUnknownWithTheReason() {
        Map<String, Reading> r = readings(new HealthInputs(
                5,
                0,
                OptionalDouble.of(30),
                400,
                OptionalDouble.of(20),
                0,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.of(100),
                OptionalDouble.empty(),
                0));
        assertThat(r.get("latency").value()).isEmpty();
        assertThat(r.get("latency").detail()).contains("needs 20 ok executions").contains("there were 5 and 400");
        for (String sampled : List.of("cpu", "memory", "cache_hit", "connections", "locks")) {
            assertThat(r.get(sampled).value()).as(sampled).isEmpty();
            assertThat(r.get(sampled).detail()).as(sampled).isEqualTo("no system samples in the last 15 min");
        }
        assertThat(r.get("success_rate").value()).hasValue(100);
        assertThat(r.get("anomalies").value()).hasValue(0);

        Map<String, Reading> idle = readings(new HealthInputs(
                0,
                0,
                OptionalDouble.empty(),
                0,
                OptionalDouble.empty(),
                0,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty(),
                OptionalDouble.empty(),
                0));
        assertThat(idle.get("success_rate").value()).isEmpty();
        assertThat(idle.get("success_rate").detail()).isEqualTo("no executions finished in the last 15 min");
    }

    @Test
    void aBaselineFasterThanTheClockDoesNotDivideByZero() {
        Map<String, Reading> r = readings(new HealthInputs(
                50,
                0,
                OptionalDouble.of(0.002),
                50,
                OptionalDouble.of(0),
                0,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty(),
                OptionalDouble.empty(),
                0));
        assertThat(r.get("latency").value().getAsDouble()).isCloseTo(2, within(1e-9));
    }
}
