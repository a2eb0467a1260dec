-- The ML store: features, the model registry and the training runs that produced each version.

CREATE TABLE ml.training_runs (
    run_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_name      text        NOT NULL,
    trigger         text        NOT NULL,     -- manual, schedule, new_data, drift
    status          text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'rejected')),
    train_rows      bigint,
    validation_rows bigint,
    test_rows       bigint,
    metrics         jsonb       NOT NULL DEFAULT '{}',
    message         text,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);

CREATE TABLE ml.model_registry (
    model_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_name         text        NOT NULL,
    version            integer     NOT NULL,
    algorithm          text        NOT NULL,
    artifact           bytea,
    artifact_format    text,
    metrics            jsonb       NOT NULL DEFAULT '{}',
    hyper_parameters   jsonb       NOT NULL DEFAULT '{}',
    features           text[]      NOT NULL DEFAULT '{}',
    training_data_size bigint      NOT NULL DEFAULT 0,
    training_time_ms   bigint,
    training_run_id    bigint      REFERENCES ml.training_runs (run_id),
    is_active          boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    activated_at       timestamptz,
    UNIQUE (model_name, version)
);

-- At most one active version per model.
CREATE UNIQUE INDEX model_registry_one_active ON ml.model_registry (model_name) WHERE is_active;

CREATE TABLE ml.feature_store (
    feature_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query_id        bigint      REFERENCES metadata.query_logs (query_id) ON DELETE CASCADE,
    fingerprint     text        NOT NULL,
    feature_version integer     NOT NULL,
    features        jsonb       NOT NULL,
    label_time_ms   double precision,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (query_id, feature_version)
);
