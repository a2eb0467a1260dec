package io.dwpilot.models.ml.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DateLiteralsTest {
    @Test
    void theSpanRunsFromTheEarliestToTheLatestDateInAnyOrderAndForm() {
        assertThat(DateLiterals.of("SELECT sum(x) FROM s WHERE d >= DATE '2026-03-01' AND d < '2026-03-31'"))
                .isEqualTo(new DateLiterals(2, 30));
        assertThat(DateLiterals.of(
                        "SELECT 1 WHERE t < '2026-01-10 12:00:00' AND t >= '2025-12-31T00:00' AND d = '2026-01-05'"))
                .isEqualTo(new DateLiterals(3, 10));
        assertThat(DateLiterals.of("SELECT * FROM s WHERE d = '2026-03-01'")).isEqualTo(new DateLiterals(1, 0));
    }

    @Test
    void stringsThatOnlyLookLikeDatesAndNumbersAreNotDates() {
        assertThat(DateLiterals.of("SELECT * FROM s WHERE code = '2026-13-45' AND n = 20260301"))
                .isEqualTo(DateLiterals.NONE);
        assertThat(DateLiterals.of("SELECT * FROM s WHERE note = 'shipped 2026-03-01'"))
                .isEqualTo(DateLiterals.NONE);
    }
}
