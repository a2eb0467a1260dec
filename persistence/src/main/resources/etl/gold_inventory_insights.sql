-- gold.inventory_insights for (product, warehouse) pairs with movements loaded by the ETL runs (etl.low, etl.high].

CREATE TEMP TABLE affected ON COMMIT DROP AS
SELECT DISTINCT product_id, warehouse_id FROM silver.inventory_cleaned
WHERE etl_batch_id > current_setting('etl.low')::bigint AND etl_batch_id <= current_setting('etl.high')::bigint;

-- @rows_in
SELECT count(*) FROM affected;

DELETE FROM gold.inventory_insights g USING affected a
WHERE g.product_id = a.product_id AND g.warehouse_id = a.warehouse_id;

-- @rows_out
INSERT INTO gold.inventory_insights (product_id, warehouse_id, received, shipped, returned, adjusted, stock_on_hand,
                                     movements, avg_daily_shipped, days_of_cover, first_movement_at,
                                     last_movement_at)
SELECT m.product_id, m.warehouse_id, m.received, m.shipped, m.returned, m.adjusted,
       m.received + m.returned + m.adjusted - m.shipped, m.movements,
       round(m.shipped::numeric / m.days, 2),
       CASE WHEN m.shipped > 0
            THEN round((m.received + m.returned + m.adjusted - m.shipped) / (m.shipped::numeric / m.days), 1) END,
       m.first_movement_at, m.last_movement_at
FROM (SELECT i.product_id, i.warehouse_id,
             coalesce(sum(i.quantity) FILTER (WHERE i.movement_type = 'receipt'), 0) AS received,
             coalesce(sum(i.quantity) FILTER (WHERE i.movement_type = 'shipment'), 0) AS shipped,
             coalesce(sum(i.quantity) FILTER (WHERE i.movement_type = 'return'), 0) AS returned,
             coalesce(sum(i.quantity) FILTER (WHERE i.movement_type = 'adjustment'), 0) AS adjusted,
             count(*) AS movements,
             greatest(1, (max(i.moved_at)::date - min(i.moved_at)::date) + 1) AS days,
             min(i.moved_at) AS first_movement_at, max(i.moved_at) AS last_movement_at
      FROM silver.inventory_cleaned i
      JOIN affected a ON a.product_id = i.product_id AND a.warehouse_id = i.warehouse_id
      GROUP BY i.product_id, i.warehouse_id) m;
