package io.dwpilot.simulator.retail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * Generates one batch of the retail warehouse as bronze rows: realistic, deterministic for a seed, and dirty in
 * known ways. Each table draws from its own random stream, so generating one table never shifts another. About 3 %
 * of rows carry one kind of dirt (recorded in the {@link DirtLedger}); clean rows also vary in case, spacing and
 * date format, which silver normalizes without rejecting them.
 */
public final class RetailGenerator {
    static final double DIRT_RATE = 0.03;
    static final double POPULARITY_SKEW = 1.05;
    static final int STORES = 50;
    static final List<String> WAREHOUSES = List.of("WH-01", "WH-02", "WH-03", "WH-04", "WH-05");
    /** Warehouses work from 06:00 to 22:00. */
    private static final int WAREHOUSE_OPENS = 6 * 3600;

    private static final int WAREHOUSE_OPEN_SECONDS = 16 * 3600;

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private static final List<String> FIRST_NAMES = List.of(
            "Emma",
            "Liam",
            "Olivia",
            "Noah",
            "Ava",
            "Elijah",
            "Sophia",
            "James",
            "Isabella",
            "Lucas",
            "Mia",
            "Mateo",
            "Amelia",
            "Levi",
            "Harper",
            "Amir",
            "Aisha",
            "Chen",
            "Yuki",
            "Priya",
            "Omar",
            "Fatima",
            "Sven",
            "Ingrid",
            "Diego",
            "Lucia",
            "Kwame",
            "Zara",
            "Hiro",
            "Anya",
            "Pierre",
            "Chloe",
            "Mohammed",
            "Leila",
            "Ivan",
            "Nadia");
    private static final List<String> LAST_NAMES = List.of(
            "Smith",
            "Johnson",
            "Garcia",
            "Martinez",
            "Brown",
            "Lee",
            "Kim",
            "Nguyen",
            "Patel",
            "Mueller",
            "Rossi",
            "Dubois",
            "Silva",
            "Kowalski",
            "Tanaka",
            "Okafor",
            "Haddad",
            "Jensen",
            "Novak",
            "Cohen",
            "Ivanova",
            "Lopez",
            "Wilson",
            "Taylor",
            "Anderson",
            "Thomas",
            "Moore",
            "Jackson",
            "White",
            "Harris");
    private static final List<String[]> PLACES = List.of(
            new String[] {"New York", "Northeast", "US"}, new String[] {"Boston", "Northeast", "US"},
            new String[] {"Chicago", "Midwest", "US"}, new String[] {"Detroit", "Midwest", "US"},
            new String[] {"Austin", "South", "US"}, new String[] {"Atlanta", "South", "US"},
            new String[] {"Seattle", "West", "US"}, new String[] {"San Francisco", "West", "US"},
            new String[] {"Toronto", "Canada", "CA"}, new String[] {"Vancouver", "Canada", "CA"},
            new String[] {"London", "Europe", "GB"}, new String[] {"Berlin", "Europe", "DE"},
            new String[] {"Paris", "Europe", "FR"}, new String[] {"Madrid", "Europe", "ES"},
            new String[] {"Tokyo", "Asia Pacific", "JP"}, new String[] {"Sydney", "Asia Pacific", "AU"});
    private static final List<String> SEGMENTS = List.of("consumer", "corporate", "home_office", "small_business");
    private static final double[] SEGMENT_WEIGHTS = {0.60, 0.18, 0.12, 0.10};
    private static final List<String> EMAIL_DOMAINS = List.of("example.com", "mail.test", "shop.example", "inbox.test");

    private final RetailSpec spec;

    public RetailGenerator(RetailSpec spec) {
        this.spec = spec;
    }

    public RetailSpec spec() {
        return spec;
    }

