package io.dwpilot.simulator.workload;

import java.time.LocalDate;
import java.util.List;

/** Parameter spaces built by hand, for tests that need no database. */
final class TestSpaces {
    static final LocalDate FIRST_SALE = LocalDate.of(2024, 11, 1);
    static final LocalDate LAST_SALE = LocalDate.of(2026, 10, 31);

    private TestSpaces() {}

    static ParameterSpace retail(double tpchScale) {
        return new ParameterSpace(
                new ParameterSpace.IdRange(1, 10_000),
                new ParameterSpace.IdRange(1, 1_000),
                new ParameterSpace.IdRange(1, 1_000_000),
                new ParameterSpace.IdRange(1, 1_030_000),
                new ParameterSpace.IdRange(1, 206_000),
                FIRST_SALE,
                LAST_SALE,
                List.of("books", "electronics"),
                List.of("Europe", "West"),
                List.of("mobile", "online", "store"),
                List.of("WH-01", "WH-02"),
                List.of("consumer", "corporate"),
                50,
                tpchScale);
    }
}
