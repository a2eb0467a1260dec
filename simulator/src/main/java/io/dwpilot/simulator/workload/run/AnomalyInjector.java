package io.dwpilot.simulator.workload.run;

import io.dwpilot.simulator.workload.Complexity;
import io.dwpilot.simulator.workload.ParameterSpace;
import io.dwpilot.simulator.workload.QueryTemplate;
import io.dwpilot.simulator.workload.RetailTemplates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans labelled anomaly episodes over a run, deterministically for a seed: the run's horizon is cut into one slot
 * per episode, each slot gets a kind (every kind once before any repeats, in a seeded order), a simulated window
 * and the statements to inject in it, rendered from the episode's own random stream.
 */
public final class AnomalyInjector {
    /** The statement timeout of heavy injected statements: they are meant to run long, not to time out. */
    public static final int HEAVY_TIMEOUT_MS = 60_000;

    public static final int DEFAULT_TIMEOUT_MS = 20_000;
    private static final long SEED_MIX = 0x5DEECE66DL;

    private static final List<TableShape> SHAPE_TABLES = List.of(
            new TableShape(
                    "silver.sales_cleaned",
                    "transaction_id",
                    List.of("channel", "payment_method", "store_id"),
                    List.of("total_amount", "quantity", "discount")),
            new TableShape(
                    "silver.customer_cleaned",
                    "customer_id",
                    List.of("segment", "region", "gender", "country"),
                    List.of("customer_id")),
            new TableShape(
                    "silver.product_cleaned",
                    "product_id",
                    List.of("category", "subcategory", "brand"),
                    List.of("unit_price", "unit_cost")),
            new TableShape(
                    "silver.inventory_cleaned",
                    "movement_id",
                    List.of("warehouse_id", "movement_type"),
                    List.of("quantity")));

    private record TableShape(String table, String key, List<String> groups, List<String> measures) {}

    private final long seed;
    private final ParameterSpace space;
    private final int concurrency;
    private final List<QueryTemplate> complexTemplates;

    public AnomalyInjector(long seed, ParameterSpace space, int concurrency) {
        this.seed = seed;
        this.space = space;
        this.concurrency = Math.max(1, concurrency);
        this.complexTemplates = RetailTemplates.all().stream()
                .filter(t -> t.complexity() == Complexity.COMPLEX)
                .toList();
    }

