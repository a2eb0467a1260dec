-- Gold: business aggregates over silver, refreshed incrementally for the keys an ETL run touched.

CREATE TABLE gold.sales_summary (
    sale_date          date          NOT NULL,
    category           text          NOT NULL,
    region             text          NOT NULL,
    channel            text          NOT NULL,
    transactions       bigint        NOT NULL,
    units              bigint        NOT NULL,
    gross_revenue      numeric(16,2) NOT NULL,
    discount_total     numeric(16,2) NOT NULL,
    net_revenue        numeric(16,2) NOT NULL,
    distinct_customers integer       NOT NULL,
    avg_ticket         numeric(12,2) NOT NULL,
    refreshed_at       timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (sale_date, category, region, channel)
);

CREATE TABLE gold.customer_360 (
    customer_id        bigint        PRIMARY KEY REFERENCES silver.customer_cleaned (customer_id),
    full_name          text          NOT NULL,
    email              text          NOT NULL,
    segment            text          NOT NULL,
    city               text          NOT NULL,
    region             text          NOT NULL,
    age_years          integer,
    signup_date        date          NOT NULL,
    orders             bigint        NOT NULL,
    units              bigint        NOT NULL,
    lifetime_value     numeric(16,2) NOT NULL,
    avg_order_value    numeric(12,2),
    distinct_products  integer       NOT NULL,
    favourite_category text,
    preferred_channel  text,
    first_purchase_at  timestamptz,
    last_purchase_at   timestamptz,
    refreshed_at       timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE gold.product_performance (
    product_id         bigint        PRIMARY KEY REFERENCES silver.product_cleaned (product_id),
    product_name       text          NOT NULL,
    category           text          NOT NULL,
    brand              text          NOT NULL,
    supplier_name      text          NOT NULL,
    list_price         numeric(12,2) NOT NULL,
    orders             bigint        NOT NULL,
    units_sold         bigint        NOT NULL,
    revenue            numeric(16,2) NOT NULL,
    cost               numeric(16,2) NOT NULL,
    gross_margin       numeric(16,2) NOT NULL,
    avg_discount       numeric(12,2),
    distinct_customers integer       NOT NULL,
    first_sale_at      timestamptz,
    last_sale_at       timestamptz,
    refreshed_at       timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE gold.inventory_insights (
    product_id         bigint        NOT NULL REFERENCES silver.product_cleaned (product_id),
    warehouse_id       text          NOT NULL,
    received           bigint        NOT NULL,
    shipped            bigint        NOT NULL,
    returned           bigint        NOT NULL,
    adjusted           bigint        NOT NULL,
    stock_on_hand      bigint        NOT NULL,
    movements          bigint        NOT NULL,
    avg_daily_shipped  numeric(12,2) NOT NULL,
    days_of_cover      numeric(12,1),
    first_movement_at  timestamptz   NOT NULL,
    last_movement_at   timestamptz   NOT NULL,
    refreshed_at       timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, warehouse_id)
);
