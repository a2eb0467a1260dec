-- Bronze: rows as they arrived, every business value kept as text so that nothing is lost on load.
-- raw_id orders arrival; batch_id names the ingest batch (metadata.ingest_batches) that brought the row.

CREATE TABLE metadata.ingest_batches (
    batch_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source            text        NOT NULL,
    scale             numeric     NOT NULL CHECK (scale > 0),
    seed              bigint      NOT NULL,
    first_sale_date   date,
    last_sale_date    date,
    last_customer_id  bigint,
    last_product_id   bigint,
    last_transaction_id bigint,
    last_movement_id  bigint,
    customer_rows     bigint      NOT NULL DEFAULT 0,
    product_rows      bigint      NOT NULL DEFAULT 0,
    sales_rows        bigint      NOT NULL DEFAULT 0,
    inventory_rows    bigint      NOT NULL DEFAULT 0,
    status            text        NOT NULL DEFAULT 'loading' CHECK (status IN ('loading', 'loaded', 'failed')),
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    duration_ms       bigint
);

CREATE TABLE bronze.customer_raw (
    raw_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id     bigint      NOT NULL REFERENCES metadata.ingest_batches (batch_id),
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    customer_id  text,
    first_name   text,
    last_name    text,
    email        text,
    gender       text,
    birth_date   text,
    segment      text,
    city         text,
    region       text,
    country      text,
    signup_date  text
);

CREATE TABLE bronze.product_raw (
    raw_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id      bigint      NOT NULL REFERENCES metadata.ingest_batches (batch_id),
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    product_id    text,
    product_name  text,
    category      text,
    subcategory   text,
    brand         text,
    unit_price    text,
    unit_cost     text,
    supplier_id   text,
    supplier_name text,
    launched_on   text
);

CREATE TABLE bronze.sales_raw (
    raw_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id        bigint      NOT NULL REFERENCES metadata.ingest_batches (batch_id),
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    transaction_id  text,
    sold_at         text,
    customer_id     text,
    product_id      text,
    store_id        text,
    channel         text,
    quantity        text,
    unit_price      text,
    discount        text,
    total_amount    text,
    payment_method  text
);

CREATE TABLE bronze.inventory_raw (
    raw_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id       bigint      NOT NULL REFERENCES metadata.ingest_batches (batch_id),
    loaded_at      timestamptz NOT NULL DEFAULT now(),
    movement_id    text,
    product_id     text,
    warehouse_id   text,
    movement_type  text,
    quantity       text,
    moved_at       text
);