    /** {@code episodes} episodes spread over [start, start + horizon), in time order. */
    public List<AnomalyEpisode> schedule(Instant start, Duration horizon, int episodes) {
        if (episodes < 0) {
            throw new IllegalArgumentException("episodes cannot be negative, got " + episodes);
        }
        if (episodes == 0 || horizon.isZero() || horizon.isNegative()) {
            return List.of();
        }
        SplittableRandom root = new SplittableRandom(seed ^ SEED_MIX);
        long slotSeconds = Math.max(60, horizon.getSeconds() / episodes);
        List<AnomalyKind> order = new ArrayList<>();
        List<AnomalyEpisode> planned = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            if (order.isEmpty()) {
                order.addAll(List.of(AnomalyKind.values()));
                for (int j = order.size() - 1; j > 0; j--) {
                    int k = root.nextInt(j + 1);
                    AnomalyKind swap = order.get(j);
                    order.set(j, order.get(k));
                    order.set(k, swap);
                }
            }
            AnomalyKind kind = order.remove(0);
            SplittableRandom random = root.split();
            Instant slotStart = start.plusSeconds(slotSeconds * i);
            Instant slotEnd = slotStart.plusSeconds(slotSeconds);
            Instant begin = slotStart.plusSeconds((long) (slotSeconds * (0.05 + 0.5 * random.nextDouble())));
            Instant end = begin.plus(length(kind, random));
            if (end.isAfter(slotEnd)) {
                end = slotEnd;
            }
            planned.add(episode(i, kind, begin, end, random));
        }
        return List.copyOf(planned);
    }

    private static Duration length(AnomalyKind kind, SplittableRandom random) {
        return Duration.ofMinutes(
                switch (kind) {
                    case SLOW_QUERY_STORM -> random.nextInt(20, 61);
                    case NEW_QUERY_SHAPE -> random.nextInt(30, 121);
                    case RESOURCE_SPIKE -> random.nextInt(3, 11);
                    case FAILURE_BURST -> random.nextInt(5, 16);
                });
    }

    private AnomalyEpisode episode(int index, AnomalyKind kind, Instant begin, Instant end, SplittableRandom random) {
        int count = switch (kind) {
            case SLOW_QUERY_STORM -> random.nextInt(6, 11);
            case NEW_QUERY_SHAPE -> random.nextInt(8, 15);
            case RESOURCE_SPIKE -> Math.max(8, 3 * concurrency);
            case FAILURE_BURST -> random.nextInt(10, 21);
        };
        // a spike packs its statements into the first tenth of its window, so they overlap
        double spread = kind == AnomalyKind.RESOURCE_SPIKE ? 0.1 : 1.0;
        long windowNanos = Duration.between(begin, end).toNanos();
        List<AnomalyEpisode.Statement> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant due = begin.plusNanos((long) (windowNanos * spread * i / count));
            statements.add(
                    switch (kind) {
                        case SLOW_QUERY_STORM ->
                            new AnomalyEpisode.Statement(due, slowQuery(i, random), HEAVY_TIMEOUT_MS);
                        case NEW_QUERY_SHAPE ->
                            new AnomalyEpisode.Statement(due, newShape(i, random), DEFAULT_TIMEOUT_MS);
                        case RESOURCE_SPIKE ->
                            new AnomalyEpisode.Statement(due, heavyAggregate(i, random), HEAVY_TIMEOUT_MS);
                        case FAILURE_BURST -> new AnomalyEpisode.Statement(due, failing(i, random), DEFAULT_TIMEOUT_MS);
                    });
        }
        String description = switch (kind) {
                    case SLOW_QUERY_STORM -> count + " expensive full scans and cross joins";
                    case NEW_QUERY_SHAPE -> count + " statements of never-seen shapes";
                    case RESOURCE_SPIKE -> count + " heavy aggregates sent at once";
                    case FAILURE_BURST ->
                        count + " failing statements (syntax errors, missing relations, runtime errors)";
                }
                + " between " + begin + " and " + end + " (simulated)";
        return new AnomalyEpisode(index, kind, begin, end, description, statements);
    }

    private String slowQuery(int i, SplittableRandom r) {
        return switch (i % 3) {
            case 0 ->
                "SELECT count(*) AS pairs, sum(x.total_amount * x.unit_price) AS weight FROM (SELECT s.total_amount,"
                        + " p.unit_price FROM silver.sales_cleaned s CROSS JOIN silver.product_cleaned p WHERE s.quantity >= "
                        + r.nextInt(1, 3) + " AND p.unit_price > " + r.nextInt(1, 20) + " LIMIT "
                        + r.nextInt(2, 9) * 1_000_000
                        + ") x";
            case 1 ->
                "SELECT customer_id, count(*) AS sales, sum(total_amount) AS spent FROM silver.sales_cleaned"
                        + " WHERE lower(payment_method || channel) LIKE '%" + "aeiou".charAt(r.nextInt(5))
                        + "%' GROUP BY customer_id ORDER BY 3 DESC LIMIT 20";
            default -> complexTemplates.get(r.nextInt(complexTemplates.size())).render(r, space);
        };
    }

    private String heavyAggregate(int i, SplittableRandom r) {
        if (i % 2 == 1) {
            return complexTemplates.get(r.nextInt(complexTemplates.size())).render(r, space);
        }
        return "SELECT p.category, c.region, s.channel, count(*) AS sales, sum(s.total_amount) AS revenue,"
                + " avg(s.quantity) AS avg_quantity FROM silver.sales_cleaned s"
                + " JOIN silver.product_cleaned p ON p.product_id = s.product_id"
                + " JOIN silver.customer_cleaned c ON c.customer_id = s.customer_id"
                + " WHERE s.sale_date >= DATE '" + someDate(r) + "'"
                + " GROUP BY CUBE (p.category, c.region, s.channel) ORDER BY 4 DESC LIMIT 50";
    }

    private String newShape(int i, SplittableRandom r) {
        TableShape t = SHAPE_TABLES.get(r.nextInt(SHAPE_TABLES.size()));
        String g = t.groups().get(r.nextInt(t.groups().size()));
        String m = t.measures().get(r.nextInt(t.measures().size()));
        String alias = "shape_" + Long.toString(r.nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36);
        int k = r.nextInt(2, 12);
        int rem = r.nextInt(k);
        int limit = r.nextInt(5, 60);
        return switch ((i + r.nextInt(9)) % 9) {
            case 0 ->
                "SELECT " + g + " AS " + alias + ", count(*), min(" + m + "), max(" + m + ") FROM " + t.table()
                        + " WHERE " + t.key() + " % " + k + " = " + rem
                        + " GROUP BY 1 HAVING count(*) > 0 ORDER BY 2 DESC LIMIT "
                        + limit;
            case 1 ->
                "WITH " + alias + " AS (SELECT " + g + " AS grp, avg(" + m + ") AS v FROM " + t.table()
                        + " GROUP BY " + g + ") SELECT grp, round(v::numeric, 2) FROM " + alias + " WHERE v > " + rem
                        + " ORDER BY grp";
            case 2 ->
                "SELECT " + g + ", " + m + ", rank() OVER (PARTITION BY " + g + " ORDER BY " + m + " DESC) AS "
                        + alias + " FROM " + t.table() + " WHERE " + t.key() + " % " + k + " = " + rem
                        + " ORDER BY 1, 3 LIMIT " + limit;
            case 3 ->
                "SELECT DISTINCT " + g + "::text AS " + alias + " FROM " + t.table() + " WHERE " + t.key() + " % " + k
                        + " = " + rem + " UNION ALL SELECT 'rows_' || count(*)::text FROM " + t.table();
            case 4 ->
                "SELECT count(*) FILTER (WHERE " + m + " > " + rem + ") AS above_" + alias + ", count(*) FILTER"
                        + " (WHERE " + m + " <= " + rem + ") AS below, stddev_samp(" + m + ") FROM " + t.table();
            case 5 ->
                "SELECT " + g + ", array_length(array_agg(" + t.key() + "), 1) AS " + alias + " FROM (SELECT * FROM "
                        + t.table() + " ORDER BY " + t.key() + " DESC LIMIT " + limit * 10 + ") recent GROUP BY " + g;
            case 6 ->
                "SELECT t1." + g + ", count(*) AS " + alias + " FROM " + t.table() + " t1 WHERE EXISTS (SELECT 1 FROM "
                        + t.table() + " t2 WHERE t2." + t.key() + " = t1." + t.key() + " + " + k
                        + ") GROUP BY 1 ORDER BY 2 DESC";
            case 7 ->
                "SELECT width_bucket(" + m + "::numeric, 0, " + (k * 50) + ", 10) AS " + alias + ", count(*) FROM "
                        + t.table() + " GROUP BY 1 ORDER BY 1";
            default ->
                "SELECT " + g + ", percentile_cont(0." + (5 + rem % 5) + ") WITHIN GROUP (ORDER BY " + m
                        + "::float8) AS " + alias + " FROM " + t.table() + " GROUP BY " + g;
        };
    }

    private static String failing(int i, SplittableRandom r) {
        int n = r.nextInt(1, 1000);
        return switch ((i + r.nextInt(6)) % 6) {
            case 0 -> "SELEC customer_id FROM silver.customer_cleaned WHERE customer_id = " + n;
            case 1 -> "SELECT * FROM gold.sales_summary WHERE";
            case 2 -> "SELECT count(*) FROM gold.sales_summary_" + n;
            case 3 -> "SELECT no_such_column_" + n + " FROM silver.product_cleaned";
            case 4 ->
                "SELECT category, sum(unit_price) / (count(*) - count(*)) FROM silver.product_cleaned GROUP BY category";
            default -> "SELECT 'x" + n + "'::integer";
        };
    }

    private LocalDate someDate(SplittableRandom r) {
        long days = space.lastSaleDate().toEpochDay() - space.firstSaleDate().toEpochDay();
        return space.firstSaleDate().plusDays(r.nextLong(days + 1));
    }
}
