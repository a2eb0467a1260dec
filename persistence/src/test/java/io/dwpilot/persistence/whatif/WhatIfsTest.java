package io.dwpilot.persistence.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseExtensions;
import io.dwpilot.persistence.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfsTest {
    @Test
    void hypopgIsChosenExactlyWhenTheExtensionIsInstalled() {
        try (Database database = TestPostgres.newWarehouse("whatif_choice")) {
            assertThat(WhatIfs.hypopgSchema(database.systemPool())).isEmpty();
            assertThat(WhatIfs.forDatabase(database.systemPool())).isInstanceOf(TransactionalWhatIf.class);

            List<String> installed = DatabaseExtensions.install(database.systemPool());
            if (TestPostgres.external()) {
                // CI's PostgreSQL service has hypopg: the hypopg path must be chosen and tested there.
                assertThat(installed).contains("hypopg");
            }
            if (installed.contains("hypopg")) {
                assertThat(WhatIfs.hypopgSchema(database.systemPool())).contains("public");
                assertThat(WhatIfs.forDatabase(database.systemPool())).isInstanceOf(HypoPgWhatIf.class);
            } else {
                assertThat(WhatIfs.forDatabase(database.systemPool())).isInstanceOf(TransactionalWhatIf.class);
            }
        }
    }
}
