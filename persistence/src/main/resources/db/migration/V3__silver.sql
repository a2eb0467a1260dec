-- Silver: validated, typed, de-duplicated rows. source_raw_id points back to the bronze row that produced the
-- current version; etl_batch_id is the ETL run that last wrote the row (it drives the incremental gold refresh).

CREATE TABLE metadata.etl_runs (
    run_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    status        text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
    rows_in       bigint      NOT NULL DEFAULT 0,
    rows_out      bigint      NOT NULL DEFAULT 0,
    rows_rejected bigint      NOT NULL DEFAULT 0,
    duration_ms   bigint,
    error         text
);

CREATE TABLE metadata.etl_steps (
    run_id        bigint      NOT NULL REFERENCES metadata.etl_runs (run_id) ON DELETE CASCADE,
    step          text        NOT NULL,
    rows_in       bigint      NOT NULL,
    rows_out      bigint      NOT NULL,
    rows_rejected bigint      NOT NULL,
    duration_ms   bigint      NOT NULL,
    finished_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, step)
);

-- How far each bronze table has been processed: rows with raw_id above the watermark are new.
CREATE TABLE metadata.etl_watermarks (
    source_table  text        PRIMARY KEY,
    last_raw_id   bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE silver.customer_cleaned (
    customer_id    bigint      PRIMARY KEY,
    first_name     text        NOT NULL,
    last_name      text        NOT NULL,
    email          text        NOT NULL,
    gender         text        NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unknown')),
    birth_date     date,
    segment        text        NOT NULL,
    city           text        NOT NULL,
    region         text        NOT NULL,
    country        text        NOT NULL,
    signup_date    date        NOT NULL,
    source_raw_id  bigint      NOT NULL REFERENCES bronze.customer_raw (raw_id),
    etl_batch_id   bigint      NOT NULL REFERENCES metadata.etl_runs (run_id),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE silver.product_cleaned (
    product_id     bigint        PRIMARY KEY,
    product_name   text          NOT NULL,
    category       text          NOT NULL,
    subcategory    text          NOT NULL,
    brand          text          NOT NULL,
    unit_price     numeric(12,2) NOT NULL CHECK (unit_price > 0),
    unit_cost      numeric(12,2) NOT NULL CHECK (unit_cost >= 0),
    supplier_id    bigint        NOT NULL,
    supplier_name  text          NOT NULL,
    launched_on    date,
    source_raw_id  bigint        NOT NULL REFERENCES bronze.product_raw (raw_id),
    etl_batch_id   bigint        NOT NULL REFERENCES metadata.etl_runs (run_id),
    updated_at     timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE silver.sales_cleaned (
    transaction_id bigint        PRIMARY KEY,
    sold_at        timestamptz   NOT NULL,
    sale_date      date          NOT NULL,
    customer_id    bigint        NOT NULL REFERENCES silver.customer_cleaned (customer_id),
    product_id     bigint        NOT NULL REFERENCES silver.product_cleaned (product_id),
    store_id       integer       NOT NULL,
    channel        text          NOT NULL CHECK (channel IN ('store', 'online', 'mobile')),
    quantity       integer       NOT NULL CHECK (quantity > 0),
    unit_price     numeric(12,2) NOT NULL CHECK (unit_price > 0),
    discount       numeric(12,2) NOT NULL CHECK (discount >= 0),
    total_amount   numeric(12,2) NOT NULL CHECK (total_amount >= 0),
    payment_method text          NOT NULL,
    source_raw_id  bigint        NOT NULL REFERENCES bronze.sales_raw (raw_id),
    etl_batch_id   bigint        NOT NULL REFERENCES metadata.etl_runs (run_id)
);

CREATE TABLE silver.inventory_cleaned (
    movement_id    bigint      PRIMARY KEY,
    product_id     bigint      NOT NULL REFERENCES silver.product_cleaned (product_id),
    warehouse_id   text        NOT NULL,
    movement_type  text        NOT NULL CHECK (movement_type IN ('receipt', 'shipment', 'return', 'adjustment')),
    quantity       integer     NOT NULL,
    moved_at       timestamptz NOT NULL,
    source_raw_id  bigint      NOT NULL REFERENCES bronze.inventory_raw (raw_id),
    etl_batch_id   bigint      NOT NULL REFERENCES metadata.etl_runs (run_id)
);

-- Every bronze row that silver refused, with the first rule it broke and the row as it was.
CREATE TABLE silver.quarantine (
    source_table   text        NOT NULL,
    raw_id         bigint      NOT NULL,
    reason         text        NOT NULL CHECK (reason IN (
                       'duplicate', 'missing_required', 'malformed_number', 'malformed_date',
                       'invalid_email', 'invalid_code', 'out_of_range', 'unknown_customer', 'unknown_product')),
    detail         text        NOT NULL,
    payload        jsonb       NOT NULL,
    etl_batch_id   bigint      NOT NULL REFERENCES metadata.etl_runs (run_id),
    quarantined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_table, raw_id)
);
