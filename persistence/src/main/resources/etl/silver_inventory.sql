-- bronze.inventory_raw -> silver.inventory_cleaned. Quantities are positive for receipts, shipments and returns;
-- adjustments carry their sign. Reads the range (etl.low, etl.high] of raw_id; etl.run_id names this run.

CREATE TEMP TABLE staged ON COMMIT DROP AS
SELECT p.*,
       CASE
           WHEN nullif(btrim(p.movement_id), '') IS NULL THEN ARRAY['missing_required', 'movement_id is empty']
           WHEN nullif(btrim(p.product_id), '') IS NULL THEN ARRAY['missing_required', 'product_id is empty']
           WHEN nullif(btrim(p.warehouse_id), '') IS NULL THEN ARRAY['missing_required', 'warehouse_id is empty']
           WHEN nullif(btrim(p.movement_type), '') IS NULL THEN ARRAY['missing_required', 'movement_type is empty']
           WHEN nullif(btrim(p.quantity), '') IS NULL THEN ARRAY['missing_required', 'quantity is empty']
           WHEN nullif(btrim(p.moved_at), '') IS NULL THEN ARRAY['missing_required', 'moved_at is empty']
           WHEN p.v_movement_id IS NULL THEN ARRAY['malformed_number', format('movement_id %L is not an integer', p.movement_id)]
           WHEN p.v_product_id IS NULL THEN ARRAY['malformed_number', format('product_id %L is not an integer', p.product_id)]
           WHEN p.v_quantity IS NULL OR p.v_quantity <> trunc(p.v_quantity) THEN ARRAY['malformed_number', format('quantity %L is not an integer', p.quantity)]
           WHEN p.v_moved_at IS NULL THEN ARRAY['malformed_date', format('moved_at %L is not an ISO timestamp', p.moved_at)]
           WHEN p.v_movement_type NOT IN ('receipt', 'shipment', 'return', 'adjustment') THEN ARRAY['invalid_code', format('movement_type %L is not receipt, shipment, return or adjustment', p.movement_type)]
           WHEN p.v_warehouse_id !~ '^WH-[0-9]{2}$' THEN ARRAY['invalid_code', format('warehouse_id %L is not a WH-nn code', p.warehouse_id)]
           WHEN p.v_quantity = 0 OR abs(p.v_quantity) > 100000 OR (p.v_movement_type <> 'adjustment' AND p.v_quantity < 0)
               THEN ARRAY['out_of_range', format('quantity %s does not fit a %s', p.quantity, p.movement_type)]
       END AS rejection
FROM (SELECT r.*,
             etl.try_bigint(r.movement_id)   AS v_movement_id,
             etl.try_bigint(r.product_id)    AS v_product_id,
             upper(btrim(r.warehouse_id))    AS v_warehouse_id,
             lower(btrim(r.movement_type))   AS v_movement_type,
             etl.try_numeric(r.quantity)     AS v_quantity,
             etl.try_timestamptz(r.moved_at) AS v_moved_at
      FROM bronze.inventory_raw r
      WHERE r.raw_id > current_setting('etl.low')::bigint AND r.raw_id <= current_setting('etl.high')::bigint
      OFFSET 0) p;

CREATE TEMP TABLE judged ON COMMIT DROP AS
SELECT s.*,
       CASE
           WHEN s.rejection IS NOT NULL THEN s.rejection
           WHEN NOT EXISTS (SELECT 1 FROM silver.product_cleaned p WHERE p.product_id = s.v_product_id)
               THEN ARRAY['unknown_product', format('product %s is not in silver.product_cleaned', s.v_product_id)]
           WHEN EXISTS (SELECT 1 FROM silver.inventory_cleaned t WHERE t.movement_id = s.v_movement_id)
               OR row_number() OVER (PARTITION BY s.v_movement_id, s.rejection IS NULL ORDER BY s.raw_id) > 1
               THEN ARRAY['duplicate', format('movement %s was already loaded', s.v_movement_id)]
       END AS verdict
FROM staged s;

-- @rows_in
SELECT count(*) FROM judged;

-- @rows_rejected
INSERT INTO silver.quarantine (source_table, raw_id, reason, detail, payload, etl_batch_id)
SELECT 'bronze.inventory_raw', j.raw_id, j.verdict[1], j.verdict[2],
       jsonb_build_object('movement_id', j.movement_id, 'product_id', j.product_id, 'warehouse_id', j.warehouse_id,
           'movement_type', j.movement_type, 'quantity', j.quantity, 'moved_at', j.moved_at,
           'batch_id', j.batch_id),
       current_setting('etl.run_id')::bigint
FROM judged j
WHERE j.verdict IS NOT NULL
ON CONFLICT DO NOTHING;

-- @rows_out
INSERT INTO silver.inventory_cleaned (movement_id, product_id, warehouse_id, movement_type, quantity, moved_at,
                                      source_raw_id, etl_batch_id)
SELECT j.v_movement_id, j.v_product_id, j.v_warehouse_id, j.v_movement_type, j.v_quantity::integer, j.v_moved_at,
       j.raw_id, current_setting('etl.run_id')::bigint
FROM judged j
WHERE j.verdict IS NULL;
