-- bronze.product_raw -> silver.product_cleaned (latest valid version per product wins).
-- Reads the range (etl.low, etl.high] of raw_id; etl.run_id names this run.

CREATE TEMP TABLE staged ON COMMIT DROP AS
SELECT r.*,
       etl.try_bigint(r.product_id)  AS v_product_id,
       etl.try_numeric(r.unit_price) AS v_unit_price,
       etl.try_numeric(r.unit_cost)  AS v_unit_cost,
       etl.try_bigint(r.supplier_id) AS v_supplier_id,
       etl.try_date(r.launched_on)   AS v_launched_on,
       CASE
           WHEN nullif(btrim(r.product_id), '') IS NULL THEN ARRAY['missing_required', 'product_id is empty']
           WHEN nullif(btrim(r.product_name), '') IS NULL THEN ARRAY['missing_required', 'product_name is empty']
           WHEN nullif(btrim(r.category), '') IS NULL THEN ARRAY['missing_required', 'category is empty']
           WHEN nullif(btrim(r.unit_price), '') IS NULL THEN ARRAY['missing_required', 'unit_price is empty']
           WHEN etl.try_bigint(r.product_id) IS NULL THEN ARRAY['malformed_number', format('product_id %L is not an integer', r.product_id)]
           WHEN etl.try_numeric(r.unit_price) IS NULL THEN ARRAY['malformed_number', format('unit_price %L is not a number', r.unit_price)]
           WHEN etl.try_numeric(coalesce(nullif(btrim(r.unit_cost), ''), '0')) IS NULL THEN ARRAY['malformed_number', format('unit_cost %L is not a number', r.unit_cost)]
           WHEN etl.try_bigint(coalesce(nullif(btrim(r.supplier_id), ''), '0')) IS NULL THEN ARRAY['malformed_number', format('supplier_id %L is not an integer', r.supplier_id)]
           WHEN nullif(btrim(r.launched_on), '') IS NOT NULL AND etl.try_date(r.launched_on) IS NULL THEN ARRAY['malformed_date', format('launched_on %L is not an ISO date', r.launched_on)]
           WHEN etl.try_numeric(r.unit_price) <= 0 OR etl.try_numeric(r.unit_price) > 100000 THEN ARRAY['out_of_range', format('unit_price %s is outside (0, 100000]', r.unit_price)]
           WHEN etl.try_numeric(r.unit_cost) < 0 OR etl.try_numeric(r.unit_cost) > etl.try_numeric(r.unit_price) * 10 THEN ARRAY['out_of_range', format('unit_cost %s is outside [0, 10 x unit_price]', r.unit_cost)]
       END AS rejection
FROM bronze.product_raw r
WHERE r.raw_id > current_setting('etl.low')::bigint AND r.raw_id <= current_setting('etl.high')::bigint;

CREATE TEMP TABLE candidates ON COMMIT DROP AS
SELECT s.raw_id, s.v_product_id AS product_id,
       initcap(btrim(s.product_name)) AS product_name,
       lower(btrim(s.category)) AS category,
       lower(coalesce(nullif(btrim(s.subcategory), ''), 'general')) AS subcategory,
       coalesce(nullif(btrim(s.brand), ''), 'unbranded') AS brand,
       round(s.v_unit_price, 2) AS unit_price,
       round(coalesce(s.v_unit_cost, 0), 2) AS unit_cost,
       coalesce(s.v_supplier_id, 0) AS supplier_id,
       coalesce(nullif(btrim(s.supplier_name), ''), 'unknown supplier') AS supplier_name,
       s.v_launched_on AS launched_on
FROM staged s
WHERE s.rejection IS NULL;

-- A valid row identical to the version before it (in this batch or already in silver) is a duplicate.
CREATE TEMP TABLE duplicates ON COMMIT DROP AS
SELECT c.raw_id
FROM (SELECT c.raw_id, c.product_id,
             md5(ROW(c.product_name, c.category, c.subcategory, c.brand, c.unit_price, c.unit_cost, c.supplier_id,
                     c.supplier_name, c.launched_on)::text) AS content,
             lag(md5(ROW(c.product_name, c.category, c.subcategory, c.brand, c.unit_price, c.unit_cost,
                         c.supplier_id, c.supplier_name, c.launched_on)::text))
                 OVER (PARTITION BY c.product_id ORDER BY c.raw_id) AS previous
      FROM candidates c) c
LEFT JOIN silver.product_cleaned p ON p.product_id = c.product_id
WHERE c.content = coalesce(c.previous,
          md5(ROW(p.product_name, p.category, p.subcategory, p.brand, p.unit_price, p.unit_cost, p.supplier_id,
                  p.supplier_name, p.launched_on)::text));

-- @rows_in
SELECT count(*) FROM staged;

-- @rows_rejected
INSERT INTO silver.quarantine (source_table, raw_id, reason, detail, payload, etl_batch_id)
SELECT 'bronze.product_raw', s.raw_id,
       coalesce(s.rejection[1], 'duplicate'),
       coalesce(s.rejection[2], format('product %s repeats its previous version', s.product_id)),
       jsonb_build_object('product_id', s.product_id, 'product_name', s.product_name, 'category', s.category,
           'subcategory', s.subcategory, 'brand', s.brand, 'unit_price', s.unit_price, 'unit_cost', s.unit_cost,
           'supplier_id', s.supplier_id, 'supplier_name', s.supplier_name, 'launched_on', s.launched_on,
           'batch_id', s.batch_id),
       current_setting('etl.run_id')::bigint
FROM staged s
WHERE s.rejection IS NOT NULL OR s.raw_id IN (SELECT raw_id FROM duplicates)
ON CONFLICT DO NOTHING;

-- @rows_out
SELECT count(*) FROM candidates WHERE raw_id NOT IN (SELECT raw_id FROM duplicates);

INSERT INTO silver.product_cleaned AS t (product_id, product_name, category, subcategory, brand, unit_price,
                                         unit_cost, supplier_id, supplier_name, launched_on, source_raw_id,
                                         etl_batch_id, updated_at)
SELECT DISTINCT ON (c.product_id)
       c.product_id, c.product_name, c.category, c.subcategory, c.brand, c.unit_price, c.unit_cost, c.supplier_id,
       c.supplier_name, c.launched_on, c.raw_id, current_setting('etl.run_id')::bigint, now()
FROM candidates c
WHERE c.raw_id NOT IN (SELECT raw_id FROM duplicates)
ORDER BY c.product_id, c.raw_id DESC
ON CONFLICT (product_id) DO UPDATE
SET product_name = excluded.product_name, category = excluded.category, subcategory = excluded.subcategory,
    brand = excluded.brand, unit_price = excluded.unit_price, unit_cost = excluded.unit_cost,
    supplier_id = excluded.supplier_id, supplier_name = excluded.supplier_name, launched_on = excluded.launched_on,
    source_raw_id = excluded.source_raw_id, etl_batch_id = excluded.etl_batch_id, updated_at = excluded.updated_at;
