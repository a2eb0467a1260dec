package io.dwpilot.simulator.workload;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The retail warehouse's workload: what shop staff, dashboards, analysts and feeds ask of bronze, silver and gold.
 * Many predicates hit columns without an index (sales by customer, product or day, customers by segment) on purpose:
 * finding those indexes is the indexer agent's job.
 */
public final class RetailTemplates {
    private static final DateTimeFormatter RAW_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> QUARANTINE_REASONS = List.of(
            "duplicate",
            "missing_required",
            "malformed_number",
            "malformed_date",
            "invalid_code",
            "out_of_range",
            "unknown_customer",
            "unknown_product");

    private static final List<QueryTemplate> ALL = List.of(
            // Simple: one table, selective predicates; the point lookups of apps and support desks.
            simple("customer_recent_sales", d -> """
                    SELECT transaction_id, sold_at, product_id, quantity, total_amount, channel
                    FROM silver.sales_cleaned
                    WHERE customer_id = %d
                    ORDER BY sold_at DESC
                    LIMIT 20""".formatted(d.customer())),
            simple("customer_profile", d -> """
                    SELECT customer_id, first_name, last_name, email, segment, city, region, signup_date
                    FROM silver.customer_cleaned
                    WHERE customer_id = %d""".formatted(d.customer())),
            simple("customer_360_card", d -> """
                    SELECT full_name, segment, orders, lifetime_value, avg_order_value, favourite_category,
                           preferred_channel, last_purchase_at
                    FROM gold.customer_360
                    WHERE customer_id = %d""".formatted(d.customer())),
            simple("product_details", d -> """
                    SELECT product_id, product_name, category, subcategory, brand, unit_price, supplier_name
                    FROM silver.product_cleaned
                    WHERE product_id = %d""".formatted(d.product())),
            simple("product_scorecard", d -> """
                    SELECT product_name, orders, units_sold, revenue, gross_margin, avg_discount, last_sale_at
                    FROM gold.product_performance
                    WHERE product_id = %d""".formatted(d.product())),
            simple("transaction_lookup", d -> """
                    SELECT transaction_id, sold_at, customer_id, product_id, store_id, channel, quantity, total_amount,
                           payment_method
                    FROM silver.sales_cleaned
                    WHERE transaction_id = %d""".formatted(d.transaction())),
            simple("store_day_sales", d -> """
                    SELECT transaction_id, sold_at, product_id, quantity, total_amount, payment_method
                    FROM silver.sales_cleaned
                    WHERE store_id = %d AND sale_date = %s
                    ORDER BY sold_at""".formatted(d.store(), d.day())),
            simple("product_daily_units", d -> {
                DateSpan span = d.weekOrMonth();
                return """
                        SELECT sale_date, sum(quantity) AS units, sum(total_amount) AS revenue
                        FROM silver.sales_cleaned
                        WHERE product_id = %d AND sale_date >= %s AND sale_date < %s
                        GROUP BY sale_date
                        ORDER BY sale_date""".formatted(d.product(), span.from(), span.until());
            }),
            simple("channel_day_totals", d -> """
                    SELECT count(*) AS transactions, sum(total_amount) AS revenue, avg(total_amount) AS avg_ticket
                    FROM silver.sales_cleaned
                    WHERE sale_date = %s AND channel = %s""".formatted(d.day(), d.channel())),
            simple("large_tickets_of_day", d -> """
                    SELECT transaction_id, sold_at, customer_id, total_amount
                    FROM silver.sales_cleaned
                    WHERE sale_date = %s AND total_amount >= %d
                    ORDER BY total_amount DESC
                    LIMIT 20""".formatted(d.day(), 50 * d.between(1, 20))),
            simple("segment_top_customers", d -> """
                    SELECT customer_id, full_name, city, orders, lifetime_value
                    FROM gold.customer_360
                    WHERE segment = %s
                    ORDER BY lifetime_value DESC
                    LIMIT 25""".formatted(d.segment())),
            simple("region_day_summary", d -> """
                    SELECT category, channel, transactions, net_revenue, avg_ticket
                    FROM gold.sales_summary
                    WHERE sale_date = %s AND region = %s
                    ORDER BY net_revenue DESC""".formatted(d.day(), d.region())),
            simple("warehouse_low_cover", d -> """
                    SELECT product_id, stock_on_hand, avg_daily_shipped, days_of_cover
                    FROM gold.inventory_insights
                    WHERE warehouse_id = %s AND days_of_cover < %d
                    ORDER BY days_of_cover
                    LIMIT 50""".formatted(d.warehouse(), d.between(3, 60))),
            simple("product_recent_movements", d -> """
                    SELECT movement_id, warehouse_id, movement_type, quantity, moved_at
                    FROM silver.inventory_cleaned
                    WHERE product_id = %d AND moved_at >= %s
                    ORDER BY moved_at DESC
                    LIMIT 50""".formatted(
                            d.product(), d.lastDays(d.pick(List.of(7, 30, 90))).from())),
            simple("category_price_list", d -> """
                    SELECT product_id, product_name, brand, unit_price
                    FROM silver.product_cleaned
                    WHERE category = %s
                    ORDER BY unit_price DESC
                    LIMIT 25""".formatted(d.category())),
            simple("bronze_customer_raw_sales", d -> """
                    SELECT raw_id, batch_id, transaction_id, sold_at, product_id, channel, total_amount
                    FROM bronze.sales_raw
                    WHERE customer_id = %s
                    ORDER BY raw_id DESC
                    LIMIT 20""".formatted(Literals.text(Long.toString(d.customer())))),
            simple("quarantine_by_reason", d -> """
                    SELECT raw_id, detail, payload
                    FROM silver.quarantine
                    WHERE source_table = %s AND reason = %s
                    ORDER BY raw_id DESC
                    LIMIT 50""".formatted(
                            d.text("bronze.sales_raw", "bronze.inventory_raw", "bronze.customer_raw"),
                            Literals.text(d.pick(QUARANTINE_REASONS)))),

            // Medium: joins of two to five tables and aggregations; reports and customer 360 screens.
            medium("revenue_by_category_region", d -> {
                DateSpan month = d.month();
                return """
                        SELECT category, region, sum(transactions) AS transactions, sum(net_revenue) AS revenue
                        FROM gold.sales_summary
                        WHERE sale_date >= %s AND sale_date < %s
                        GROUP BY category, region
                        ORDER BY revenue DESC""".formatted(month.from(), month.until());
            }),
            medium("top_products_in_category", d -> {
                DateSpan span = d.span();
                return """
                        SELECT p.product_id, p.product_name, sum(s.quantity) AS units, sum(s.total_amount) AS revenue
                        FROM silver.sales_cleaned s
                        JOIN silver.product_cleaned p ON p.product_id = s.product_id
                        WHERE p.category = %s AND s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY p.product_id, p.product_name
                        ORDER BY revenue DESC
                        LIMIT 10""".formatted(d.category(), span.from(), span.until());
            }),
            medium("customer_360_with_sales", d -> """
                    SELECT c.full_name, c.segment, c.lifetime_value, s.sold_at, p.product_name, p.category,
                           s.total_amount
                    FROM gold.customer_360 c
                    JOIN silver.sales_cleaned s ON s.customer_id = c.customer_id
                    JOIN silver.product_cleaned p ON p.product_id = s.product_id
                    WHERE c.customer_id = %d AND s.sale_date >= %s
                    ORDER BY s.sold_at DESC
                    LIMIT 50""".formatted(
                    d.customer(), d.lastDays(d.pick(List.of(30, 90, 365))).from())),
            medium("customer_category_mix", d -> """
                    SELECT p.category, count(*) AS purchases, sum(s.total_amount) AS spent,
                           max(s.sold_at) AS last_bought
                    FROM silver.sales_cleaned s
                    JOIN silver.product_cleaned p ON p.product_id = s.product_id
                    WHERE s.customer_id = %d
                    GROUP BY p.category
                    ORDER BY spent DESC""".formatted(d.customer())),
            medium("store_ranking", d -> {
                DateSpan span = d.weekOrMonth();
                return """
                        SELECT store_id, count(*) AS transactions, count(DISTINCT customer_id) AS customers,
                               sum(total_amount) AS revenue
                        FROM silver.sales_cleaned
                        WHERE channel = 'store' AND sale_date >= %s AND sale_date < %s
                        GROUP BY store_id
                        ORDER BY revenue DESC""".formatted(span.from(), span.until());
            }),
            medium("segment_channel_revenue", d -> {
                DateSpan span = d.span();
                return """
                        SELECT c.segment, s.channel, count(*) AS transactions, sum(s.total_amount) AS revenue
                        FROM silver.sales_cleaned s
                        JOIN silver.customer_cleaned c ON c.customer_id = s.customer_id
                        WHERE s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY c.segment, s.channel
                        ORDER BY c.segment, s.channel""".formatted(span.from(), span.until());
            }),
            medium("region_daily_trend", d -> {
                DateSpan span = d.monthOrQuarter();
                return """
                        SELECT sale_date, sum(transactions) AS transactions, sum(net_revenue) AS revenue,
                               sum(distinct_customers) AS customers
                        FROM gold.sales_summary
                        WHERE region = %s AND sale_date >= %s AND sale_date < %s
                        GROUP BY sale_date
                        ORDER BY sale_date""".formatted(d.region(), span.from(), span.until());
            }),
            medium("brand_revenue", d -> {
                DateSpan quarter = d.quarter();
                return """
                        SELECT p.brand, count(*) AS transactions, sum(s.total_amount) AS revenue,
                               sum(s.total_amount - s.quantity * p.unit_cost) AS margin
                        FROM silver.sales_cleaned s
                        JOIN silver.product_cleaned p ON p.product_id = s.product_id
                        WHERE p.category = %s AND s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY p.brand
                        ORDER BY revenue DESC""".formatted(d.category(), quarter.from(), quarter.until());
            }),
            medium("supplier_margins", d -> """
                    SELECT pp.supplier_name, p.subcategory, count(*) AS products, sum(pp.revenue) AS revenue,
                           sum(pp.gross_margin) AS margin,
                           round(100 * sum(pp.gross_margin) / nullif(sum(pp.revenue), 0), 1) AS margin_pct
                    FROM gold.product_performance pp
                    JOIN silver.product_cleaned p ON p.product_id = pp.product_id
                    WHERE pp.category = %s
                    GROUP BY pp.supplier_name, p.subcategory
                    ORDER BY margin DESC""".formatted(d.category())),
            medium("warehouse_stock_by_category", d -> """
                    SELECT p.category, count(*) AS products, sum(i.stock_on_hand) AS on_hand,
                           sum(i.stock_on_hand * p.unit_cost) AS stock_value, avg(i.days_of_cover) AS avg_cover
                    FROM gold.inventory_insights i
                    JOIN silver.product_cleaned p ON p.product_id = i.product_id
                    WHERE i.warehouse_id = %s
                    GROUP BY p.category
                    ORDER BY stock_value DESC""".formatted(d.warehouse())),
            medium("product_buyer_regions", d -> {
                DateSpan span = d.monthOrQuarter();
                return """
                        SELECT c.region, count(DISTINCT c.customer_id) AS buyers, sum(s.quantity) AS units
                        FROM silver.sales_cleaned s
                        JOIN silver.customer_cleaned c ON c.customer_id = s.customer_id
                        WHERE s.product_id = %d AND s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY c.region
                        ORDER BY units DESC""".formatted(d.product(), span.from(), span.until());
            }),
            medium("payment_mix_by_region", d -> {
                DateSpan span = d.span();
                return """
                        SELECT c.region, s.payment_method, count(*) AS transactions, sum(s.total_amount) AS revenue
                        FROM silver.sales_cleaned s
                        JOIN silver.customer_cleaned c ON c.customer_id = s.customer_id
                        WHERE s.channel = %s AND s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY c.region, s.payment_method
                        ORDER BY c.region, revenue DESC""".formatted(d.channel(), span.from(), span.until());
            }),
            medium("hourly_category_profile", d -> {
                DateSpan week = d.week();
                return """
                        SELECT extract(hour FROM s.sold_at) AS hour, count(*) AS transactions,
                               sum(s.total_amount) AS revenue
                        FROM silver.sales_cleaned s
                        JOIN silver.product_cleaned p ON p.product_id = s.product_id
                        WHERE p.category = %s AND s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY hour
                        ORDER BY hour""".formatted(d.category(), week.from(), week.until());
            }),
            medium("quarantine_by_etl_run", d -> """
                    SELECT r.run_id, r.started_at, q.reason, count(*) AS rows_rejected
                    FROM silver.quarantine q
                    JOIN metadata.etl_runs r ON r.run_id = q.etl_batch_id
                    WHERE q.source_table = %s
                    GROUP BY r.run_id, r.started_at, q.reason
                    ORDER BY r.run_id DESC, rows_rejected DESC""".formatted(d.text(
                    "bronze.sales_raw", "bronze.inventory_raw", "bronze.customer_raw", "bronze.product_raw"))),
            medium("city_segment_value", d -> """
                    SELECT city, segment, count(*) AS customers, sum(lifetime_value) AS lifetime_value,
                           avg(avg_order_value) AS avg_order_value
                    FROM gold.customer_360
                    WHERE region = %s
                    GROUP BY city, segment
                    ORDER BY lifetime_value DESC""".formatted(d.region())),
            medium("inventory_flow_by_category", d -> {
                DateSpan span = d.weekOrMonth();
                return """
                        SELECT p.category, i.movement_type, count(*) AS movements, sum(i.quantity) AS units
                        FROM silver.inventory_cleaned i
                        JOIN silver.product_cleaned p ON p.product_id = i.product_id
                        WHERE i.warehouse_id = %s AND i.moved_at >= %s AND i.moved_at < %s
                        GROUP BY p.category, i.movement_type
                        ORDER BY p.category, i.movement_type""".formatted(d.warehouse(), span.from(), span.until());
            }),
            medium("category_discount_depth", d -> {
                DateSpan span = d.monthOrQuarter();
                return """
                        SELECT p.subcategory, count(*) FILTER (WHERE s.discount > 0) AS discounted,
                               round(100 * sum(s.discount) / nullif(sum(s.quantity * s.unit_price), 0), 2)
                                   AS discount_pct
                        FROM silver.sales_cleaned s
                        JOIN silver.product_cleaned p ON p.product_id = s.product_id
                        WHERE p.category = %s AND s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY p.subcategory
                        ORDER BY discount_pct DESC""".formatted(d.category(), span.from(), span.until());
            }),

            // Complex: window functions, CTEs and subqueries; what analysts and nightly jobs run.
            complex("category_running_revenue", d -> {
                DateSpan span = d.monthOrQuarter();
                return """
                        SELECT sale_date, revenue, sum(revenue) OVER (ORDER BY sale_date) AS running_total
                        FROM (SELECT sale_date, sum(net_revenue) AS revenue
                              FROM gold.sales_summary
                              WHERE category = %s AND sale_date >= %s AND sale_date < %s
                              GROUP BY sale_date) daily
                        ORDER BY sale_date""".formatted(d.category(), span.from(), span.until());
            }),
            complex("product_rank_in_category", d -> {
                DateSpan span = d.monthOrQuarter();
                return """
                        WITH revenue AS (
                            SELECT p.category, p.product_id, p.product_name, sum(s.total_amount) AS revenue
                            FROM silver.sales_cleaned s
                            JOIN silver.product_cleaned p ON p.product_id = s.product_id
                            WHERE s.sale_date >= %s AND s.sale_date < %s
                            GROUP BY p.category, p.product_id, p.product_name)
                        SELECT category, product_id, product_name, revenue, rnk
                        FROM (SELECT r.*, rank() OVER (PARTITION BY category ORDER BY revenue DESC) AS rnk
                              FROM revenue r) ranked
                        WHERE rnk <= %d
                        ORDER BY category, rnk""".formatted(span.from(), span.until(), d.between(3, 10));
            }),
            // Cohorts by signup month: what share of a month's new customers bought in each later month.
            complex("cohort_retention", d -> {
                DateSpan signups = d.quarter();
                return """
                        WITH cohorts AS (
                            SELECT customer_id, date_trunc('month', signup_date)::date AS cohort
                            FROM silver.customer_cleaned
                            WHERE signup_date >= %1$s AND signup_date < %2$s),
                        sizes AS (
                            SELECT cohort, count(*) AS customers FROM cohorts GROUP BY cohort),
                        activity AS (
                            SELECT DISTINCT s.customer_id, date_trunc('month', s.sale_date)::date AS month
                            FROM silver.sales_cleaned s
                            JOIN cohorts c ON c.customer_id = s.customer_id
                            WHERE s.sale_date >= %1$s)
                        SELECT c.cohort,
                               (extract(year FROM age(a.month, c.cohort)) * 12
                                   + extract(month FROM age(a.month, c.cohort)))::int AS month_offset,
                               count(*) AS active,
                               round(100.0 * count(*) / max(z.customers), 1) AS retention_pct
                        FROM cohorts c
                        JOIN activity a ON a.customer_id = c.customer_id
                        JOIN sizes z ON z.cohort = c.cohort
                        GROUP BY c.cohort, month_offset
                        ORDER BY c.cohort, month_offset""".formatted(signups.from(), signups.until());
            }),
            complex("rfm_scores", d -> """
                    WITH stats AS (
                        SELECT s.customer_id, %1$s - max(s.sale_date) AS recency_days, count(*) AS frequency,
                               sum(s.total_amount) AS monetary
                        FROM silver.sales_cleaned s
                        JOIN silver.customer_cleaned c ON c.customer_id = s.customer_id
                        WHERE c.segment = %2$s AND s.sale_date < %1$s
                        GROUP BY s.customer_id),
                    scored AS (
                        SELECT stats.*,
                               ntile(5) OVER (ORDER BY recency_days DESC) AS r,
                               ntile(5) OVER (ORDER BY frequency) AS f,
                               ntile(5) OVER (ORDER BY monetary) AS m
                        FROM stats)
                    SELECT customer_id, recency_days, frequency, monetary, r, f, m, r * 100 + f * 10 + m AS rfm
                    FROM scored
                    ORDER BY rfm DESC, monetary DESC
                    LIMIT 100""".formatted(d.day(), d.segment())),
            complex("year_over_year_by_month", d -> """
                    WITH monthly AS (
                        SELECT date_trunc('month', sale_date)::date AS month, sum(net_revenue) AS revenue
                        FROM gold.sales_summary
                        WHERE category = %s AND channel = %s
                        GROUP BY 1)
                    SELECT m.month, m.revenue, p.revenue AS last_year,
                           round(100 * (m.revenue - p.revenue) / nullif(p.revenue, 0), 1) AS growth_pct
                    FROM monthly m
                    LEFT JOIN monthly p ON p.month = (m.month - interval '1 year')::date
                    ORDER BY m.month""".formatted(d.category(), d.channel())),
            // Without basket ids, a basket is what one customer bought on one day.
            complex("basket_co_occurrence", d -> {
                DateSpan span = d.monthOrQuarter();
                return """
                        SELECT b.product_id, p.product_name, count(DISTINCT a.customer_id) AS shared_customers,
                               count(*) AS together
                        FROM silver.sales_cleaned a
                        JOIN silver.sales_cleaned b ON b.customer_id = a.customer_id AND b.sale_date = a.sale_date
                             AND b.product_id <> a.product_id
                        JOIN silver.product_cleaned p ON p.product_id = b.product_id
                        WHERE a.product_id = %1$d AND a.sale_date >= %2$s AND a.sale_date < %3$s
                              AND b.sale_date >= %2$s AND b.sale_date < %3$s
                        GROUP BY b.product_id, p.product_name
                        ORDER BY together DESC
                        LIMIT 10""".formatted(d.product(), span.from(), span.until());
            }),
            complex("moving_average_revenue", d -> {
                DateSpan quarter = d.quarter();
                return """
                        SELECT sale_date, revenue,
                               round(avg(revenue) OVER (ORDER BY sale_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW), 2)
                                   AS avg_7d
                        FROM (SELECT sale_date, sum(net_revenue) AS revenue
                              FROM gold.sales_summary
                              WHERE region = %s AND channel = %s AND sale_date >= %s AND sale_date < %s
                              GROUP BY sale_date) daily
                        ORDER BY sale_date""".formatted(d.region(), d.channel(), quarter.from(), quarter.until());
            }),
            complex("top_customers_per_region", d -> {
                DateSpan span = d.monthOrQuarter();
                return """
                        SELECT region, customer_id, spent, position
                        FROM (SELECT c.region, s.customer_id, sum(s.total_amount) AS spent,
                                     row_number() OVER (PARTITION BY c.region ORDER BY sum(s.total_amount) DESC)
                                         AS position
                              FROM silver.sales_cleaned s
                              JOIN silver.customer_cleaned c ON c.customer_id = s.customer_id
                              WHERE s.sale_date >= %s AND s.sale_date < %s
                              GROUP BY c.region, s.customer_id) ranked
                        WHERE position <= %d
                        ORDER BY region, position""".formatted(span.from(), span.until(), d.between(3, 10));
            }),
            complex("lapsed_customers", d -> {
                DateSpan quarter = d.quarter();
                return """
                        SELECT c.customer_id, c.full_name, c.lifetime_value, c.last_purchase_at
                        FROM gold.customer_360 c
                        WHERE c.segment = %1$s
                          AND EXISTS (SELECT 1 FROM silver.sales_cleaned s
                                      WHERE s.customer_id = c.customer_id
                                        AND s.sale_date >= %2$s AND s.sale_date < %3$s)
                          AND NOT EXISTS (SELECT 1 FROM silver.sales_cleaned s
                                          WHERE s.customer_id = c.customer_id
                                            AND s.sale_date >= %3$s AND s.sale_date < %3$s + 90)
                        ORDER BY c.lifetime_value DESC
                        LIMIT 100""".formatted(d.segment(), quarter.from(), quarter.until());
            }),
            complex("stockout_risk", d -> """
                    WITH velocity AS (
                        SELECT product_id, sum(quantity) / 28.0 AS units_per_day
                        FROM silver.sales_cleaned
                        WHERE sale_date > %1$s - 28 AND sale_date <= %1$s
                        GROUP BY product_id),
                    stock AS (
                        SELECT product_id, sum(stock_on_hand) AS on_hand
                        FROM gold.inventory_insights
                        GROUP BY product_id)
                    SELECT p.product_id, p.product_name, st.on_hand, round(v.units_per_day, 2) AS units_per_day,
                           round(st.on_hand / nullif(v.units_per_day, 0), 1) AS days_left
                    FROM velocity v
                    JOIN stock st ON st.product_id = v.product_id
                    JOIN silver.product_cleaned p ON p.product_id = v.product_id
                    WHERE p.category = %2$s
                    ORDER BY days_left NULLS LAST
                    LIMIT 25""".formatted(d.day(), d.category())),
            complex("products_above_category_average", d ->
                    """
                    SELECT pp.product_id, pp.product_name, pp.category, pp.revenue
                    FROM gold.product_performance pp
                    WHERE pp.orders >= %d
                      AND pp.revenue > %s * (SELECT avg(o.revenue)
                                             FROM gold.product_performance o
                                             WHERE o.category = pp.category)
                    ORDER BY pp.category, pp.revenue DESC""".formatted(d.between(1, 20), d.pick(List.of("1.5", "2", "3")))),
            complex("new_vs_returning_weekly", d -> {
                DateSpan quarter = d.quarter();
                return """
                        WITH firsts AS (
                            SELECT customer_id, min(sale_date) AS first_day
                            FROM silver.sales_cleaned
                            GROUP BY customer_id)
                        SELECT date_trunc('week', s.sale_date)::date AS week,
                               count(DISTINCT s.customer_id)
                                   FILTER (WHERE f.first_day >= date_trunc('week', s.sale_date)) AS new_customers,
                               count(DISTINCT s.customer_id)
                                   FILTER (WHERE f.first_day < date_trunc('week', s.sale_date)) AS returning_customers,
                               sum(s.total_amount) AS revenue
                        FROM silver.sales_cleaned s
                        JOIN firsts f ON f.customer_id = s.customer_id
                        WHERE s.sale_date >= %s AND s.sale_date < %s
                        GROUP BY 1
                        ORDER BY 1""".formatted(quarter.from(), quarter.until());
            }),

            // Writes: feeds appending to bronze and data stewards fixing raw values.
            write("bronze_sales_basket_insert", RetailTemplates::basketInsert),
            write("bronze_inventory_delivery_insert", RetailTemplates::deliveryInsert),
            write("bronze_sales_channel_fix", d -> {
                long first = d.salesRawId();
                return """
                        UPDATE bronze.sales_raw
                        SET channel = lower(btrim(channel))
                        WHERE raw_id BETWEEN %d AND %d AND channel <> lower(btrim(channel))""".formatted(first, first + d.between(50, 500));
            }),
            write("bronze_inventory_code_fix", d -> {
                long first = d.inventoryRawId();
                return """
                        UPDATE bronze.inventory_raw
                        SET warehouse_id = upper(btrim(warehouse_id)), movement_type = lower(btrim(movement_type))
                        WHERE raw_id BETWEEN %d AND %d
                          AND (warehouse_id <> upper(btrim(warehouse_id))
                               OR movement_type <> lower(btrim(movement_type)))""".formatted(first, first + d.between(50, 500));
            }));

