package io.dwpilot.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DrawTest {
    private final Draw draw = new Draw(new SplittableRandom(11), TestSpaces.retail(0));

    @Test
    void spansStayInsideTheLoadedPeriodAndLastAtMostAQuarter() {
        for (int i = 0; i < 5_000; i++) {
            DateSpan span = draw.span();
            assertThat(span.first()).isAfterOrEqualTo(TestSpaces.FIRST_SALE);
            assertThat(span.last()).isBeforeOrEqualTo(TestSpaces.LAST_SALE);
            assertThat(ChronoUnit.DAYS.between(span.first(), span.last())).isLessThan(92);
        }
        assertThat(draw.lastDays(7)).isEqualTo(new DateSpan(TestSpaces.LAST_SALE.minusDays(6), TestSpaces.LAST_SALE));
        assertThat(draw.lastDays(10_000).first()).isEqualTo(TestSpaces.FIRST_SALE);
    }

    @Test
    void recentDaysAreAskedAboutMore() {
        List<DateSpan> days = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            days.add(draw.month());
        }
        long inLastYear = days.stream()
                .filter(d -> d.first().isAfter(TestSpaces.LAST_SALE.minusYears(1)))
                .count();
        assertThat(inLastYear).isGreaterThan(days.size() * 6L / 10);
    }

    @Test
    void literalsAreQuotedAndEscaped() {
        assertThat(Literals.text("O'Hara")).isEqualTo("'O''Hara'");
        assertThat(new DateSpan(TestSpaces.FIRST_SALE, TestSpaces.FIRST_SALE).until())
                .isEqualTo("DATE '2024-11-02'");
        assertThat(draw.category()).isIn("'books'", "'electronics'");
    }

    @Test
    void insertedRowsGetIdsFarAboveTheGeneratedOnes() {
        assertThat(draw.newId()).isGreaterThanOrEqualTo(9_000_000_000_000L);
    }
}
