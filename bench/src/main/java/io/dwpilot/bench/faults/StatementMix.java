package io.dwpilot.bench.faults;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements the load sends. Each carries a probe number as its first select item ({@code SELECT 1000017 AS
 * probe, ...}): a literal, so the gateway gives every probe of a template the same fingerprint and lane, and unique,
 * so that its row in the query log is found again.
 */
public final class StatementMix {
    /** A statement to send: its kind, its probe number and its text. */
    public record Statement(StatementKind kind, long probe, String sql) {}

    private static final Pattern PROBE = Pattern.compile("^SELECT (\\d+) AS probe");

    private static final List<String> INTERACTIVE = List.of(
            "SELECT %d AS probe, region, sum(net_revenue) AS revenue FROM gold.sales_summary"
                    + " WHERE sale_date = (SELECT max(sale_date) FROM gold.sales_summary) GROUP BY region",
            "SELECT %d AS probe, full_name, segment, orders FROM gold.customer_360 WHERE customer_id = %d",
            "SELECT %d AS probe, product_name, revenue FROM gold.product_performance ORDER BY revenue DESC LIMIT 10");

    private static final List<String> HEAVY = List.of(
            "SELECT %d AS probe, pg_sleep(0.5)",
            "SELECT %d AS probe, customer_id, count(*), sum(total_amount) FROM silver.sales_cleaned"
                    + " GROUP BY customer_id ORDER BY 4 DESC LIMIT 10");

    /** A selective filter on the largest table: the statement the indexer is given to recommend an index for. */
    private static final String INDEXABLE =
            "SELECT %d AS probe, count(*), sum(total_amount) FROM silver.sales_cleaned" + " WHERE customer_id = %d";

    private final AtomicLong probes;
    private final int customers;

    /**
     * @param firstProbe the probe number of the first statement (probes of one run never repeat)
     * @param customers  customer ids are drawn from 1..customers
     */
    public StatementMix(long firstProbe, int customers) {
        this.probes = new AtomicLong(firstProbe);
        this.customers = Math.max(1, customers);
    }

    /** A statement of {@code kind}, its template and parameter drawn from {@code random}. */
    public Statement next(StatementKind kind, Random random) {
        List<String> templates = kind == StatementKind.INTERACTIVE ? INTERACTIVE : HEAVY;
        String template = templates.get(random.nextInt(templates.size()));
        return statement(kind, template, random);
    }

    /** A read of one customer's sales by a column without an index. */
    public Statement indexable(Random random) {
        return statement(StatementKind.HEAVY, INDEXABLE, random);
    }

    private Statement statement(StatementKind kind, String template, Random random) {
        long probe = probes.getAndIncrement();
        // templates without a second placeholder ignore the customer id
        return new Statement(kind, probe, String.format(template, probe, 1 + random.nextInt(customers)));
    }

    /** The probe number in a logged statement's text, or -1. */
    public static long probeOf(String sql) {
        Matcher m = PROBE.matcher(sql);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The query-log condition that selects the rows of probes {@code [from, to)}. */
    static String probeRange() {
        return "query_text ~ '^SELECT [0-9]+ AS probe'"
                + " AND substring(query_text from '^SELECT ([0-9]+) AS probe')::bigint >= ?"
                + " AND substring(query_text from '^SELECT ([0-9]+) AS probe')::bigint < ?";
    }
}
