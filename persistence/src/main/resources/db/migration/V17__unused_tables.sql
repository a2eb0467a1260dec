-- Nothing ever wrote or read metadata.index_usage_stats: the indexer reads pg_stat_user_indexes when it measures an
-- index, and keeps its verdicts in metadata.optimization_history.
DROP TABLE metadata.index_usage_stats;

COMMENT ON COLUMN metadata.query_logs.plan_choice IS
    'The plan the plan steerer chose for the statement; empty until the steerer fills it.';
