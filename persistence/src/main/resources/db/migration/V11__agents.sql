-- The agents' side of the metadata schema.

-- Anomalies and optimizations name the query they are about, possibly before its batched log row lands: keep the id
-- without a foreign key (as plans do since V9).
ALTER TABLE metadata.anomalies DROP CONSTRAINT anomalies_query_id_fkey;
ALTER TABLE metadata.optimization_history DROP CONSTRAINT optimization_history_query_id_fkey;

-- Agents and reports count arrivals per bucket of workload time: the simulator's clock when it drove the query,
-- the wall clock otherwise.
CREATE INDEX query_logs_workload_time ON metadata.query_logs ((coalesce(simulated_at, executed_at)));
CREATE INDEX query_logs_fingerprint ON metadata.query_logs (fingerprint);
CREATE INDEX system_metrics_sampled_at ON metadata.system_metrics (sampled_at);
CREATE INDEX anomalies_detected_at ON metadata.anomalies (detected_at);
CREATE INDEX forecasts_target_made_at ON metadata.forecasts (target, made_at);

-- The decisions of every agent, as a read model of the journal (tag 'decision'), for the filtered, paged API.
-- Filled by the decision log from the read journal; 'ordering' is the journal's global ordering, so a restart
-- resumes after the last row and never writes one twice.
CREATE TABLE metadata.agent_decisions (
    ordering        bigint      PRIMARY KEY,
    persistence_id  text        NOT NULL,
    sequence_nr     bigint      NOT NULL,
    agent           text        NOT NULL,
    kind            text        NOT NULL,       -- e.g. limits_changed, anomaly_detected, forecast_published
    channel         text        NOT NULL,       -- the live feed's message type: decision, anomaly, forecast, model
    decided_at      timestamptz NOT NULL,       -- the agent's clock (workload time)
    persisted_at    timestamptz NOT NULL,       -- when the journal wrote it
    summary         text        NOT NULL,
    event           jsonb       NOT NULL,
    UNIQUE (persistence_id, sequence_nr)
);
CREATE INDEX agent_decisions_agent ON metadata.agent_decisions (agent, ordering);
CREATE INDEX agent_decisions_kind ON metadata.agent_decisions (kind, ordering);
CREATE INDEX agent_decisions_decided_at ON metadata.agent_decisions (decided_at);
