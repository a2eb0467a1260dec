package io.dwpilot.persistence.observations;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forecasts on real PostgreSQL: save in one batch, the latest per target, actuals filled per bucket. */
class ForecastRepositoryTest {
    private static final Instant B0 = Instant.parse("2026-03-01T10:00:00Z");
    private static Database db;
    private static ForecastRepository repo;

    @BeforeAll
    static void setUp() {
        db = TestPostgres.newWarehouse("observations");
        repo = new ForecastRepository(db.systemPool());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static List<ForecastPoint> points(double base) {
        return List.of(
                ForecastPoint.of(B0, base, base - 1, base + 1),
                ForecastPoint.of(B0.plusSeconds(300), base + 2, base + 1, base + 3),
                new ForecastPoint(B0.plusSeconds(600), base + 4, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void latestAnswersTheNewestForecastOfTheTarget() throws Exception {
        assertThat(repo.latest("nothing-here")).isEmpty();
        Instant early = Instant.parse("2026-03-01T09:00:00Z");
        Instant late = Instant.parse("2026-03-01T09:55:00.123456789Z");
        repo.saveForecast("seasonal_naive", "1", "total", early, 5, points(10));
        Instant stored = repo.saveForecast("holt_winters", "2", "total", late, 5, points(20));
        repo.saveForecast("holt_winters", "2", "fp-abc", late.plusSeconds(60), 5, points(30));

        Forecast f = repo.latest("total").orElseThrow();
        assertThat(stored).isEqualTo(Instant.parse("2026-03-01T09:55:00.123456Z"));
        assertThat(f.madeAt()).isEqualTo(stored);
        assertThat(f.model()).isEqualTo("holt_winters");
        assertThat(f.modelVersion()).contains("2");
        assertThat(f.target()).isEqualTo("total");
        assertThat(f.bucketMinutes()).isEqualTo(5);
        assertThat(f.points()).extracting(ForecastPoint::predicted).containsExactly(20.0, 22.0, 24.0);
        assertThat(f.points().get(0).lower()).contains(19.0);
        assertThat(f.points().get(0).upper()).contains(21.0);
        assertThat(f.points().get(2).lower()).isEmpty();
        assertThat(f.points()).allSatisfy(p -> assertThat(p.actual()).isEmpty());
        assertThat(repo.latest("fp-abc").orElseThrow().points())
                .extracting(ForecastPoint::predicted)
                .containsExactly(30.0, 32.0, 34.0);
    }

    @Test
    void recordActualFillsEveryStoredPointOfTheBucket() throws Exception {
        Instant made = Instant.parse("2026-04-01T00:00:00Z");
        repo.saveForecast("seasonal_naive", null, "actuals", made, 5, points(1));
        repo.saveForecast("holt_winters", null, "actuals", made.plusSeconds(1), 5, points(2));
        assertThat(repo.recordActual("actuals", B0.plusSeconds(300), 7.5)).isEqualTo(2);
        assertThat(repo.recordActual("actuals", B0.plusSeconds(9000), 1)).isZero();
        Forecast f = repo.latest("actuals").orElseThrow();
        assertThat(f.modelVersion()).isEmpty();
        assertThat(f.points().get(0).actual()).isEmpty();
        assertThat(f.points().get(1).actual()).contains(7.5);
    }

    @Test
    void recordActualsFillsConsecutiveBucketsInOneStatement() throws Exception {
        Instant made = Instant.parse("2026-04-02T00:00:00Z");
        repo.saveForecast("seasonal_naive", null, "batch", made, 5, points(1));
        repo.saveForecast("holt_winters", null, "batch", made.plusSeconds(1), 5, points(2));
        // buckets B0-5m (no stored point), B0, B0+5m; B0+10m stays unknown
        assertThat(repo.recordActuals("batch", B0.minusSeconds(300), 5, new double[] {9, 3, 4}))
                .isEqualTo(4);
        assertThat(repo.recordActuals("batch", B0, 5, new double[] {3, 4}))
                .as("values already there")
                .isZero();
        assertThat(repo.recordActuals("batch", B0, 5, new double[0])).isZero();
        Forecast f = repo.latest("batch").orElseThrow();
        assertThat(f.points())
                .extracting(ForecastPoint::actual)
                .containsExactly(Optional.of(3.0), Optional.of(4.0), Optional.empty());
        assertThat(repo.recordActuals("other", B0, 5, new double[] {1})).isZero();
    }

    @Test
    void deleteForecastRemovesOneSlotOfOneTarget() throws Exception {
        Instant slot = Instant.parse("2026-04-03T00:15:00.0000001Z");
        repo.saveForecast("seasonal_naive", null, "slots", slot.minusSeconds(900), 5, points(1));
        repo.saveForecast("holt_winters", null, "slots", slot, 5, points(2));
        repo.saveForecast("holt_winters", null, "other-slots", slot, 5, points(3));
        assertThat(repo.deleteForecast("slots", slot)).isEqualTo(3);
        assertThat(repo.latest("slots").orElseThrow().model()).isEqualTo("seasonal_naive");
        assertThat(repo.latest("other-slots")).isPresent();
        assertThat(repo.deleteForecast("slots", slot)).isZero();
    }
}
