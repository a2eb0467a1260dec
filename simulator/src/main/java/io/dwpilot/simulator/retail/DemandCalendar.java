package io.dwpilot.simulator.retail;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When people buy: a yearly season (November and December peak, Black Friday spike), a weekly rhythm (weekends
 * busier), a slow growth trend, and an hourly curve with a lunch and an evening peak.
 */
final class DemandCalendar {
    private static final double[] MONTH = {0.85, 0.80, 0.90, 0.95, 1.00, 1.00, 0.95, 1.00, 0.95, 1.00, 1.25, 1.50};
    private static final double[] WEEKDAY = {0.90, 0.90, 0.95, 1.00, 1.15, 1.30, 1.10}; // Monday first
    private static final double[] HOUR = {
        0.15, 0.08, 0.05, 0.04, 0.05, 0.10, 0.30, 0.55, 0.80, 0.95, 1.05, 1.20,
        1.45, 1.35, 1.10, 1.00, 1.05, 1.25, 1.55, 1.70, 1.60, 1.20, 0.70, 0.35
    };
    private static final double YEARLY_GROWTH = 0.10;
    private static final double BLACK_FRIDAY = 3.0;

    private final double[] hourCumulative;

    DemandCalendar() {
        hourCumulative = cumulative(HOUR);
    }

    double dayWeight(LocalDate day, LocalDate start) {
        double weight =
                MONTH[day.getMonthValue() - 1] * WEEKDAY[day.getDayOfWeek().getValue() - 1];
        weight *= 1 + YEARLY_GROWTH * (day.toEpochDay() - start.toEpochDay()) / 365.0;
        if (isBlackFriday(day)) {
            weight *= BLACK_FRIDAY;
        }
        return weight;
    }

    static boolean isBlackFriday(LocalDate day) {
        if (day.getMonthValue() != 11 || day.getDayOfWeek() != DayOfWeek.FRIDAY) {
            return false;
        }
        LocalDate thanksgiving = day.with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        return day.equals(thanksgiving.plusDays(1));
    }

    /** Splits {@code total} events over the days in proportion to their weights (largest remainder, exact sum). */
    long[] allocate(long total, LocalDate start, int days) {
        double[] weights = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            weights[d] = dayWeight(start.plusDays(d), start);
            sum += weights[d];
        }
        long[] counts = new long[days];
        double[] remainders = new double[days];
        long assigned = 0;
        for (int d = 0; d < days; d++) {
            double exact = total * weights[d] / sum;
            counts[d] = (long) Math.floor(exact);
            remainders[d] = exact - counts[d];
            assigned += counts[d];
        }
        Integer[] order = new Integer[days];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int i = 0; assigned < total; i++, assigned++) {
            counts[order[i % days]]++;
        }
        return counts;
    }

    /** A second of the day, drawn from the hourly curve. */
    int secondOfDay(SplittableRandom random) {
        int hour = Arrays.binarySearch(hourCumulative, random.nextDouble());
        if (hour < 0) {
            hour = Math.min(-hour - 1, 23);
        }
        return hour * 3600 + random.nextInt(3600);
    }

    private static double[] cumulative(double[] weights) {
        double[] out = new double[weights.length];
        double sum = Arrays.stream(weights).sum();
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            out[i] = running / sum;
        }
        return out;
    }
}
