package io.dwpilot.persistence.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Versions, pruning and activation of ml.model_registry on real PostgreSQL; each test uses its own model name. */
class ModelRegistryTest {
    private static Database db;
    private static ModelRegistry registry;

    @BeforeAll
    static void setUp() {
        db = TestPostgres.newWarehouse("model_registry");
        registry = new ModelRegistry(db.systemPool());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void versionsAreNumberedPerNameAndPrunedToTheNewestFive() throws SQLException {
        registry.register(model("other", "v1"));
        for (int i = 1; i <= 7; i++) {
            assertThat(registry.register(model("pruned", "v" + i)).version()).isEqualTo(i);
        }
        assertThat(registry.kept("pruned")).extracting(ModelVersion::version).containsExactly(7, 6, 5, 4, 3);
        assertThat(registry.list(Optional.of("other")))
                .extracting(ModelVersion::version)
                .containsExactly(1);
        // numbering continues after the newest, whatever was pruned
        assertThat(registry.register(model("pruned", "v8")).version()).isEqualTo(8);
        assertThat(registry.list(Optional.empty()))
                .extracting(ModelVersion::name)
                .contains("other")
                .filteredOn("pruned"::equals)
                .hasSize(ModelRegistry.KEPT_VERSIONS);
    }

    @Test
    void pruningNeverDeletesTheActiveVersion() throws SQLException {
        registry.register(model("kept", "v1"));
        ModelVersion second = registry.register(model("kept", "v2"));
        registry.activate(second.id());
        for (int i = 3; i <= 9; i++) {
            registry.register(model("kept", "v" + i));
        }
        assertThat(registry.kept("kept")).extracting(ModelVersion::version).containsExactly(9, 8, 7, 6, 5, 2);
        assertThat(registry.active("kept")).map(ModelVersion::version).contains(2);

        registry.activate(registry.kept("kept").get(0).id());
        registry.register(model("kept", "v10"));
        assertThat(registry.kept("kept")).extracting(ModelVersion::version).containsExactly(10, 9, 8, 7, 6);
    }

    @Test
    void registeredVersionsKeepWhatTheyWereGiven() throws SQLException {
        long run = new TrainingRuns(db.systemPool()).start("stored", "manual");
        ModelVersion v = registry.register(new NewModelVersion(
                "stored",
                "mlp",
                bytes("weights"),
                "djl-zip",
                "{\"q_error_median\": 1.4}",
                "{\"epochs\": 30}",
                List.of("joins", "est_rows"),
                8000,
                6100,
                OptionalLong.of(run)));
        assertThat(v.version()).isEqualTo(1);
        assertThat(v.algorithm()).isEqualTo("mlp");
        assertThat(v.artifactFormat()).isEqualTo("djl-zip");
        assertThat(v.artifactBytes()).isEqualTo(7);
        assertThat(v.metricsJson()).isEqualTo("{\"q_error_median\": 1.4}");
        assertThat(v.hyperParametersJson()).isEqualTo("{\"epochs\": 30}");
        assertThat(v.features()).containsExactly("joins", "est_rows");
        assertThat(v.trainingDataSize()).isEqualTo(8000);
        assertThat(v.trainingTimeMs()).hasValue(6100);
        assertThat(v.trainingRunId()).hasValue(run);
        assertThat(v.active()).isFalse();
        assertThat(v.activatedAt()).isEmpty();
        assertThat(registry.find(v.id())).contains(v);
        assertThat(registry.artifact(v.id())).isEqualTo(bytes("weights"));
        assertThat(registry.active("stored")).isEmpty();
    }

    @Test
    void activationMovesTheFlagToTheChosenVersion() throws SQLException {
        ModelVersion first = registry.register(model("moved", "v1"));
        ModelVersion second = registry.register(model("moved", "v2"));
        ModelVersion other = registry.register(model("untouched", "v1"));
        registry.activate(other.id());

        ModelVersion active = registry.activate(first.id());
        assertThat(active.active()).isTrue();
        assertThat(active.activatedAt()).isPresent();
        assertThat(registry.activate(first.id())).isEqualTo(active); // activating the active one changes nothing

        registry.activate(second.id());
        assertThat(registry.active("moved")).map(ModelVersion::id).contains(second.id());
        assertThat(registry.find(first.id()).orElseThrow().active()).isFalse();
        assertThat(registry.active("untouched")).map(ModelVersion::id).contains(other.id());
    }

    @Test
    void concurrentActivationsLeaveOneActiveVersionAndConcurrentRegistrationsNeverShareANumber() throws Exception {
        List<ModelVersion> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            versions.add(registry.register(model("raced", "v" + i)));
        }
        inParallel(4, thread -> {
            for (int i = 0; i < 15; i++) {
                registry.activate(versions.get((thread + i) % versions.size()).id());
            }
        });
        assertThat(registry.kept("raced")).filteredOn(ModelVersion::active).hasSize(1);

        inParallel(4, thread -> registry.register(model("raced", "from thread " + thread)));
        assertThat(registry.kept("raced")).extracting(ModelVersion::version).startsWith(8, 7, 6, 5, 4);
    }

    private interface Task {
        void run(int thread) throws SQLException;
    }

    /** Runs the task on that many threads at once; rethrows the first failure (e.g. a unique violation of a race). */
    private static void inParallel(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    task.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownIdsFail() throws SQLException {
        long unknown = Long.MAX_VALUE;
        assertThatThrownBy(() -> registry.activate(unknown))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining(Long.toString(unknown));
        assertThatThrownBy(() -> registry.artifact(unknown)).isInstanceOf(NoSuchElementException.class);
        assertThat(registry.find(unknown)).isEmpty();
        assertThat(registry.kept("never registered")).isEmpty();
    }

    @Test
    void aNewVersionNeedsANameAndAFormat() {
        assertThatThrownBy(() -> model(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new NewModelVersion(
                        "m", "mlp", new byte[0], "", "{}", "{}", List.of(), 0, 0, OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("artifactFormat");
    }

    private static NewModelVersion model(String name, String artifact) {
        return new NewModelVersion(
                name, "gbt", bytes(artifact), "test", "{}", "{}", List.of("joins"), 100, 10, OptionalLong.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
