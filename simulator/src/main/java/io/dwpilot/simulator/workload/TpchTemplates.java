package io.dwpilot.simulator.workload;

import static io.dwpilot.simulator.workload.Literals.text;

import io.dwpilot.simulator.tpch.TpchQueries;
import io.trino.tpch.Distributions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries with their substitution parameters drawn within the ranges of the specification (clause 2.4):
 * each query's stored text carries the validation values, and a table maps those tokens to fresh draws. Value lists
 * (nations, regions, segments, part types, containers, colours, ship modes) come from dbgen's own distributions.
 */
public final class TpchTemplates {
    private static final Distributions DISTRIBUTIONS = Distributions.getDefaultDistributions();
    private static final List<String> NATIONS = DISTRIBUTIONS.getNations().getValues();
    private static final List<String> REGIONS = DISTRIBUTIONS.getRegions().getValues();
    private static final List<String> SEGMENTS =
            DISTRIBUTIONS.getMarketSegments().getValues();
    private static final List<String> TYPES = DISTRIBUTIONS.getPartTypes().getValues();
    private static final List<String> CONTAINERS =
            DISTRIBUTIONS.getPartContainers().getValues();
    private static final List<String> COLORS = DISTRIBUTIONS.getPartColors().getValues();
    private static final List<String> SHIP_MODES = DISTRIBUTIONS.getShipModes().getValues();
    /** Q2 takes a type's last syllable (BRASS), Q16 its first two (MEDIUM POLISHED). */
    private static final List<String> TYPE_MATERIALS = TYPES.stream()
            .map(t -> t.substring(t.lastIndexOf(' ') + 1))
            .distinct()
            .toList();

    private static final List<String> TYPE_FINISHES = TYPES.stream()
            .map(t -> t.substring(0, t.lastIndexOf(' ')))
            .distinct()
            .toList();
    private static final List<String> Q13_WORDS_1 = List.of("special", "pending", "unusual", "express");
    private static final List<String> Q13_WORDS_2 = List.of("packages", "requests", "accounts", "deposits");
    private static final BigDecimal Q11_FRACTION_AT_SF1 = new BigDecimal("0.0001");

