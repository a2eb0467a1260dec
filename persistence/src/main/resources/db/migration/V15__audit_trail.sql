-- The query log is the audit trail: no row may be lost to one bad value. A value PostgreSQL cannot hold (a NUL
-- character, an instant beyond timestamptz's range, a time that is not a number) is made storable before the row is
-- written, and the row lists what was changed, one note per field (NULL: nothing was).
ALTER TABLE metadata.query_logs ADD COLUMN sanitized text[];

-- A row PostgreSQL still refuses (a constraint, a character the database's encoding cannot hold) lands here with
-- PostgreSQL's reason instead of being dropped, so that an operator can see it and why.
CREATE TABLE metadata.query_log_quarantine (
    quarantine_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quarantined_at  timestamptz NOT NULL DEFAULT now(),
    query_id        bigint,                 -- the id the row was to have; no foreign key: it is not in query_logs
    reason          text        NOT NULL,   -- PostgreSQL's message
    sqlstate        text,
    entry           jsonb       NOT NULL    -- every field of the entry (query_logs' column names), its features and
                                            -- its sanitized notes; non-ASCII characters escaped as \uXXXX text when
                                            -- even that could not be stored (noted under "escaped")
);
