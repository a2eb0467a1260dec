package io.dwpilot.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.dwpilot.agents.anomaly.AnomalyWatcher;
import io.dwpilot.agents.forecaster.Forecaster;
import io.dwpilot.agents.governor.Governor;
import io.dwpilot.agents.indexer.Indexer;
import io.dwpilot.agents.trainer.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective settings of the agents that decide, as the configuration gives them under {@code dwpilot.agents}:
 * one flat map of dotted keys to values as written (durations as "15m", lists as ["cost","forecast"]), read-only.
 */
final class AgentSettings {
    /** The agents that decide, in the order the dashboard lists them (the observer only watches). */
    static final List<String> DECIDING =
            List.of(Indexer.NAME, Governor.NAME, Trainer.NAME, Forecaster.NAME, AnomalyWatcher.NAME);

    private final Map<String, Map<String, String>> byAgent = new LinkedHashMap<>();

    AgentSettings(Config config) {
        Config agents = config.getConfig("dwpilot.agents");
        for (String agent : DECIDING) {
            if (agents.hasPath(agent)) {
                byAgent.put(agent, flatten(agents.getConfig(agent)));
            }
        }
    }

    /** Each configured deciding agent's settings, keys sorted. */
    Map<String, Map<String, String>> byAgent() {
        return byAgent;
    }

    private static Map<String, String> flatten(Config settings) {
        Map<String, String> flat = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : settings.entrySet()) {
            ConfigValue value = e.getValue();
            flat.put(
                    e.getKey(),
                    value.valueType() == ConfigValueType.STRING
                            ? (String) value.unwrapped()
                            : value.render(ConfigRenderOptions.concise()));
        }
        return flat;
    }
}
