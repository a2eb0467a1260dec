package io.dwpilot.simulator.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetailGeneratorTest {
    private static final double SCALE = 0.02;

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOtherRows() {
        for (RetailTable table : RetailTable.values()) {
            String first = digest(new RetailGenerator(RetailSpec.initial(SCALE, 7)), table);
            String again = digest(new RetailGenerator(RetailSpec.initial(SCALE, 7)), table);
            String other = digest(new RetailGenerator(RetailSpec.initial(SCALE, 8)), table);
            assertThat(again).as(table.name()).isEqualTo(first);
            if (table != RetailTable.PRODUCTS) { // the catalog is a function of the product id, by design
                assertThat(other).as(table.name()).isNotEqualTo(first);
            }
        }
    }

    @Test
    void scaleSetsTheRowCountsAndAboutThreePercentIsDirty() {
        RetailSpec spec = RetailSpec.initial(SCALE, 1);
        RetailGenerator generator = new RetailGenerator(spec);
        long[] rows = new long[1];
        DirtLedger ledger = generator.generate(RetailTable.SALES, values -> rows[0]++);
        long duplicates = ledger.of(RetailTable.SALES).getOrDefault(DirtKind.DUPLICATE, 0L);
        assertThat(rows[0]).isEqualTo(spec.sales() + duplicates);
        assertThat(spec.sales()).isEqualTo(20_000);
        assertThat(ledger.total(RetailTable.SALES)).isBetween(400L, 800L);
        assertThat(ledger.of(RetailTable.SALES).keySet())
                .contains(
                        DirtKind.DUPLICATE,
                        DirtKind.MALFORMED_DATE,
                        DirtKind.UNKNOWN_CUSTOMER,
                        DirtKind.UNKNOWN_PRODUCT,
                        DirtKind.OUT_OF_RANGE);
    }

    @Test
    void salesFollowTheSeasonAndTheHourAndFavourHotCustomers() {
        RetailSpec spec = RetailSpec.initial(0.05, 3);
        Map<Integer, Long> byHour = new HashMap<>();
        Map<String, Long> byCustomer = new HashMap<>();
        long[] december = new long[2]; // [December, February]
        new RetailGenerator(spec).generate(RetailTable.SALES, v -> {
            if (v[1] == null || v[1].length() < 19 || v[1].charAt(4) != '-') {
                return; // a malformed date
            }
            byHour.merge(Integer.parseInt(v[1].substring(11, 13)), 1L, Long::sum);
            if (v[2] != null) {
                byCustomer.merge(v[2], 1L, Long::sum);
            }
            LocalDate day = LocalDate.parse(v[1].substring(0, 10));
            if (day.getMonthValue() == 12) {
                december[0]++;
            } else if (day.getMonthValue() == 2) {
                december[1]++;
            }
        });
        assertThat(byHour.get(19)).isGreaterThan(5 * byHour.get(3));
        assertThat(december[0]).isGreaterThan(december[1] * 3 / 2);
        long hottest =
                byCustomer.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        double mean = byCustomer.values().stream()
                .mapToLong(Long::longValue)
                .average()
                .orElseThrow();
        assertThat(hottest).isGreaterThan((long) (20 * mean));
    }

    @Test
    void badSpecsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> RetailSpec.initial(-1, 1)).hasMessageContaining("scale must be greater than 0");
        assertThatThrownBy(() -> RetailSpec.initial(0, 1)).hasMessageContaining("scale");
        assertThatThrownBy(() -> new RetailSpec(1, 1, RetailSpec.DEFAULT_START, 0, 0, 0, 0, 0))
                .hasMessageContaining("days");
    }

    private static String digest(RetailGenerator generator, RetailTable table) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            generator.generate(
                    table,
                    values -> md.update(String.join(
                                    "\u0001",
                                    java.util.Arrays.stream(values)
                                            .map(String::valueOf)
                                            .toList())
                            .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
