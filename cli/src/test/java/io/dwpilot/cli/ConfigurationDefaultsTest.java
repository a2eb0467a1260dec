package io.dwpilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.dwpilot.agents.anomaly.AnomalyWatcherSettings;
import io.dwpilot.agents.feed.FeedSettings;
import io.dwpilot.agents.forecaster.ForecasterSettings;
import io.dwpilot.agents.governor.GovernorSettings;
import io.dwpilot.agents.indexer.IndexerSettings;
import io.dwpilot.agents.observer.Observer;
import io.dwpilot.agents.trainer.TrainerSettings;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.http.Authenticator;
import io.dwpilot.http.DashboardSettings;
import io.dwpilot.http.ManagementSettings;
import io.dwpilot.persistence.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every default lives in a module's reference.conf, and the root application.conf only overrides: these checks keep
 * the two from drifting apart (a key misspelt in the root file would otherwise be ignored without a word).
 */
class ConfigurationDefaultsTest {
    /** The repository's root file, as the launcher passes it (tests run in the cli module's folder). */
    private static final Path ROOT_FILE = Path.of("..", "application.conf");
    /** A commented example line: a key set to a value or opening a block, a block's end, or a comment inside one. */
    private static final Pattern EXAMPLE = Pattern.compile("^(\\s*)# ?(\\s*([a-z][\\w.-]*\\s*[={]|[}\\]{]|#).*)$");

    private static final Config REFERENCE = ConfigFactory.defaultReference();

    /** The keys {@code file} sets that no reference.conf knows, or that hold another kind of value than the default. */
    private static List<String> unknownKeys(Config file) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : file.entrySet()) {
            String key = e.getKey();
            if (!REFERENCE.hasPath(key)) {
                unknown.add(key + " (no default)");
            } else if (REFERENCE.getValue(key).valueType() != e.getValue().valueType()) {
                unknown.add(key + " (" + e.getValue().valueType() + ", the default is "
                        + REFERENCE.getValue(key).valueType() + ")");
            }
        }
        return unknown;
    }

    /** The root file with its commented examples taken in, as a user who uncomments them all would have it. */
    private static String withExamplesUncommented(String text) {
        return text.lines()
                .map(line -> {
                    var example = EXAMPLE.matcher(line);
                    return example.matches() ? example.group(1) + example.group(2) : line;
                })
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theRootFileSetsOnlyKeysThatHaveADefault() {
        Config file = ConfigFactory.parseFile(ROOT_FILE.toFile()).resolveWith(REFERENCE);
        assertThat(unknownKeys(file)).isEmpty();
    }

    @Test
    void theRootFilesExamplesNameKnownKeysWithValuesOfTheirKind() throws IOException {
        Config examples = ConfigFactory.parseString(withExamplesUncommented(Files.readString(ROOT_FILE)))
                .resolveWith(REFERENCE);
        assertThat(examples.getString("dwpilot.database.url")).isEqualTo("jdbc:postgresql://localhost:5432/dw");
        assertThat(examples.getString("dwpilot.agents.indexer.mode")).isEqualTo("recommend-only");
        assertThat(unknownKeys(examples)).isEmpty();
        Config effective = ConfigFactory.load(examples);
        assertThatCode(() -> DatabaseSettings.fromConfig(effective)).doesNotThrowAnyException();
        assertThatCode(() -> Authenticator.fromConfig(effective, "0.0.0.0")).doesNotThrowAnyException();
        assertThatCode(() -> ManagementSettings.fromConfig(effective)).doesNotThrowAnyException();
    }

    @Test
    void aMisspeltOrMistypedKeyIsCaught() {
        assertThat(unknownKeys(ConfigFactory.parseString("""
                dwpilot.gateway.max-timout = 10s
                dwpilot.http.port = "eighty"
                dwpilot.gateway.max-timeout = 10s
                """)))
                .containsExactlyInAnyOrder(
                        "dwpilot.gateway.max-timout (no default)", "dwpilot.http.port (STRING, the default is NUMBER)");
    }

    @Test
    void everySettingsReaderFindsAllItsKeysInTheReferenceFiles() {
        Config agents = REFERENCE.getConfig("dwpilot.agents");
        assertThat(GatewaySettings.defaults()).isEqualTo(GatewaySettings.fromConfig(REFERENCE));
        assertThat(IndexerSettings.defaults()).isEqualTo(IndexerSettings.fromConfig(agents.getConfig("indexer")));
        assertThat(GovernorSettings.defaults()).isEqualTo(GovernorSettings.fromConfig(agents.getConfig("governor")));
        assertThat(TrainerSettings.defaults()).isEqualTo(TrainerSettings.fromConfig(agents.getConfig("trainer")));
        assertThat(ForecasterSettings.defaults())
                .isEqualTo(ForecasterSettings.fromConfig(agents.getConfig("forecaster")));
        assertThat(FeedSettings.defaults()).isEqualTo(FeedSettings.fromConfig(agents.getConfig("feed")));
        assertThatCode(() -> {
                    AnomalyWatcherSettings.fromConfig(agents.getConfig("anomaly-watcher"));
                    Observer.Settings.fromConfig(agents.getConfig("observer"));
                    DatabaseSettings.fromConfig(REFERENCE);
                    DashboardSettings.fromConfig(REFERENCE);
                    ManagementSettings.fromConfig(REFERENCE);
                    Authenticator.fromConfig(REFERENCE, "127.0.0.1");
                })
                .doesNotThrowAnyException();
    }
}