    /** Writes every row of {@code table} to the sink and returns the dirt it wrote. */
    public DirtLedger generate(RetailTable table, RowSink sink) {
        DirtLedger ledger = new DirtLedger();
        SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E37_79B9_7F4A_7C15L + table.ordinal() + 1);
        switch (table) {
            case PRODUCTS -> products(random, sink, ledger);
            case CUSTOMERS -> customers(random, sink, ledger);
            case SALES -> sales(random, sink, ledger);
            case INVENTORY -> inventory(random, sink, ledger);
            default -> throw new IllegalArgumentException(table.name());
        }
        return ledger;
    }

    /** Rows the table will receive, counting the expected extra dirty copies (for progress bars). */
    public long expectedRows(RetailTable table) {
        return switch (table) {
            case PRODUCTS -> Math.round(spec.newProducts() * (1 + DIRT_RATE));
            case CUSTOMERS -> Math.round(spec.newCustomers() * (1 + DIRT_RATE));
            case SALES -> Math.round(spec.sales() * (1 + DIRT_RATE * 0.3));
            case INVENTORY -> Math.round(spec.movements() * (1 + DIRT_RATE * 0.3));
        };
    }

    // Dimensions: a dirty row is an extra, corrupted copy sent after the clean one, so references stay valid.

    private void products(SplittableRandom r, RowSink sink, DirtLedger ledger) {
        List<DirtKind> kinds = List.of(
                DirtKind.DUPLICATE,
                DirtKind.MISSING_REQUIRED,
                DirtKind.MALFORMED_NUMBER,
                DirtKind.MALFORMED_DATE,
                DirtKind.OUT_OF_RANGE);
        for (long id = spec.lastProductId() + 1; id <= spec.maxProductId(); id++) {
            ProductCatalog.Product p = ProductCatalog.product(id);
            String price = p.price().toPlainString();
            String[] row = {
                Long.toString(id),
                r.nextInt(20) == 0 ? p.name().toUpperCase() : p.name(),
                r.nextInt(10) == 0
                        ? p.category().name().toLowerCase()
                        : p.category().name(),
                p.subcategory(),
                r.nextInt(25) == 0 ? null : p.brand(),
                r.nextInt(15) == 0 ? " " + price + " " : price,
                p.cost().toPlainString(),
                Integer.toString(p.supplierId()),
                ProductCatalog.supplierName(p.supplierId()),
                r.nextInt(30) == 0 ? null : p.launchedOn().toString()
            };
            sink.accept(row);
            if (r.nextDouble() < DIRT_RATE) {
                DirtKind kind = kinds.get(r.nextInt(kinds.size()));
                String[] dirty = row.clone();
                switch (kind) {
                    case MISSING_REQUIRED -> dirty[1] = r.nextBoolean() ? null : "  ";
                    case MALFORMED_NUMBER -> dirty[5] = price.replace('.', ',') + (r.nextBoolean() ? "" : " EUR");
                    case MALFORMED_DATE -> dirty[9] = p.launchedOn().getYear() + "-13-" + (10 + r.nextInt(18));
                    case OUT_OF_RANGE -> dirty[5] = "-" + price;
                    default -> {} // DUPLICATE: the exact row again
                }
                sink.accept(dirty);
                ledger.record(RetailTable.PRODUCTS, kind);
            }
        }
    }

    private void customers(SplittableRandom r, RowSink sink, DirtLedger ledger) {
        List<DirtKind> kinds = List.of(
                DirtKind.DUPLICATE,
                DirtKind.MISSING_REQUIRED,
                DirtKind.MALFORMED_NUMBER,
                DirtKind.MALFORMED_DATE,
                DirtKind.INVALID_EMAIL,
                DirtKind.INVALID_CODE,
                DirtKind.OUT_OF_RANGE);
        LocalDate firstSignup = spec.startDate().minusYears(4);
        int signupSpan = (int) (spec.endDate().toEpochDay() - firstSignup.toEpochDay()) + 1;
        for (long id = spec.lastCustomerId() + 1; id <= spec.maxCustomerId(); id++) {
            String first = pick(r, FIRST_NAMES);
            String last = pick(r, LAST_NAMES);
            String[] place = PLACES.get(r.nextInt(PLACES.size()));
            LocalDate signup = firstSignup.plusDays(r.nextInt(signupSpan));
            LocalDate birth = signup.minusYears(18 + r.nextInt(68)).minusDays(r.nextInt(365));
            String email = (first + "." + last + id + "@" + pick(r, EMAIL_DOMAINS)).toLowerCase();
            String[] row = {
                Long.toString(id),
                r.nextInt(30) == 0 ? first.toUpperCase() : first,
                last,
                r.nextInt(20) == 0 ? " " + email.toUpperCase() + " " : email,
                gender(r),
                r.nextInt(50) == 0 ? null : birth.toString(),
                r.nextInt(8) == 0
                        ? SEGMENTS.get(weighted(r, SEGMENT_WEIGHTS)).toUpperCase()
                        : SEGMENTS.get(weighted(r, SEGMENT_WEIGHTS)),
                place[0],
                r.nextInt(40) == 0 ? null : place[1],
                place[2],
                signup.toString()
            };
            sink.accept(row);
            if (r.nextDouble() < DIRT_RATE) {
                DirtKind kind = kinds.get(r.nextInt(kinds.size()));
                String[] dirty = row.clone();
                switch (kind) {
                    case MISSING_REQUIRED -> dirty[3] = null;
                    case MALFORMED_NUMBER -> dirty[0] = "C-" + id;
                    case MALFORMED_DATE -> dirty[10] = signup.getYear() + "-02-30";
                    case INVALID_EMAIL -> dirty[3] = email.replace("@", " at ");
                    case INVALID_CODE -> dirty[4] = "?";
                    case OUT_OF_RANGE -> dirty[5] = (1850 + r.nextInt(40)) + "-06-15";
                    default -> {} // DUPLICATE: the exact row again
                }
                sink.accept(dirty);
                ledger.record(RetailTable.CUSTOMERS, kind);
            }
        }
    }

    private static String gender(SplittableRandom r) {
        double g = r.nextDouble();
        if (g < 0.46) {
            return r.nextBoolean() ? "F" : "female";
        } else if (g < 0.92) {
            return r.nextBoolean() ? "M" : " Male";
        } else if (g < 0.95) {
            return "X";
        }
        return null;
    }

    // Facts: a dirty row replaces the clean one (a duplicate is the clean row sent twice).

    private static final List<DirtKind> SALES_DIRT = List.of(
            DirtKind.DUPLICATE,
            DirtKind.MISSING_REQUIRED,
            DirtKind.MALFORMED_NUMBER,
            DirtKind.MALFORMED_DATE,
            DirtKind.INVALID_CODE,
            DirtKind.OUT_OF_RANGE,
            DirtKind.UNKNOWN_PRODUCT,
            DirtKind.UNKNOWN_CUSTOMER);
    private static final double[] SALES_DIRT_WEIGHTS = {0.30, 0.10, 0.12, 0.12, 0.08, 0.14, 0.07, 0.07};

    private void sales(SplittableRandom r, RowSink sink, DirtLedger ledger) {
        DemandCalendar calendar = new DemandCalendar();
        ZipfSampler customers =
                new ZipfSampler(Math.toIntExact(spec.maxCustomerId()), POPULARITY_SKEW, spec.seed() + 11);
        ZipfSampler products = productPopularity();
        BigDecimal[] prices = new BigDecimal[Math.toIntExact(spec.maxProductId()) + 1];
        long[] perDay = calendar.allocate(spec.sales(), spec.startDate(), spec.days());
        long transactionId = spec.lastTransactionId();
        for (int d = 0; d < perDay.length; d++) {
            LocalDate day = spec.startDate().plusDays(d);
            for (int second : sortedSeconds(perDay[d], () -> calendar.secondOfDay(r))) {
                transactionId++;
                LocalDateTime soldAt = day.atStartOfDay().plusSeconds(second);
                int productId = (int) products.next(r);
                if (prices[productId] == null) {
                    prices[productId] = ProductCatalog.product(productId).price();
                }
                String[] row = saleRow(r, transactionId, soldAt, customers.next(r), productId, prices[productId]);
                if (r.nextDouble() >= DIRT_RATE) {
                    sink.accept(row);
                    continue;
                }
                DirtKind kind = SALES_DIRT.get(weighted(r, SALES_DIRT_WEIGHTS));
                ledger.record(RetailTable.SALES, kind);
                switch (kind) {
                    case DUPLICATE -> sink.accept(row);
                    case MISSING_REQUIRED -> row[2] = r.nextBoolean() ? null : "";
                    case MALFORMED_NUMBER -> {
                        if (r.nextBoolean()) {
                            row[6] = "two";
                        } else {
                            row[7] = row[7].replace('.', ',');
                        }
                    }
                    case MALFORMED_DATE -> row[1] = soldAt.format(DAY_FIRST);
                    case INVALID_CODE -> row[5] = r.nextBoolean() ? "phone" : "kiosk";
                    case OUT_OF_RANGE -> {
                        if (r.nextBoolean()) {
                            row[6] = "-" + row[6];
                        } else {
                            row[9] = new BigDecimal(row[9]).add(BigDecimal.TEN).toPlainString();
                        }
                    }
                    case UNKNOWN_PRODUCT -> row[3] = Long.toString(spec.maxProductId() + 100_000 + r.nextInt(1000));
                    case UNKNOWN_CUSTOMER -> row[2] = Long.toString(spec.maxCustomerId() + 1_000_000 + r.nextInt(1000));
                    default -> throw new IllegalStateException(kind.name());
                }
                sink.accept(row);
            }
        }
    }

    private static String[] saleRow(
            SplittableRandom r,
            long transactionId,
            LocalDateTime soldAt,
            long customerId,
            long productId,
            BigDecimal price) {
        double q = r.nextDouble();
        int quantity = q < 0.55 ? 1 : q < 0.80 ? 2 : q < 0.90 ? 3 : 4 + r.nextInt(7);
        BigDecimal line = price.multiply(BigDecimal.valueOf(quantity));
        BigDecimal discount = r.nextDouble() < 0.70
                ? BigDecimal.ZERO
                : line.multiply(BigDecimal.valueOf(0.05 + r.nextDouble() * 0.20))
                        .setScale(2, RoundingMode.HALF_UP);
        double c = r.nextDouble();
        String channel = c < 0.50 ? "store" : c < 0.85 ? "online" : "mobile";
        boolean inStore = channel.equals("store");
        double p = r.nextDouble();
        String payment = p < 0.60
                ? "card"
                : p < 0.75 ? (inStore ? "cash" : "card") : p < 0.87 ? "paypal" : p < 0.92 ? "gift_card" : null;
        return new String[] {
            Long.toString(transactionId),
            r.nextInt(7) == 0 ? soldAt.format(ISO_UTC) : soldAt.format(SPACED),
            Long.toString(customerId),
            Long.toString(productId),
            inStore ? Integer.toString(1 + r.nextInt(STORES)) : null,
            r.nextInt(12) == 0 ? " " + channel.toUpperCase() : channel,
            Integer.toString(quantity),
            price.toPlainString(),
            discount.signum() == 0 && r.nextBoolean() ? null : discount.toPlainString(),
            line.subtract(discount).toPlainString(),
            payment
        };
    }

    private static final List<DirtKind> INVENTORY_DIRT = List.of(
            DirtKind.DUPLICATE,
            DirtKind.MISSING_REQUIRED,
            DirtKind.MALFORMED_NUMBER,
            DirtKind.MALFORMED_DATE,
            DirtKind.INVALID_CODE,
            DirtKind.OUT_OF_RANGE,
            DirtKind.UNKNOWN_PRODUCT);

    private void inventory(SplittableRandom r, RowSink sink, DirtLedger ledger) {
        DemandCalendar calendar = new DemandCalendar();
        ZipfSampler products = productPopularity();
        long[] perDay = calendar.allocate(spec.movements(), spec.startDate(), spec.days());
        long movementId = spec.lastMovementId();
        for (int d = 0; d < perDay.length; d++) {
            LocalDate day = spec.startDate().plusDays(d);
            for (int second : sortedSeconds(perDay[d], () -> WAREHOUSE_OPENS + r.nextInt(WAREHOUSE_OPEN_SECONDS))) {
                movementId++;
                LocalDateTime at = day.atStartOfDay().plusSeconds(second);
                double t = r.nextDouble();
                String type = t < 0.55 ? "shipment" : t < 0.80 ? "receipt" : t < 0.90 ? "return" : "adjustment";
                int quantity = switch (type) {
                    case "receipt" -> 50 + r.nextInt(451);
                    case "shipment" -> 5 + r.nextInt(96);
                    case "return" -> 1 + r.nextInt(10);
                    default -> (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(20));
                };
                String[] row = {
                    Long.toString(movementId),
                    Long.toString(products.next(r)),
                    r.nextInt(15) == 0 ? pick(r, WAREHOUSES).toLowerCase() : pick(r, WAREHOUSES),
                    r.nextInt(10) == 0 ? type.toUpperCase() : type,
                    Integer.toString(quantity),
                    r.nextInt(5) == 0 ? at.format(ISO_UTC) : at.format(SPACED)
                };
                if (r.nextDouble() >= DIRT_RATE) {
                    sink.accept(row);
                    continue;
                }
                DirtKind kind = INVENTORY_DIRT.get(r.nextInt(INVENTORY_DIRT.size()));
                ledger.record(RetailTable.INVENTORY, kind);
                switch (kind) {
                    case DUPLICATE -> sink.accept(row);
                    case MISSING_REQUIRED -> row[2] = null;
                    case MALFORMED_NUMBER -> row[4] = row[4] + " units";
                    case MALFORMED_DATE -> row[5] = at.format(DAY_FIRST);
                    case INVALID_CODE -> {
                        if (r.nextBoolean()) {
                            row[3] = "transfer";
                        } else {
                            row[2] = "Warehouse " + (1 + r.nextInt(5));
                        }
                    }
                    case OUT_OF_RANGE -> row[4] = "0";
                    case UNKNOWN_PRODUCT -> row[1] = Long.toString(spec.maxProductId() + 100_000 + r.nextInt(1000));
                    default -> throw new IllegalStateException(kind.name());
                }
                sink.accept(row);
            }
        }
    }

    /** The same products are popular in sales and in warehouse movements. */
    private ZipfSampler productPopularity() {
        return new ZipfSampler(Math.toIntExact(spec.maxProductId()), POPULARITY_SKEW, spec.seed() + 13);
    }

    /** Times of one day's events, in order, so that ids grow with time as in a real system. */
    private static int[] sortedSeconds(long count, IntSupplier draw) {
        int[] seconds = new int[Math.toIntExact(count)];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = draw.getAsInt();
        }
        Arrays.sort(seconds);
        return seconds;
    }

    private static String pick(SplittableRandom r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static int weighted(SplittableRandom r, double[] weights) {
        double x = r.nextDouble() * Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
