package io.dwpilot.persistence.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingRunsTest {
    private static Database db;
    private static TrainingRuns runs;

    @BeforeAll
    static void setUp() {
        db = TestPostgres.newWarehouse("training_runs");
        runs = new TrainingRuns(db.systemPool());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void aRunStartsRunningAndFinishesWithItsCounts() throws SQLException {
        long id = runs.start("cost", "drift");
        TrainingRun running = runs.recent(Optional.of("cost"), 1).get(0);
        assertThat(running.runId()).isEqualTo(id);
        assertThat(running.trigger()).isEqualTo("drift");
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.trainRows()).isEmpty();
        assertThat(running.message()).isEmpty();
        assertThat(running.finishedAt()).isEmpty();

        runs.finish(id, "rejected", 7000, 1500, 1500, "{\"q_error_median\": 2.5}", "worse than the active version");
        TrainingRun done = runs.recent(Optional.of("cost"), 1).get(0);
        assertThat(done.status()).isEqualTo("rejected");
        assertThat(done.trainRows()).hasValue(7000);
        assertThat(done.validationRows()).hasValue(1500);
        assertThat(done.testRows()).hasValue(1500);
        assertThat(done.metricsJson()).isEqualTo("{\"q_error_median\": 2.5}");
        assertThat(done.message()).contains("worse than the active version");
        assertThat(done.finishedAt()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(done.startedAt()));
    }

    @Test
    void aRunEndsOnceWithAFinalStatus() throws SQLException {
        long id = runs.start("ended", "manual");
        assertThatThrownBy(() -> runs.finish(id, "running", 0, 0, 0, "{}", ""))
                .isInstanceOf(IllegalArgumentException.class);
        runs.finish(id, "failed", 0, 0, 0, "{}", "out of memory");
        assertThatThrownBy(() -> runs.finish(id, "succeeded", 1, 1, 1, "{}", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed");
        assertThatThrownBy(() -> runs.finish(Long.MAX_VALUE, "succeeded", 1, 1, 1, "{}", ""))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void recentRunsAreNewestFirstPerModelOrOverall() throws SQLException {
        long a1 = runs.start("recent-a", "schedule");
        long b1 = runs.start("recent-b", "schedule");
        long a2 = runs.start("recent-a", "new_data");
        assertThat(runs.recent(Optional.of("recent-a"), 10))
                .extracting(TrainingRun::runId)
                .containsExactly(a2, a1);
        assertThat(runs.recent(Optional.empty(), 2))
                .extracting(TrainingRun::runId)
                .containsExactly(a2, b1);
        assertThat(runs.recent(Optional.of("recent-a"), 0)).isEmpty();
    }
}
