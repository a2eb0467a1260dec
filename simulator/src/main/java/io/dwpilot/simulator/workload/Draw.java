package io.dwpilot.simulator.workload;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The parameter draws of one render: hot ids Zipf-skewed, days skewed towards the recent end of the loaded period,
 * spans of realistic lengths clipped to it, and text values as ready SQL literals.
 */
final class Draw {
    /** Rows the workload inserts get ids far above the generator's, so a later load never collides with them. */
    private static final long WORKLOAD_ID_BASE = 9_000_000_000_000L;

    private static final long WORKLOAD_ID_SPAN = 1_000_000_000_000L;

    private final SplittableRandom random;
    private final ParameterSpace space;

    Draw(SplittableRandom random, ParameterSpace space) {
        this.random = random;
        this.space = space;
    }

    ParameterSpace space() {
        return space;
    }

    long customer() {
        return Popularity.CUSTOMERS.draw(random, space.customers());
    }

    long product() {
        return Popularity.PRODUCTS.draw(random, space.products());
    }

    long transaction() {
        return uniform(space.transactions());
    }

    long salesRawId() {
        return uniform(space.salesRawIds());
    }

    long inventoryRawId() {
        return uniform(space.inventoryRawIds());
    }

    long newId() {
        return WORKLOAD_ID_BASE + random.nextLong(WORKLOAD_ID_SPAN);
    }

    int store() {
        return 1 + random.nextInt(space.stores());
    }

    String category() {
        return Literals.text(pick(space.categories()));
    }

    String region() {
        return Literals.text(pick(space.regions()));
    }

    String channel() {
        return Literals.text(pick(space.channels()));
    }

    String warehouse() {
        return Literals.text(pick(space.warehouses()));
    }

    String segment() {
        return Literals.text(pick(space.segments()));
    }

    /** A whole number in [min, max]. */
    int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One of {@code values} as a text literal. */
    String text(String... values) {
        return Literals.text(values[random.nextInt(values.length)]);
    }

    /** A day literal. */
    String day() {
        return Literals.date(someDay());
    }

    /** A day, a week, a month or a quarter: the lengths reports are asked for, shorter ones more often. */
    DateSpan span() {
        double length = random.nextDouble();
        if (length < 0.25) {
            LocalDate day = someDay();
            return new DateSpan(day, day);
        }
        return length < 0.55 ? week() : length < 0.85 ? month() : quarter();
    }

    DateSpan week() {
        LocalDate day = someDay();
        return clipped(
                day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)));
    }

    DateSpan month() {
        LocalDate day = someDay();
        return clipped(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
    }

    DateSpan quarter() {
        LocalDate day = someDay();
        LocalDate start = day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
        return clipped(start, start.plusMonths(3).minusDays(1));
    }

    DateSpan weekOrMonth() {
        return random.nextBoolean() ? week() : month();
    }

    DateSpan monthOrQuarter() {
        return random.nextBoolean() ? month() : quarter();
    }

    /** The last {@code days} days of the loaded period, as "last 7 days" dashboards ask. */
    DateSpan lastDays(int days) {
        return clipped(space.lastSaleDate().minusDays(days - 1L), space.lastSaleDate());
    }

    /** The day after the loaded period: when rows the workload writes happen. */
    LocalDate today() {
        return space.lastSaleDate().plusDays(1);
    }

    /** Recent days are asked about more: the square of a uniform draw piles up near the end of the period. */
    private LocalDate someDay() {
        long days = ChronoUnit.DAYS.between(space.firstSaleDate(), space.lastSaleDate()) + 1;
        double u = random.nextDouble();
        return space.lastSaleDate().minusDays((long) (u * u * days));
    }

    private DateSpan clipped(LocalDate first, LocalDate last) {
        LocalDate from = first.isBefore(space.firstSaleDate()) ? space.firstSaleDate() : first;
        LocalDate to = last.isAfter(space.lastSaleDate()) ? space.lastSaleDate() : last;
        return new DateSpan(from, to);
    }

    private long uniform(ParameterSpace.IdRange range) {
        return range.min() + random.nextLong(range.size());
    }
}
