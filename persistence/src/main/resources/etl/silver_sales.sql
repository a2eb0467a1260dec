-- bronze.sales_raw -> silver.sales_cleaned. A transaction id is loaded once; later copies are duplicates.
-- Reads the range (etl.low, etl.high] of raw_id; etl.run_id names this run.

CREATE TEMP TABLE staged ON COMMIT DROP AS
SELECT p.*,
       CASE
           WHEN nullif(btrim(p.transaction_id), '') IS NULL THEN ARRAY['missing_required', 'transaction_id is empty']
           WHEN nullif(btrim(p.sold_at), '') IS NULL THEN ARRAY['missing_required', 'sold_at is empty']
           WHEN nullif(btrim(p.customer_id), '') IS NULL THEN ARRAY['missing_required', 'customer_id is empty']
           WHEN nullif(btrim(p.product_id), '') IS NULL THEN ARRAY['missing_required', 'product_id is empty']
           WHEN nullif(btrim(p.quantity), '') IS NULL THEN ARRAY['missing_required', 'quantity is empty']
           WHEN nullif(btrim(p.unit_price), '') IS NULL THEN ARRAY['missing_required', 'unit_price is empty']
           WHEN nullif(btrim(p.total_amount), '') IS NULL THEN ARRAY['missing_required', 'total_amount is empty']
           WHEN p.v_transaction_id IS NULL THEN ARRAY['malformed_number', format('transaction_id %L is not an integer', p.transaction_id)]
           WHEN p.v_customer_id IS NULL THEN ARRAY['malformed_number', format('customer_id %L is not an integer', p.customer_id)]
           WHEN p.v_product_id IS NULL THEN ARRAY['malformed_number', format('product_id %L is not an integer', p.product_id)]
           WHEN nullif(btrim(p.store_id), '') IS NOT NULL AND p.v_store_id IS NULL THEN ARRAY['malformed_number', format('store_id %L is not an integer', p.store_id)]
           WHEN p.v_quantity IS NULL OR p.v_quantity <> trunc(p.v_quantity) THEN ARRAY['malformed_number', format('quantity %L is not an integer', p.quantity)]
           WHEN p.v_unit_price IS NULL THEN ARRAY['malformed_number', format('unit_price %L is not a number', p.unit_price)]
           WHEN nullif(btrim(p.discount), '') IS NOT NULL AND p.v_discount IS NULL THEN ARRAY['malformed_number', format('discount %L is not a number', p.discount)]
           WHEN p.v_total_amount IS NULL THEN ARRAY['malformed_number', format('total_amount %L is not a number', p.total_amount)]
           WHEN p.v_sold_at IS NULL THEN ARRAY['malformed_date', format('sold_at %L is not an ISO timestamp', p.sold_at)]
           WHEN p.v_channel IS DISTINCT FROM 'store' AND p.v_channel IS DISTINCT FROM 'online' AND p.v_channel IS DISTINCT FROM 'mobile'
               THEN ARRAY['invalid_code', format('channel %L is not store, online or mobile', p.channel)]
           WHEN p.v_quantity NOT BETWEEN 1 AND 1000 THEN ARRAY['out_of_range', format('quantity %s is outside 1..1000', p.quantity)]
           WHEN p.v_unit_price <= 0 OR p.v_unit_price > 100000 THEN ARRAY['out_of_range', format('unit_price %s is outside (0, 100000]', p.unit_price)]
           WHEN coalesce(p.v_discount, 0) NOT BETWEEN 0 AND p.v_quantity * p.v_unit_price
               THEN ARRAY['out_of_range', format('discount %s is negative or above the line amount', p.discount)]
           WHEN abs(p.v_total_amount - (p.v_quantity * p.v_unit_price - coalesce(p.v_discount, 0))) > 0.01
               THEN ARRAY['out_of_range', format('total_amount %s differs from quantity x unit_price - discount', p.total_amount)]
       END AS rejection
FROM (SELECT r.*,
             etl.try_bigint(r.transaction_id)  AS v_transaction_id,
             etl.try_timestamptz(r.sold_at)    AS v_sold_at,
             etl.try_bigint(r.customer_id)     AS v_customer_id,
             etl.try_bigint(r.product_id)      AS v_product_id,
             etl.try_bigint(r.store_id)        AS v_store_id,
             lower(btrim(r.channel))           AS v_channel,
             etl.try_numeric(r.quantity)       AS v_quantity,
             etl.try_numeric(r.unit_price)     AS v_unit_price,
             etl.try_numeric(r.discount)       AS v_discount,
             etl.try_numeric(r.total_amount)   AS v_total_amount
      FROM bronze.sales_raw r
      WHERE r.raw_id > current_setting('etl.low')::bigint AND r.raw_id <= current_setting('etl.high')::bigint
      OFFSET 0) p;

-- References and repeats are checked only for rows that passed the checks above.
CREATE TEMP TABLE judged ON COMMIT DROP AS
SELECT s.*,
       CASE
           WHEN s.rejection IS NOT NULL THEN s.rejection
           WHEN NOT EXISTS (SELECT 1 FROM silver.product_cleaned p WHERE p.product_id = s.v_product_id)
               THEN ARRAY['unknown_product', format('product %s is not in silver.product_cleaned', s.v_product_id)]
           WHEN NOT EXISTS (SELECT 1 FROM silver.customer_cleaned c WHERE c.customer_id = s.v_customer_id)
               THEN ARRAY['unknown_customer', format('customer %s is not in silver.customer_cleaned', s.v_customer_id)]
           WHEN EXISTS (SELECT 1 FROM silver.sales_cleaned t WHERE t.transaction_id = s.v_transaction_id)
               OR row_number() OVER (PARTITION BY s.v_transaction_id, s.rejection IS NULL ORDER BY s.raw_id) > 1
               THEN ARRAY['duplicate', format('transaction %s was already loaded', s.v_transaction_id)]
       END AS verdict
FROM staged s;

-- @rows_in
SELECT count(*) FROM judged;

-- @rows_rejected
INSERT INTO silver.quarantine (source_table, raw_id, reason, detail, payload, etl_batch_id)
SELECT 'bronze.sales_raw', j.raw_id, j.verdict[1], j.verdict[2],
       jsonb_build_object('transaction_id', j.transaction_id, 'sold_at', j.sold_at, 'customer_id', j.customer_id,
           'product_id', j.product_id, 'store_id', j.store_id, 'channel', j.channel, 'quantity', j.quantity,
           'unit_price', j.unit_price, 'discount', j.discount, 'total_amount', j.total_amount,
           'payment_method', j.payment_method, 'batch_id', j.batch_id),
       current_setting('etl.run_id')::bigint
FROM judged j
WHERE j.verdict IS NOT NULL
ON CONFLICT DO NOTHING;

-- @rows_out
INSERT INTO silver.sales_cleaned (transaction_id, sold_at, sale_date, customer_id, product_id, store_id, channel,
                                  quantity, unit_price, discount, total_amount, payment_method, source_raw_id,
                                  etl_batch_id)
SELECT j.v_transaction_id, j.v_sold_at, (j.v_sold_at AT TIME ZONE 'UTC')::date, j.v_customer_id, j.v_product_id,
       coalesce(j.v_store_id, 0), j.v_channel, j.v_quantity::integer, round(j.v_unit_price, 2),
       round(coalesce(j.v_discount, 0), 2), round(j.v_total_amount, 2),
       lower(coalesce(nullif(btrim(j.payment_method), ''), 'unknown')), j.raw_id,
       current_setting('etl.run_id')::bigint
FROM judged j
WHERE j.verdict IS NULL;
