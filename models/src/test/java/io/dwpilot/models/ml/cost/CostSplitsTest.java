package io.dwpilot.models.ml.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CostSplitsTest {
    private static final List<CostExample> EXAMPLES = SyntheticExecutions.generate(20, 400, 1);

    @Test
    void byTimeCutsTheTimelineInOrder() {
        List<CostExample> shuffled = new ArrayList<>(EXAMPLES);
        Collections.shuffle(shuffled, new Random(2));

        CostSplits.Split split = CostSplits.byTime(shuffled, 0.7, 0.15);

        assertThat(split.train()).hasSize(280);
        assertThat(split.validation()).hasSize(60);
        assertThat(split.test()).hasSize(60);
        assertThat(split.train()).isEqualTo(EXAMPLES.subList(0, 280));
        assertThat(split.validation().get(0).at())
                .isAfter(split.train().get(279).at());
        assertThat(split.test().get(0).at()).isAfter(split.validation().get(59).at());
    }

    @Test
    void byFingerprintNeverTrainsOnATestFingerprint() {
        CostSplits.Split split = CostSplits.byFingerprint(EXAMPLES, 0.15, 0.2, 5);

        Set<String> train = fingerprints(split.train());
        Set<String> validation = fingerprints(split.validation());
        Set<String> test = fingerprints(split.test());
        assertThat(test).hasSize(4).doesNotContainAnyElementsOf(train).doesNotContainAnyElementsOf(validation);
        assertThat(validation).hasSize(3).doesNotContainAnyElementsOf(train);
        assertThat(split.train().size()
                        + split.validation().size()
                        + split.test().size())
                .isEqualTo(400);
        assertThat(split.test()).isSortedAccordingTo(java.util.Comparator.comparing(CostExample::at));
        assertThat(CostSplits.byFingerprint(EXAMPLES, 0.15, 0.2, 5).test()).isEqualTo(split.test());
        assertThat(fingerprints(CostSplits.byFingerprint(EXAMPLES, 0.15, 0.2, 6).test()))
                .isNotEqualTo(test);
    }

    @Test
    void rejectsSharesThatLeaveNothingToTrainOn() {
        assertThatThrownBy(() -> CostSplits.byTime(EXAMPLES, 0.9, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CostSplits.byTime(EXAMPLES, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
        List<CostExample> twoFingerprints = SyntheticExecutions.generate(2, 50, 3);
        assertThatThrownBy(() -> CostSplits.byFingerprint(twoFingerprints, 0.2, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too few");
    }

    private static Set<String> fingerprints(List<CostExample> examples) {
        return examples.stream().map(CostExample::fingerprint).collect(Collectors.toSet());
    }
}