    private RetailTemplates() {}

    public static List<QueryTemplate> all() {
        return ALL;
    }

    /** A till sends one basket: a few lines of one customer at one time, priced from the catalog. */
    private static String basketInsert(Draw d) {
        String products = LongStream.range(0, d.between(1, 4))
                .map(i -> d.product())
                .distinct()
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", "));
        LocalDateTime soldAt = d.today().atStartOfDay().plusSeconds(d.between(8 * 3600, 22 * 3600));
        String channel = d.pick(List.of("store", "online", "mobile"));
        String store = channel.equals("store") ? Literals.text(Integer.toString(d.store())) : "NULL";
        int quantity = d.between(1, 3);
        return """
                INSERT INTO bronze.sales_raw (batch_id, transaction_id, sold_at, customer_id, product_id, store_id,
                                              channel, quantity, unit_price, discount, total_amount, payment_method)
                SELECT (SELECT max(batch_id) FROM metadata.ingest_batches),
                       (%d + row_number() OVER (ORDER BY p.product_id))::text,
                       %s, %s, p.product_id::text, %s, %s,
                       %s, p.unit_price::text, '0.00', (p.unit_price * %d)::text, %s
                FROM silver.product_cleaned p
                WHERE p.product_id IN (%s)""".formatted(
                        d.newId(),
                        Literals.text(soldAt.format(RAW_TIMESTAMP)),
                        Literals.text(Long.toString(d.customer())),
                        store,
                        Literals.text(channel),
                        Literals.text(Integer.toString(quantity)),
                        quantity,
                        d.text("card", "card", "paypal", "gift_card"),
                        products);
    }

    /** A warehouse books a delivery: receipts of a few products, as text the way the feed sends them. */
    private static String deliveryInsert(Draw d) {
        String warehouse = d.warehouse();
        LocalDateTime at = d.today().atStartOfDay().plusSeconds(d.between(6 * 3600, 22 * 3600));
        String rows = IntStream.range(0, d.between(1, 3))
                .mapToObj(i -> "((SELECT max(batch_id) FROM metadata.ingest_batches), %s, %s, %s, 'receipt', %s, %s)"
                        .formatted(
                                Literals.text(Long.toString(d.newId())),
                                Literals.text(Long.toString(d.product())),
                                warehouse,
                                Literals.text(Integer.toString(d.between(50, 500))),
                                Literals.text(at.format(RAW_TIMESTAMP))))
                .collect(Collectors.joining(",\n       "));
        return """
                INSERT INTO bronze.inventory_raw (batch_id, movement_id, product_id, warehouse_id, movement_type,
                                                  quantity, moved_at)
                VALUES %s""".formatted(rows);
    }

    private static Template simple(String name, Function<Draw, String> sql) {
        return new Template(name, Complexity.SIMPLE, sql);
    }

    private static Template medium(String name, Function<Draw, String> sql) {
        return new Template(name, Complexity.MEDIUM, sql);
    }

    private static Template complex(String name, Function<Draw, String> sql) {
        return new Template(name, Complexity.COMPLEX, sql);
    }

    private static Template write(String name, Function<Draw, String> sql) {
        return new Template(name, Complexity.WRITE, sql);
    }
}
