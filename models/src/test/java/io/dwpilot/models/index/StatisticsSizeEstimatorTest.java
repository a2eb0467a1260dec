package io.dwpilot.models.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.sql.ColumnRef;
import io.dwpilot.models.sql.ConstantFilter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class StatisticsSizeEstimatorTest {
    private static final Map<String, Double> WIDTHS = Map.of("id", 8.0, "day", 4.0, "name", 40.0, "total", 8.0);

    private static IndexCandidate index(List<String> keys, List<String> include) {
        return new IndexCandidate(
                "sales", keys.stream().map(KeyColumn::ascending).toList(), include, Optional.empty(), Map.of());
    }

    private static StatisticsSizeEstimator estimator(double rows) {
        return new StatisticsSizeEstimator(List.of(new TableStatistics("sales", rows, WIDTHS)));
    }

    @Test
    void moreRowsMakeABiggerIndex() {
        IndexCandidate candidate = index(List.of("id"), List.of());

        assertThat(estimator(1_000_000).bytes(candidate))
                .isGreaterThan(estimator(10_000).bytes(candidate));
    }

    @Test
    void aMillionEightByteKeysTakeAboutTwentyFiveMegabytes() {
        // PostgreSQL builds a bigint primary key over a million rows in about 21.5 MB (22 MB with bloat)
        long bytes = estimator(1_000_000).bytes(index(List.of("id"), List.of()));

        assertThat(bytes).isBetween(20_000_000L, 27_000_000L);
    }

    @Test
    void widerKeysMakeABiggerIndex() {
        StatisticsSizeEstimator estimator = estimator(1_000_000);

        assertThat(estimator.bytes(index(List.of("name"), List.of())))
                .isGreaterThan(estimator.bytes(index(List.of("day"), List.of())));
        assertThat(estimator.bytes(index(List.of("day", "name"), List.of())))
                .isGreaterThan(estimator.bytes(index(List.of("day"), List.of())));
    }

    @Test
    void includeColumnsCount() {
        StatisticsSizeEstimator estimator = estimator(1_000_000);

        assertThat(estimator.bytes(index(List.of("day"), List.of("name"))))
                .isGreaterThan(estimator.bytes(index(List.of("day"), List.of())))
                .isEqualTo(estimator.bytes(index(List.of("day", "name"), List.of())));
    }

    @Test
    void anEmptyTableStillTakesItsMetapageAndRoot() {
        assertThat(estimator(0).bytes(index(List.of("id"), List.of()))).isEqualTo(2 * 8192);
    }

    @Test
    void aColumnWithoutStatisticsCountsTheDefaultWidth() {
        StatisticsSizeEstimator estimator = estimator(1_000_000);

        assertThat(estimator.bytes(index(List.of("unknown"), List.of())))
                .isEqualTo(estimator.bytes(index(List.of("id"), List.of())));
    }

    @Test
    void calibrationScalesAndComposes() {
        StatisticsSizeEstimator estimator = estimator(1_000_000);
        IndexCandidate candidate = index(List.of("id"), List.of());
        long raw = estimator.bytes(candidate);

        assertThat(estimator.calibrated(2).bytes(candidate)).isEqualTo(2 * raw);
        assertThat(estimator.calibrated(2).calibrated(1.5).bytes(candidate)).isEqualTo(3 * raw);
        assertThat(estimator.calibrated(2).calibration()).isEqualTo(2);
        SizeEstimator plain = estimator::bytes;
        assertThat(plain.calibrated(0.5).bytes(candidate)).isEqualTo(Math.round(raw * 0.5));
        assertThatThrownBy(() -> estimator.calibrated(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTableWithoutStatisticsIsRefused() {
        IndexCandidate elsewhere =
                new IndexCandidate("other", List.of(KeyColumn.ascending("id")), List.of(), Optional.empty(), Map.of());

        assertThatThrownBy(() -> estimator(10).bytes(elsewhere)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartialIndexHoldsOnlyTheRowsItsPredicateKeeps() {
        StatisticsSizeEstimator estimator = new StatisticsSizeEstimator(
                List.of(new TableStatistics("sales", 1_000_000, WIDTHS, Map.of("channel", 4.0), Map.of("day", 0.1))));
        IndexCandidate full = index(List.of("id"), List.of());
        IndexCandidate oneChannel = new IndexCandidate(
                "sales",
                List.of(KeyColumn.ascending("id")),
                List.of(),
                Optional.of(new ConstantFilter(new ColumnRef("sales", "channel"), "channel = 'web'")),
                Map.of());
        IndexCandidate nullDays = new IndexCandidate(
                "sales",
                List.of(KeyColumn.ascending("id")),
                List.of(),
                Optional.of(new ConstantFilter(new ColumnRef("sales", "day"), "day IS NULL")),
                Map.of());

        assertThat((double) estimator.bytes(oneChannel))
                .isCloseTo(estimator.bytes(full) / 4.0, Percentage.withPercentage(2));
        assertThat((double) estimator.bytes(nullDays))
                .isCloseTo(estimator.bytes(full) / 10.0, Percentage.withPercentage(2));
    }
}
