-- The medallion layers, the observability metadata, the ML store, the agents' journal and the ETL helpers.
CREATE SCHEMA IF NOT EXISTS bronze;
CREATE SCHEMA IF NOT EXISTS silver;
CREATE SCHEMA IF NOT EXISTS gold;
-- metadata is created by Flyway itself: it keeps its history table there.
CREATE SCHEMA IF NOT EXISTS ml;
CREATE SCHEMA IF NOT EXISTS journal;
CREATE SCHEMA IF NOT EXISTS etl;

COMMENT ON SCHEMA bronze IS 'Raw data exactly as loaded: every value is text, dirt included';
COMMENT ON SCHEMA silver IS 'Validated, typed, de-duplicated data; rejected rows are kept in silver.quarantine';
COMMENT ON SCHEMA gold IS 'Business aggregates computed from silver';
COMMENT ON SCHEMA metadata IS 'What dwpilot observes and decides: query logs, plans, metrics, ETL runs';
COMMENT ON SCHEMA ml IS 'Feature store, model registry and training runs';
COMMENT ON SCHEMA journal IS 'Pekko persistence journal and snapshots of the agents';
COMMENT ON SCHEMA etl IS 'Helper functions of the bronze to silver to gold pipeline';

-- Lenient casts: bronze text that does not parse becomes NULL so that validation can name the reason. They check
-- the text instead of catching cast errors: an EXCEPTION block would open a subtransaction per row, which is slow
-- and not allowed in parallel workers. Being single SQL expressions, they are inlined into the ETL's queries, and
-- CASE keeps each cast behind the check that makes it safe.
CREATE FUNCTION etl.try_numeric(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN btrim(v) ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$' THEN btrim(v)::numeric END
$$;

CREATE FUNCTION etl.try_bigint(v text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN btrim(v) ~ '^[+-]?[0-9]{1,18}$' THEN btrim(v)::bigint END
$$;

-- An ISO calendar date (YYYY-MM-DD) that exists: the pattern knows month lengths, the leap rule does the rest.
CREATE FUNCTION etl.try_date(v text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN btrim(v) !~ '^[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31|02-29)$'
               THEN NULL
           WHEN substr(btrim(v), 1, 4) = '0000' THEN NULL
           WHEN substr(btrim(v), 6, 5) = '02-29' AND NOT (substr(btrim(v), 1, 4)::int % 4 = 0
                AND (substr(btrim(v), 1, 4)::int % 100 <> 0 OR substr(btrim(v), 1, 4)::int % 400 = 0)) THEN NULL
           ELSE btrim(v)::date
       END
$$;

-- An ISO timestamp (date, optional time, optional zone) that exists. A timestamp without zone is read in the
-- session's TimeZone, which the ETL sets to UTC: STABLE, not IMMUTABLE, for that reason.
CREATE FUNCTION etl.try_timestamptz(v text) RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN btrim(v) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?)?(?:Z|[+-](?:0[0-9]|1[0-5])(?::?[0-5][0-9])?)?$'
               THEN NULL
           WHEN etl.try_date(substr(btrim(v), 1, 10)) IS NULL THEN NULL
           ELSE btrim(v)::timestamptz
       END
$$;
