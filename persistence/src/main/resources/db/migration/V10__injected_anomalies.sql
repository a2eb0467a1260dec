-- The ground truth of the workload simulator's injected anomalies: one row per episode, with the simulated window it
-- covered, the wall-clock window it really ran in, and the gateway query ids of the injected statements that got one
-- (failing statements get no id from the API, so a failure burst may list fewer ids than it sent queries).
CREATE TABLE metadata.injected_anomalies (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          text        NOT NULL,
    kind            text        NOT NULL
                    CHECK (kind IN ('slow_query_storm', 'new_query_shape', 'resource_spike', 'failure_burst')),
    started_at      timestamptz NOT NULL,      -- simulated
    ended_at        timestamptz NOT NULL,      -- simulated
    wall_started_at timestamptz,
    wall_ended_at   timestamptz,
    queries         integer     NOT NULL DEFAULT 0 CHECK (queries >= 0),
    description     text,
    query_ids       bigint[]    NOT NULL DEFAULT '{}'
);
