package io.dwpilot.persistence.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CachingWhatIfTest {
    private static final String SELECTIVE = WhatIfContract.SELECTIVE;
    private static final HypotheticalIndex ON_CUSTOMER = WhatIfContract.ON_CUSTOMER;
    private static final HypotheticalIndex ON_NOTE = WhatIfContract.ON_NOTE;

    private static Database database;

    @BeforeAll
    static void open() throws SQLException {
        database = TestPostgres.newWarehouse("whatif_cache");
        WhatIfContract.createTable(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theSecondIdenticalRequestIsAnsweredWithoutPlanning() {
        CachingWhatIf cached = new CachingWhatIf(WhatIfs.forDatabase(database.systemPool()));

        PlanCost first = cached.cost(SELECTIVE, List.of(ON_CUSTOMER, ON_NOTE));
        assertThat(cached.calls()).isEqualTo(1);

        PlanCost second = cached.cost(SELECTIVE, List.of(ON_NOTE, ON_CUSTOMER)); // the same set, in another order
        assertThat(second).isEqualTo(first);
        assertThat(cached.calls()).isEqualTo(1);
        assertThat(cached.hits()).isEqualTo(1);
        assertThat(cached.misses()).isEqualTo(1);

        cached.cost(SELECTIVE, List.of(ON_CUSTOMER)); // another set
        cached.cost(SELECTIVE + " AND region = 1", List.of(ON_CUSTOMER, ON_NOTE)); // another statement
        assertThat(cached.calls()).isEqualTo(3);
        assertThat(cached.size()).isEqualTo(3);
    }

    @Test
    void failuresAreNotRemembered() {
        CachingWhatIf cached = new CachingWhatIf(new TransactionalWhatIf(database.systemPool()));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cached.cost("SELECT nope FROM whatif_test.t", List.of()))
                    .isInstanceOf(WhatIfException.class);
        }
        assertThat(cached.hits()).isZero();
        assertThat(cached.misses()).isEqualTo(2);
        assertThat(cached.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedAnswerMakesRoomWhenTheCacheIsFull() {
        CachingWhatIf cached = new CachingWhatIf(new TransactionalWhatIf(database.systemPool()), 2);

        cached.cost(SELECTIVE, List.of());
        cached.cost(SELECTIVE, List.of(ON_CUSTOMER));
        cached.cost(SELECTIVE, List.of()); // touched: now the most recent
        cached.cost(SELECTIVE, List.of(ON_NOTE)); // evicts the ON_CUSTOMER answer
        assertThat(cached.calls()).isEqualTo(3);

        cached.cost(SELECTIVE, List.of());
        assertThat(cached.calls()).isEqualTo(3);
        cached.cost(SELECTIVE, List.of(ON_CUSTOMER));
        assertThat(cached.calls()).isEqualTo(4);
        assertThat(cached.size()).isEqualTo(2);
    }
}