    private static final List<QueryTemplate> ALL = List.of(
            query(
                    1,
                    Complexity.MEDIUM,
                    d -> Map.of("interval '90 days'", "interval '" + d.between(60, 120) + " days'")),
            query(
                    2,
                    Complexity.COMPLEX,
                    d -> Map.of(
                            "p_size = 15", "p_size = " + d.between(1, 50),
                            "'%BRASS'", text("%" + d.pick(TYPE_MATERIALS)),
                            "'EUROPE'", text(d.pick(REGIONS)))),
            query(
                    3,
                    Complexity.MEDIUM,
                    d -> Map.of(
                            "'BUILDING'", text(d.pick(SEGMENTS)),
                            "date '1995-03-15'", Literals.date(LocalDate.of(1995, 3, d.between(1, 31))))),
            query(
                    4,
                    Complexity.COMPLEX,
                    d -> Map.of("date '1993-07-01'", firstOfMonth(d, YearMonth.of(1993, 1), YearMonth.of(1997, 10)))),
            query(
                    5,
                    Complexity.MEDIUM,
                    d -> Map.of(
                            "'ASIA'", text(d.pick(REGIONS)),
                            "date '1994-01-01'", newYear(d))),
            query(
                    6,
                    Complexity.MEDIUM,
                    d -> Map.of(
                            "date '1994-01-01'", newYear(d),
                            "0.06 - 0.01 and 0.06 + 0.01",
                                    "0.0%1$d - 0.01 and 0.0%1$d + 0.01".formatted(d.between(2, 9)),
                            "l_quantity < 24", "l_quantity < " + d.between(24, 25))),
            query(7, Complexity.COMPLEX, d -> {
                List<String> nations = distinct(d, NATIONS, 2);
                return Map.of("'FRANCE'", text(nations.get(0)), "'GERMANY'", text(nations.get(1)));
            }),
            query(8, Complexity.COMPLEX, d -> {
                int nation = d.between(0, NATIONS.size() - 1);
                return Map.of(
                        "'BRAZIL'", text(NATIONS.get(nation)),
                        "'AMERICA'", text(REGIONS.get(regionOf(nation))),
                        "'ECONOMY ANODIZED STEEL'", text(d.pick(TYPES)));
            }),
            query(9, Complexity.COMPLEX, d -> Map.of("'%green%'", text("%" + d.pick(COLORS) + "%"))),
            query(
                    10,
                    Complexity.MEDIUM,
                    d -> Map.of("date '1993-10-01'", firstOfMonth(d, YearMonth.of(1993, 2), YearMonth.of(1995, 1)))),
            query(
                    11,
                    Complexity.COMPLEX,
                    d -> Map.of("'GERMANY'", text(d.pick(NATIONS)), "* 0.0001", "* " + q11Fraction(d.space()))),
            query(
                    12,
                    Complexity.MEDIUM,
                    d -> Map.of(
                            "('MAIL', 'SHIP')", textList(distinct(d, SHIP_MODES, 2)),
                            "date '1994-01-01'", newYear(d))),
            query(
                    13,
                    Complexity.COMPLEX,
                    d -> Map.of(
                            "'%special%requests%'", text("%" + d.pick(Q13_WORDS_1) + "%" + d.pick(Q13_WORDS_2) + "%"))),
            query(
                    14,
                    Complexity.MEDIUM,
                    d -> Map.of("date '1995-09-01'", firstOfMonth(d, YearMonth.of(1993, 1), YearMonth.of(1997, 12)))),
            query(
                    15,
                    Complexity.COMPLEX,
                    d -> Map.of("date '1996-01-01'", firstOfMonth(d, YearMonth.of(1993, 1), YearMonth.of(1997, 10)))),
            query(
                    16,
                    Complexity.COMPLEX,
                    d -> Map.of(
                            "'Brand#45'", brand(d),
                            "'MEDIUM POLISHED%'", text(d.pick(TYPE_FINISHES) + "%"),
                            "(49, 14, 23, 45, 19, 3, 36, 9)",
                                    distinct(
                                                    d,
                                                    IntStream.rangeClosed(1, 50)
                                                            .boxed()
                                                            .toList(),
                                                    8)
                                            .stream()
                                            .map(String::valueOf)
                                            .collect(Collectors.joining(", ", "(", ")")))),
            query(
                    17,
                    Complexity.COMPLEX,
                    d -> Map.of(
                            "'Brand#23'", brand(d),
                            "'MED BOX'", text(d.pick(CONTAINERS)))),
            query(
                    18,
                    Complexity.COMPLEX,
                    d -> Map.of("sum(l_quantity) > 300", "sum(l_quantity) > " + d.between(312, 315))),
            query(
                    19,
                    Complexity.MEDIUM,
                    d -> Map.of(
                            "'Brand#12'", brand(d),
                            "'Brand#23'", brand(d),
                            "'Brand#34'", brand(d),
                            "l_quantity >= 1 and l_quantity <= 1 + 10", quantityBand(d.between(1, 10)),
                            "l_quantity >= 10 and l_quantity <= 10 + 10", quantityBand(d.between(10, 20)),
                            "l_quantity >= 20 and l_quantity <= 20 + 10", quantityBand(d.between(20, 30)))),
            query(
                    20,
                    Complexity.COMPLEX,
                    d -> Map.of(
                            "'forest%'", text(d.pick(COLORS) + "%"),
                            "date '1994-01-01'", newYear(d),
                            "'CANADA'", text(d.pick(NATIONS)))),
            query(21, Complexity.COMPLEX, d -> Map.of("'SAUDI ARABIA'", text(d.pick(NATIONS)))),
            query(
                    22,
                    Complexity.COMPLEX,
                    d -> Map.of(
                            "('13', '31', '23', '29', '30', '18', '17')",
                            textList(distinct(
                                    d,
                                    IntStream.rangeClosed(10, 34)
                                            .mapToObj(String::valueOf)
                                            .toList(),
                                    7)))));

    private TpchTemplates() {}

    public static List<QueryTemplate> all() {
        return ALL;
    }

    private static Template query(int number, Complexity complexity, Function<Draw, Map<String, String>> parameters) {
        String text = TpchQueries.query(number).sql();
        return new Template(
                String.format("tpch_q%02d", number),
                complexity,
                d -> TokenSubstitution.apply(text, parameters.apply(d)));
    }

    /** dbgen builds the nation table from this distribution: a nation's weight there is its region key. */
    private static int regionOf(int nation) {
        return DISTRIBUTIONS.getNations().getWeight(nation);
    }

    private static String newYear(Draw d) {
        return Literals.date(LocalDate.of(d.between(1993, 1997), 1, 1));
    }

    private static String firstOfMonth(Draw d, YearMonth first, YearMonth last) {
        int months = (int) first.until(last, ChronoUnit.MONTHS);
        return Literals.date(first.plusMonths(d.between(0, months)).atDay(1));
    }

    private static String brand(Draw d) {
        return text("Brand#" + d.between(1, 5) + d.between(1, 5));
    }

    private static String quantityBand(int low) {
        return "l_quantity >= %1$d and l_quantity <= %1$d + 10".formatted(low);
    }

    /** The specification's FRACTION is 0.0001 / SF, so the query keeps returning a similar share of parts. */
    private static String q11Fraction(ParameterSpace space) {
        double scale = space.tpchLoaded() ? space.tpchScale() : 1;
        return Q11_FRACTION_AT_SF1
                .divide(BigDecimal.valueOf(scale), MathContext.DECIMAL64)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String textList(List<String> values) {
        return values.stream().map(Literals::text).collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code count} different values, in drawn order (a partial Fisher-Yates shuffle). */
    private static <T> List<T> distinct(Draw d, List<T> values, int count) {
        List<T> pool = new ArrayList<>(values);
        for (int i = 0; i < count; i++) {
            int j = d.between(i, pool.size() - 1);
            pool.set(j, pool.set(i, pool.get(j)));
        }
        return List.copyOf(pool.subList(0, count));
    }
}
