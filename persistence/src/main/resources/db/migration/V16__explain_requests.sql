-- An explain request is logged like an execution, with status 'explained' (its error_code says when PostgreSQL
-- refused to plan it): every request has its row, and workload statistics, which read ok/error/timeout rows, leave
-- the plans out.
ALTER TABLE metadata.query_logs DROP CONSTRAINT query_logs_status_check;
ALTER TABLE metadata.query_logs ADD CONSTRAINT query_logs_status_check
    CHECK (status IN ('ok', 'error', 'timeout', 'rejected', 'cancelled', 'explained'));
