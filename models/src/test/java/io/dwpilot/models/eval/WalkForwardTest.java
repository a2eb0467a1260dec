package io.dwpilot.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.models.eval.WalkForward.Fold;
import io.dwpilot.models.eval.WalkForward.Window;
import io.dwpilot.models.forecast.SeasonalNaive;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

    @Test
    void expandingFolds() {
        assertThat(WalkForward.folds(10, 4, 2, 3)).containsExactly(new Fold(0, 0, 4, 4, 7), new Fold(1, 0, 6, 6, 9));
    }

    @Test
    void slidingFolds() {
        assertThat(WalkForward.folds(10, 4, 3, 3, Window.SLIDING))
                .containsExactly(new Fold(0, 0, 4, 4, 7), new Fold(1, 3, 7, 7, 10));
    }

    @Test
    void noFoldWhenTheFirstTestRangeDoesNotFit() {
        assertThat(WalkForward.folds(6, 4, 1, 3)).isEmpty();
        assertThatThrownBy(() -> WalkForward.folds(10, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WalkForward.folds(10, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WalkForward.folds(10, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foldSlicesTheObservations() {
        double[] x = {0, 1, 2, 3, 4, 5};
        Fold fold = new Fold(0, 1, 3, 3, 5);
        assertThat(fold.train(x)).containsExactly(1, 2);
        assertThat(fold.test(x)).containsExactly(3, 4);
    }

    @Test
    void meanMetricOverFolds() {
        // season 2, observations 1,2,1,2,1,3 ; train 2, step 2, horizon 2
        // fold 0: train [1,2] -> forecast [1,2] vs [1,2]: MAE 0
        // fold 1: train [1,2,1,2] -> forecast [1,2] vs [1,3]: MAE 0.5
        double[] x = {1, 2, 1, 2, 1, 3};
        WalkForward.Result result =
                WalkForward.evaluate(x, new SeasonalNaive(2), 2, 2, 2, Window.EXPANDING, ForecastMetrics::mae);
        assertThat(result.scores()).containsExactly(0.0, 0.5);
        assertThat(result.mean()).isCloseTo(0.25, within(1e-12));
        assertThat(result.scoredFolds()).isEqualTo(2);
        assertThat(result.forecaster()).isEqualTo("seasonal-naive(2)");
    }

    @Test
    void nanFoldsAreLeftOutOfTheMean() {
        // MAPE is NaN on the all-zero test range of fold 0
        double[] x = {1, 1, 0, 0, 2, 2};
        WalkForward.Result result =
                WalkForward.evaluate(x, new SeasonalNaive(1), 2, 2, 2, Window.SLIDING, ForecastMetrics::mape);
        assertThat(result.scores()[0]).isNaN();
        assertThat(result.scores()[1]).isEqualTo(1.0);
        assertThat(result.mean()).isEqualTo(1.0);
        assertThat(result.scoredFolds()).isEqualTo(1);
    }
}
