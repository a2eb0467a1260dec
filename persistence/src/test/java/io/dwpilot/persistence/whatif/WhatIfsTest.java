package io.dwpilot.persistence.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import org.junit.jupiter.api.Test;

class WhatIfsTest {
    @Test
    void hypopgIsChosenExactlyWhenTheExtensionIsInstalled() {
        try (Database database = TestPostgres.newWarehouse("whatif_choice")) {
            boolean installed = WhatIfs.hypopgSchema(database.systemPool()).isPresent();
            if (TestPostgres.external()) {
                // CI's PostgreSQL service has hypopg: the roles' bootstrap installs it, and it must be chosen there.
                assertThat(installed).isTrue();
            }
            if (installed) {
                assertThat(WhatIfs.hypopgSchema(database.systemPool())).contains("public");
                assertThat(WhatIfs.forDatabase(database.systemPool())).isInstanceOf(HypoPgWhatIf.class);
            } else {
                assertThat(WhatIfs.forDatabase(database.systemPool())).isInstanceOf(TransactionalWhatIf.class);
            }
        }
    }
}
