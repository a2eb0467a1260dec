package io.dwpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseExtensionsTest {
    @Test
    void installsWhatTheServerOffers() {
        try (Database database = Database.open(TestPostgres.newDatabase("extensions"))) {
            List<String> installed = DatabaseExtensions.install(database.systemPool());
            assertThat(installed).contains("pg_stat_statements");
            if (TestPostgres.external()) {
                // CI's PostgreSQL service has hypopg: its tests must run there, not skip.
                assertThat(installed).contains("hypopg");
            }
            assertThat(DatabaseExtensions.install(database.systemPool())).isEqualTo(installed);
        }
    }
}
