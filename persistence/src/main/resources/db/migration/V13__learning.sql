-- The learning loop: the gateway logs how busy the warehouse was and the features it predicted from; trainers read
-- executions back by workload time and keep model versions in ml.model_registry.

-- Statements running at once when this one started, as the gateway counted them.
ALTER TABLE metadata.query_logs ADD COLUMN concurrent_queries integer CHECK (concurrent_queries >= 0);

-- A feature row mirrors its log row, which may have no fingerprint (a statement the parser could not read).
ALTER TABLE ml.feature_store ALTER COLUMN fingerprint DROP NOT NULL;

-- Reads by workload time use query_logs_workload_time (V11); the join of an execution to its features uses the
-- unique (query_id, feature_version) index (V6). No further index: every logged query writes here.
