-- What the indexer needs from the optimization history.

-- The indexer records every candidate it weighed ('analyzed') and, after a verified revert or an unused index, the
-- index it dropped ('dropped'), besides the statuses every agent shares.
ALTER TABLE metadata.optimization_history DROP CONSTRAINT optimization_history_status_check;
ALTER TABLE metadata.optimization_history ADD CONSTRAINT optimization_history_status_check
    CHECK (status IN ('analyzed', 'recommended', 'applied', 'kept', 'reverted', 'rejected', 'failed', 'dropped'));

-- The index an optimization built, as columns rather than inside details: the indexer finds its own indexes again
-- after a restart (to drop unused ones or clean up after a failed build) and reports their sizes.
ALTER TABLE metadata.optimization_history
    ADD COLUMN index_schema text,
    ADD COLUMN index_name   text,
    ADD COLUMN table_name   text,       -- the indexed table
    ADD COLUMN size_bytes   bigint,     -- pg_relation_size of the index when it was built
    ADD COLUMN dropped_at   timestamptz;

-- Each agent reads back its own history, newest first.
CREATE INDEX optimization_history_agent_recommended_at ON metadata.optimization_history (agent, recommended_at DESC);
