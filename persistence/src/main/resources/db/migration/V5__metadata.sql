-- What dwpilot observes and decides. The seed plan's columns are kept (sometimes under clearer names, noted).

CREATE TABLE metadata.query_logs (
    query_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query_text        text        NOT NULL,
    fingerprint       text,                       -- stable hash of the normalized text
    normalized_text   text,                       -- the text with literals replaced
    statement_kind    text,                       -- select, insert, update, delete, ddl, ...
    user_id           text        NOT NULL,
    user_role         text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('ok', 'error', 'timeout', 'rejected', 'cancelled')),
    error_code        text,                       -- SQLSTATE
    error_message     text,
    execution_time_ms double precision,           -- seed: execution_time
    queue_time_ms     double precision,
    predicted_time_ms double precision,
    rows_returned     bigint,
    truncated         boolean     NOT NULL DEFAULT false,
    tables_accessed   text[]      NOT NULL DEFAULT '{}',
    plan_choice       text,
    executed_at       timestamptz NOT NULL DEFAULT now(),   -- seed: timestamp (wall clock)
    simulated_at      timestamptz                           -- the simulator's clock, when it drove the query
);

CREATE TABLE metadata.query_execution_plans (
    plan_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query_id          bigint      REFERENCES metadata.query_logs (query_id) ON DELETE SET NULL,
    fingerprint       text        NOT NULL,
    execution_plan    jsonb       NOT NULL,       -- EXPLAIN (FORMAT JSON)
    cost_estimate     double precision,           -- planner total cost
    rows_estimate     double precision,
    actual_cost       double precision,           -- measured time (ms) when the plan was analyzed
    indexes_used      text[]      NOT NULL DEFAULT '{}',
    captured_at       timestamptz NOT NULL DEFAULT now()    -- seed: timestamp
);

CREATE TABLE metadata.index_usage_stats (
    stat_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    index_id          oid         NOT NULL,
    schema_name       text        NOT NULL,
    table_name        text        NOT NULL,
    index_name        text        NOT NULL,
    usage_count       bigint      NOT NULL,       -- idx_scan
    rows_scanned      bigint      NOT NULL,       -- idx_tup_read
    rows_fetched      bigint      NOT NULL,       -- idx_tup_fetch
    size_bytes        bigint      NOT NULL,
    scan_type         text,
    last_used         timestamptz,
    sampled_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE metadata.system_metrics (
    metric_id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sampled_at             timestamptz NOT NULL DEFAULT now(),   -- seed: timestamp
    cpu_usage              double precision,    -- host CPU, 0..1
    memory_usage           double precision,    -- host memory used, 0..1
    io_operations          double precision,    -- host disk operations per second
    disk_read_bytes_per_s  double precision,
    disk_write_bytes_per_s double precision,
    active_queries         integer,
    queue_length           integer,
    connections            integer,
    cache_hit_ratio        double precision,
    transactions_per_s     double precision,
    locks_waiting          integer,
    query_pool_size        integer,
    simulated_at           timestamptz
);

CREATE TABLE metadata.optimization_history (
    optimization_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query_id            bigint      REFERENCES metadata.query_logs (query_id) ON DELETE SET NULL,
    fingerprints        text[]      NOT NULL DEFAULT '{}',
    agent               text        NOT NULL,
    recommendation_type text        NOT NULL,   -- create_index, drop_index, pool_resize, work_mem, plan_hint, ...
    target              text,                   -- e.g. the index DDL or the setting changed
    reason              text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('recommended', 'applied', 'kept', 'reverted', 'rejected', 'failed')),
    applied             boolean     NOT NULL DEFAULT false,
    estimated_gain      double precision,
    performance_gain    double precision,       -- measured, as a fraction of the latency before
    p_value             double precision,
    details             jsonb       NOT NULL DEFAULT '{}',
    model_version       text,
    recommended_at      timestamptz NOT NULL DEFAULT now(),   -- seed: timestamp
    applied_at          timestamptz,
    verified_at         timestamptz
);

CREATE TABLE metadata.anomalies (
    anomaly_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    detected_at     timestamptz NOT NULL DEFAULT now(),
    kind            text        NOT NULL,    -- slow_query, new_shape, failure_burst, metric_spike, ...
    severity        text        NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    fingerprint     text,
    query_id        bigint      REFERENCES metadata.query_logs (query_id) ON DELETE SET NULL,
    metric          text,
    observed_value  double precision,
    expected_value  double precision,
    score           double precision,
    detector        text        NOT NULL,
    description     text        NOT NULL,
    acknowledged    boolean     NOT NULL DEFAULT false,
    acknowledged_by text,
    acknowledged_at timestamptz,
    simulated_at    timestamptz
);

CREATE TABLE metadata.forecasts (
    forecast_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    made_at         timestamptz NOT NULL DEFAULT now(),
    model           text        NOT NULL,    -- seasonal_naive, holt_winters, mlp, ...
    model_version   text,
    target          text        NOT NULL,    -- 'total' or a fingerprint
    bucket_start    timestamptz NOT NULL,
    bucket_minutes  integer     NOT NULL DEFAULT 5,
    predicted       double precision NOT NULL,
    lower_bound     double precision,
    upper_bound     double precision,
    actual          double precision,
    UNIQUE (made_at, model, target, bucket_start)
);
