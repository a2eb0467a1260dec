package io.dwpilot.agents.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The forecaster's defaults and the settings it refuses. */
class ForecasterSettingsTest {
    @Test
    void defaultsFromReferenceConf() {
        ForecasterSettings s =
                ForecasterSettings.fromConfig(ConfigFactory.load().getConfig("dwpilot.agents." + Forecaster.NAME));
        assertThat(s)
                .isEqualTo(new ForecasterSettings(
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15),
                        Duration.ofDays(15),
                        Duration.ofMinutes(5),
                        Duration.ofHours(6),
                        5));
        assertThat(s.horizonBuckets()).isEqualTo(72);
    }

    @Test
    void refusesSettingsItCannotScheduleOrBucket() {
        Duration m = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new ForecasterSettings(Duration.ZERO, m, m, m, Duration.ofHours(1), 1))
                .hasMessageContaining("tick");
        assertThatThrownBy(() -> new ForecasterSettings(m, Duration.ofMillis(500), m, m, Duration.ofHours(1), 1))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> new ForecasterSettings(m, m, m, m.negated(), Duration.ofHours(1), 1))
                .hasMessageContaining("settle");
        assertThatThrownBy(() -> new ForecasterSettings(m, m, m, m, Duration.ofMinutes(7), 1))
                .hasMessageContaining("horizon");
        assertThatThrownBy(() -> new ForecasterSettings(m, m, m, m, Duration.ofHours(1), -1))
                .hasMessageContaining("fingerprints");
    }
}
