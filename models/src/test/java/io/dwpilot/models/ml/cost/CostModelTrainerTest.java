package io.dwpilot.models.ml.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.ml.CorruptArtifactException;
import io.dwpilot.models.ml.FeatureSchema;
import io.dwpilot.models.ml.FeatureVector;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CostModelTrainerTest {
    private static final List<MlpHyperParameters> GRID = List.of(
            new MlpHyperParameters(List.of(32), 40, 3e-3f, 64, 0f, 3),
            new MlpHyperParameters(List.of(64, 32), 40, 3e-3f, 64, 1e-5f, 3));
    private static CostSplits.Split split;
    private static TrainedCostModel trained;

    @BeforeAll
    static void train() {
        split = CostSplits.byTime(SyntheticExecutions.generate(40, 4000, 7), 0.7, 0.15);
        trained = new CostModelTrainer().train(split.train(), split.validation(), GRID);
    }

    @Test
    void learnedModelBeatsBothBaselinesOnLaterExecutions() {
        CostMetrics learned = CostMetrics.of(trained.model(), split.test());
        CostMetrics planner = CostMetrics.of(PlannerCostBaseline.fit(split.train()), split.test());
        CostMetrics history = CostMetrics.of(HistoryMeanBaseline.fit(split.train()), split.test());
        System.out.printf("cost test: learned %s%n  planner %s%n  history %s%n", learned, planner, history);

        assertThat(learned.betterThan(planner)).isTrue();
        assertThat(learned.betterThan(history)).isTrue();
        assertThat(learned.qErrorMedian()).isLessThan(1.3);
        assertThat(learned.qErrorP90()).isLessThan(planner.qErrorP90());
        assertThat(learned.r2Log()).isGreaterThan(0.9).isGreaterThan(planner.r2Log());
    }

    @Test
    void reportsEveryGridPointAndChoosesTheBestOnValidation() {
        assertThat(trained.grid())
                .containsOnlyKeys(GRID.stream().map(MlpHyperParameters::label).toList());
        for (CostMetrics other : trained.grid().values()) {
            assertThat(other.betterThan(trained.validation())).isFalse();
        }
        assertThat(trained.grid()).containsEntry(trained.chosen().label(), trained.validation());
        assertThat(trained.model().hyperParameters()).isEqualTo(trained.chosen());
        assertThat(trained.model().schema()).isEqualTo(CostFeatures.SCHEMA);
        assertThat(trained.model().name()).isEqualTo("mlp");
    }

    @Test
    void artifactRoundTripPredictsTheSameTimes() {
        LearnedCostModel copy = LearnedCostModel.fromArtifact(trained.model().toArtifact());

        assertThat(copy.schema()).isEqualTo(trained.model().schema());
        assertThat(copy.hyperParameters()).isEqualTo(trained.model().hyperParameters());
        for (CostExample example : split.test().subList(0, 50)) {
            assertThat(copy.predictMs(example.features()))
                    .isEqualTo(trained.model().predictMs(example.features()));
        }
        byte[] damaged = trained.model().toArtifact();
        damaged[damaged.length / 3] ^= 1;
        assertThatThrownBy(() -> LearnedCostModel.fromArtifact(damaged)).isInstanceOf(CorruptArtifactException.class);
    }

    @Test
    void refusesAVectorOfAnotherSchema() {
        int otherVersion = CostFeatures.SCHEMA.version() + 1;
        FeatureSchema renamed = new FeatureSchema(otherVersion, CostFeatures.SCHEMA.names());
        FeatureVector other = renamed.vector(Map.of());

        assertThatThrownBy(() -> trained.model().predictMs(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version " + otherVersion);
    }

    @Test
    void baselinesFollowTheirDefinitions() {
        PlannerCostBaseline planner = PlannerCostBaseline.fit(split.train());
        // the generator's time grows with cost^0.9
        assertThat(planner.slope()).isBetween(0.8, 1.0);

        CostExample unseen = split.train().get(0);
        assertThat(unseen.features().get("hist_seen")).isZero();
        double median = Percentiles.median(
                split.train().stream().mapToDouble(CostExample::actualMs).toArray());
        assertThat(HistoryMeanBaseline.fit(split.train()).predictMs(unseen.features()))
                .isEqualTo(median);
        CostExample seen = split.test().get(0);
        assertThat(HistoryMeanBaseline.fit(split.train()).predictMs(seen.features()))
                .isEqualTo(Math.exp(seen.features().get("hist_mean_log_ms")));
    }

    @Test
    void rejectsAnEmptyGridOrEmptySets() {
        CostModelTrainer trainer = new CostModelTrainer();
        assertThatThrownBy(() -> trainer.train(split.train(), split.validation(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid");
        assertThatThrownBy(() -> trainer.train(List.of(), split.validation(), GRID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training");
    }
}
