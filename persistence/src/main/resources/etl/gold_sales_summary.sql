-- gold.sales_summary for every sale date touched by the ETL runs (etl.low, etl.high]: new sales, or sales whose
-- product or customer changed (category and region come from them).

CREATE TEMP TABLE affected ON COMMIT DROP AS
SELECT DISTINCT s.sale_date
FROM silver.sales_cleaned s
WHERE s.etl_batch_id > current_setting('etl.low')::bigint AND s.etl_batch_id <= current_setting('etl.high')::bigint
   OR s.product_id IN (SELECT product_id FROM silver.product_cleaned
                       WHERE etl_batch_id > current_setting('etl.low')::bigint
                         AND etl_batch_id <= current_setting('etl.high')::bigint)
   OR s.customer_id IN (SELECT customer_id FROM silver.customer_cleaned
                        WHERE etl_batch_id > current_setting('etl.low')::bigint
                          AND etl_batch_id <= current_setting('etl.high')::bigint);

-- @rows_in
SELECT count(*) FROM affected;

DELETE FROM gold.sales_summary WHERE sale_date IN (SELECT sale_date FROM affected);

-- @rows_out
INSERT INTO gold.sales_summary (sale_date, category, region, channel, transactions, units, gross_revenue,
                                discount_total, net_revenue, distinct_customers, avg_ticket)
SELECT s.sale_date, p.category, c.region, s.channel,
       count(*), sum(s.quantity), sum(s.quantity * s.unit_price), sum(s.discount), sum(s.total_amount),
       count(DISTINCT s.customer_id), round(avg(s.total_amount), 2)
FROM silver.sales_cleaned s
JOIN silver.product_cleaned p ON p.product_id = s.product_id
JOIN silver.customer_cleaned c ON c.customer_id = s.customer_id
WHERE s.sale_date IN (SELECT sale_date FROM affected)
GROUP BY s.sale_date, p.category, c.region, s.channel;
