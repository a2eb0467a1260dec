-- gold.product_performance for products touched by the ETL runs (etl.low, etl.high]: changed, or with new sales.

CREATE TEMP TABLE affected ON COMMIT DROP AS
SELECT product_id FROM silver.product_cleaned
WHERE etl_batch_id > current_setting('etl.low')::bigint AND etl_batch_id <= current_setting('etl.high')::bigint
UNION
SELECT product_id FROM silver.sales_cleaned
WHERE etl_batch_id > current_setting('etl.low')::bigint AND etl_batch_id <= current_setting('etl.high')::bigint;

-- @rows_in
SELECT count(*) FROM affected;

DELETE FROM gold.product_performance WHERE product_id IN (SELECT product_id FROM affected);

-- @rows_out
INSERT INTO gold.product_performance (product_id, product_name, category, brand, supplier_name, list_price, orders,
                                      units_sold, revenue, cost, gross_margin, avg_discount, distinct_customers,
                                      first_sale_at, last_sale_at)
SELECT p.product_id, p.product_name, p.category, p.brand, p.supplier_name, p.unit_price,
       count(s.transaction_id), coalesce(sum(s.quantity), 0), coalesce(sum(s.total_amount), 0),
       coalesce(sum(s.quantity) * p.unit_cost, 0),
       coalesce(sum(s.total_amount), 0) - coalesce(sum(s.quantity) * p.unit_cost, 0),
       round(avg(s.discount), 2), count(DISTINCT s.customer_id), min(s.sold_at), max(s.sold_at)
FROM silver.product_cleaned p
LEFT JOIN silver.sales_cleaned s ON s.product_id = p.product_id
WHERE p.product_id IN (SELECT product_id FROM affected)
GROUP BY p.product_id;
