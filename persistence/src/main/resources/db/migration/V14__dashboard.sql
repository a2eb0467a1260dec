-- What the dashboard reads by wall-clock time.

-- The overview, the time series and the health score count executions by wall-clock time (executed_at); the agents'
-- reads by workload time have their own index (V11).
CREATE INDEX query_logs_executed_at ON metadata.query_logs (executed_at);

-- detected_at is workload time (the simulator's clock while it drives the workload, possibly far from now); the health
-- score and the alerts ask which anomalies arrived in the last day of wall-clock time, and acknowledged_at is wall
-- time too. Rows from before this migration take their detection time where it was the wall clock.
ALTER TABLE metadata.anomalies ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
UPDATE metadata.anomalies SET recorded_at = detected_at WHERE simulated_at IS NULL;
CREATE INDEX anomalies_recorded_at ON metadata.anomalies (recorded_at);
