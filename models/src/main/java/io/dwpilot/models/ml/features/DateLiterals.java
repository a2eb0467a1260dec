package io.dwpilot.models.ml.features;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates a statement's text names as literals ({@code '2026-11-02'}, {@code DATE '2026-11-02'},
 * {@code '2026-11-02 10:00'}) and the days between the first and the last: how much time a range filter covers,
 * which statements of one fingerprint differ in most and which drives their cost in a warehouse. Read from the raw
 * text with one regular expression, in microseconds, because the gateway shares one analysis among statements that
 * differ only in their literals.
 *
 * @param count    date literals found
 * @param spanDays days from the earliest to the latest of them (0 below two)
 */
public record DateLiterals(int count, long spanDays) {
    public static final DateLiterals NONE = new DateLiterals(0, 0);
    private static final Pattern DATE = Pattern.compile("'(\\d{4})-(\\d{2})-(\\d{2})[ T0-9:.+-]*'");

    public DateLiterals {
        if (count < 0 || spanDays < 0) {
            throw new IllegalArgumentException("count and span cannot be negative: " + count + ", " + spanDays);
        }
    }

    public static DateLiterals of(String sql) {
        Matcher m = DATE.matcher(sql);
        int count = 0;
        LocalDate first = null;
        LocalDate last = null;
        while (m.find()) {
            LocalDate date;
            try {
                date = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                continue; // '2026-13-45' is a string that looks like a date, not a date
            }
            count++;
            first = first == null || date.isBefore(first) ? date : first;
            last = last == null || date.isAfter(last) ? date : last;
        }
        return count == 0 ? NONE : new DateLiterals(count, ChronoUnit.DAYS.between(first, last));
    }
}
