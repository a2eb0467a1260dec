-- gold.customer_360 for customers touched by the ETL runs (etl.low, etl.high]: changed, or with new sales.

CREATE TEMP TABLE affected ON COMMIT DROP AS
SELECT customer_id FROM silver.customer_cleaned
WHERE etl_batch_id > current_setting('etl.low')::bigint AND etl_batch_id <= current_setting('etl.high')::bigint
UNION
SELECT customer_id FROM silver.sales_cleaned
WHERE etl_batch_id > current_setting('etl.low')::bigint AND etl_batch_id <= current_setting('etl.high')::bigint;

-- @rows_in
SELECT count(*) FROM affected;

DELETE FROM gold.customer_360 WHERE customer_id IN (SELECT customer_id FROM affected);

-- @rows_out
INSERT INTO gold.customer_360 (customer_id, full_name, email, segment, city, region, age_years, signup_date,
                               orders, units, lifetime_value, avg_order_value, distinct_products,
                               favourite_category, preferred_channel, first_purchase_at, last_purchase_at)
WITH orders AS (
    SELECT s.customer_id, count(*) AS orders, sum(s.quantity) AS units, sum(s.total_amount) AS lifetime_value,
           round(avg(s.total_amount), 2) AS avg_order_value, count(DISTINCT s.product_id) AS distinct_products,
           mode() WITHIN GROUP (ORDER BY p.category) AS favourite_category,
           mode() WITHIN GROUP (ORDER BY s.channel) AS preferred_channel,
           min(s.sold_at) AS first_purchase_at, max(s.sold_at) AS last_purchase_at
    FROM silver.sales_cleaned s
    JOIN silver.product_cleaned p ON p.product_id = s.product_id
    WHERE s.customer_id IN (SELECT customer_id FROM affected)
    GROUP BY s.customer_id
)
SELECT c.customer_id, c.first_name || ' ' || c.last_name, c.email, c.segment, c.city, c.region,
       date_part('year', age(coalesce(o.last_purchase_at::date, c.signup_date), c.birth_date))::integer,
       c.signup_date,
       coalesce(o.orders, 0), coalesce(o.units, 0), coalesce(o.lifetime_value, 0), o.avg_order_value,
       coalesce(o.distinct_products, 0), o.favourite_category, o.preferred_channel,
       o.first_purchase_at, o.last_purchase_at
FROM silver.customer_cleaned c
LEFT JOIN orders o ON o.customer_id = c.customer_id
WHERE c.customer_id IN (SELECT customer_id FROM affected);
