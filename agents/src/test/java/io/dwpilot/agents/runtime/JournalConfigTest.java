package io.dwpilot.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class JournalConfigTest {
    private final Config config = JournalConfig.overlay("jdbc:postgresql://db:5432/dw", "dwpilot", "secret")
            .withFallback(ConfigFactory.load());

    @Test
    void connectionGoesIntoTheOneSharedDatabase() {
        Config db = config.getConfig(JournalConfig.SHARED_DB_PATH);
        assertThat(db.getString("profile")).isEqualTo("slick.jdbc.PostgresProfile$");
        assertThat(db.getString("db.url")).isEqualTo("jdbc:postgresql://db:5432/dw");
        assertThat(db.getString("db.user")).isEqualTo("dwpilot");
        assertThat(db.getString("db.password")).isEqualTo("secret");
        assertThat(db.getInt("db.maxConnections")).isEqualTo(4);
        for (String plugin : new String[] {"jdbc-journal", "jdbc-snapshot-store", "jdbc-read-journal"}) {
            assertThat(config.getString(plugin + ".use-shared-db")).isEqualTo("slick");
        }
    }

    @Test
    void everyTableLivesInTheJournalSchema() {
        for (String path : new String[] {
            "jdbc-journal.tables.event_journal",
            "jdbc-journal.tables.event_tag",
            "jdbc-snapshot-store.tables.snapshot",
            "jdbc-read-journal.tables.event_journal",
            "jdbc-read-journal.tables.event_tag",
            "jdbc-durable-state-store.tables.durable_state"
        }) {
            assertThat(config.getString(path + ".schemaName")).as(path).isEqualTo("journal");
        }
        // the read journal still inherits the plugin's column names through its substitution
        assertThat(config.getString("jdbc-read-journal.tables.event_journal.tableName"))
                .isEqualTo("event_journal");
    }

    @Test
    void pluginsAndSerializationAreBound() {
        assertThat(config.getString("pekko.persistence.journal.plugin")).isEqualTo("jdbc-journal");
        assertThat(config.getString("pekko.persistence.snapshot-store.plugin")).isEqualTo("jdbc-snapshot-store");
        assertThat(config.getConfig("pekko.actor.serialization-bindings")
                        .getString("\"io.dwpilot.agents.runtime.JsonSerializable\""))
                .isEqualTo("jackson-json");
        assertThat(config.getString("dwpilot.gateway.default-timeout")).isEqualTo("30s");
    }

    @Test
    void poolSizeCanBeOverridden() {
        Config sized =
                JournalConfig.overlay("jdbc:postgresql://db/dw", "u", "p", 2).withFallback(config);
        assertThat(sized.getInt(JournalConfig.SHARED_DB_PATH + ".db.numThreads"))
                .isEqualTo(2);
        assertThat(sized.getInt(JournalConfig.SHARED_DB_PATH + ".db.maxConnections"))
                .isEqualTo(2);
        assertThat(sized.getString(JournalConfig.SHARED_DB_PATH + ".db.url")).isEqualTo("jdbc:postgresql://db/dw");
    }

    @Test
    void rejectsNonPostgresUrls() {
        assertThatThrownBy(() -> JournalConfig.overlay("jdbc:h2:mem:x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
