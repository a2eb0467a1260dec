package io.dwpilot.persistence.etl;

import java.util.List;

/**
 * One step of the pipeline: a SQL script that processes the rows above its watermark. For a silver step the
 * watermark is the last bronze raw_id it consumed; for a gold step it is the last ETL run whose silver changes it
 * absorbed.
 */
record EtlStep(String target, String source, String script, boolean readsBronze) {

    /** In dependency order: dimensions before the facts that reference them, silver before gold. */
    static final List<EtlStep> ALL = List.of(
            silver("silver.product_cleaned", "bronze.product_raw", "etl/silver_products.sql"),
            silver("silver.customer_cleaned", "bronze.customer_raw", "etl/silver_customers.sql"),
            silver("silver.sales_cleaned", "bronze.sales_raw", "etl/silver_sales.sql"),
            silver("silver.inventory_cleaned", "bronze.inventory_raw", "etl/silver_inventory.sql"),
            gold("gold.sales_summary", "etl/gold_sales_summary.sql"),
            gold("gold.customer_360", "etl/gold_customer_360.sql"),
            gold("gold.product_performance", "etl/gold_product_performance.sql"),
            gold("gold.inventory_insights", "etl/gold_inventory_insights.sql"));

    private static EtlStep silver(String target, String source, String script) {
        return new EtlStep(target, source, script, true);
    }

    private static EtlStep gold(String target, String script) {
        return new EtlStep(target, "metadata.etl_runs", script, false);
    }

    /** The watermark key in metadata.etl_watermarks. */
    String watermarkKey() {
        return target + " <- " + source;
    }
}
