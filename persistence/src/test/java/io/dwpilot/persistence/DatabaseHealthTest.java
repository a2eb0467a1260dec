package io.dwpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseHealthTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(TestPostgres.newDatabase("health"));
        database.migrate();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aLiveDatabaseIsUpWhileTheAgentsHoldEveryConnectionOfTheirPool() throws SQLException {
        String schemaVersion = new Migrations(database.systemPool()).currentVersion();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < database.systemPool().getMaximumPoolSize(); i++) {
                held.add(database.systemPool().getConnection());
            }

            DatabaseHealth health = DatabaseHealth.check(database);

            assertThat(health.up()).as(health.message()).isTrue();
            assertThat(health.schemaVersion()).isEqualTo(schemaVersion).isNotEqualTo("none");
            assertThat(health.extensions()).contains("plpgsql");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }
}
