-- bronze.customer_raw -> silver.customer_cleaned (latest valid version per customer wins).
-- Reads the range (etl.low, etl.high] of raw_id; etl.run_id names this run.

CREATE TEMP TABLE staged ON COMMIT DROP AS
SELECT r.*,
       etl.try_bigint(r.customer_id) AS v_customer_id,
       etl.try_date(r.birth_date)    AS v_birth_date,
       etl.try_date(r.signup_date)   AS v_signup_date,
       CASE lower(btrim(coalesce(r.gender, '')))
           WHEN 'f' THEN 'female' WHEN 'female' THEN 'female'
           WHEN 'm' THEN 'male' WHEN 'male' THEN 'male'
           WHEN 'x' THEN 'other' WHEN 'other' THEN 'other' WHEN 'non-binary' THEN 'other'
           WHEN '' THEN 'unknown'
       END AS v_gender,
       CASE
           WHEN nullif(btrim(r.customer_id), '') IS NULL THEN ARRAY['missing_required', 'customer_id is empty']
           WHEN nullif(btrim(r.first_name), '') IS NULL OR nullif(btrim(r.last_name), '') IS NULL THEN ARRAY['missing_required', 'name is empty']
           WHEN nullif(btrim(r.email), '') IS NULL THEN ARRAY['missing_required', 'email is empty']
           WHEN nullif(btrim(r.signup_date), '') IS NULL THEN ARRAY['missing_required', 'signup_date is empty']
           WHEN etl.try_bigint(r.customer_id) IS NULL THEN ARRAY['malformed_number', format('customer_id %L is not an integer', r.customer_id)]
           WHEN etl.try_date(r.signup_date) IS NULL THEN ARRAY['malformed_date', format('signup_date %L is not an ISO date', r.signup_date)]
           WHEN nullif(btrim(r.birth_date), '') IS NOT NULL AND etl.try_date(r.birth_date) IS NULL THEN ARRAY['malformed_date', format('birth_date %L is not an ISO date', r.birth_date)]
           WHEN btrim(r.email) !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' THEN ARRAY['invalid_email', format('email %L is not an address', r.email)]
           WHEN lower(btrim(coalesce(r.gender, ''))) NOT IN ('f', 'female', 'm', 'male', 'x', 'other', 'non-binary', '') THEN ARRAY['invalid_code', format('gender %L is not a known code', r.gender)]
           WHEN etl.try_date(r.birth_date) < DATE '1900-01-01' OR etl.try_date(r.birth_date) > etl.try_date(r.signup_date) - 16 * 365
               THEN ARRAY['out_of_range', format('birth_date %s is before 1900 or less than 16 years before signup', r.birth_date)]
       END AS rejection
FROM bronze.customer_raw r
WHERE r.raw_id > current_setting('etl.low')::bigint AND r.raw_id <= current_setting('etl.high')::bigint;

CREATE TEMP TABLE candidates ON COMMIT DROP AS
SELECT s.raw_id, s.v_customer_id AS customer_id,
       initcap(btrim(s.first_name)) AS first_name,
       initcap(btrim(s.last_name)) AS last_name,
       lower(btrim(s.email)) AS email,
       s.v_gender AS gender,
       s.v_birth_date AS birth_date,
       lower(coalesce(nullif(btrim(s.segment), ''), 'unknown')) AS segment,
       coalesce(nullif(btrim(s.city), ''), 'unknown') AS city,
       coalesce(nullif(btrim(s.region), ''), 'unknown') AS region,
       upper(coalesce(nullif(btrim(s.country), ''), 'unknown')) AS country,
       s.v_signup_date AS signup_date
FROM staged s
WHERE s.rejection IS NULL;

-- A valid row identical to the version before it (in this batch or already in silver) is a duplicate.
CREATE TEMP TABLE duplicates ON COMMIT DROP AS
SELECT c.raw_id
FROM (SELECT c.raw_id, c.customer_id,
             md5(ROW(c.first_name, c.last_name, c.email, c.gender, c.birth_date, c.segment, c.city, c.region,
                     c.country, c.signup_date)::text) AS content,
             lag(md5(ROW(c.first_name, c.last_name, c.email, c.gender, c.birth_date, c.segment, c.city, c.region,
                         c.country, c.signup_date)::text))
                 OVER (PARTITION BY c.customer_id ORDER BY c.raw_id) AS previous
      FROM candidates c) c
LEFT JOIN silver.customer_cleaned p ON p.customer_id = c.customer_id
WHERE c.content = coalesce(c.previous,
          md5(ROW(p.first_name, p.last_name, p.email, p.gender, p.birth_date, p.segment, p.city, p.region,
                  p.country, p.signup_date)::text));

-- @rows_in
SELECT count(*) FROM staged;

-- @rows_rejected
INSERT INTO silver.quarantine (source_table, raw_id, reason, detail, payload, etl_batch_id)
SELECT 'bronze.customer_raw', s.raw_id,
       coalesce(s.rejection[1], 'duplicate'),
       coalesce(s.rejection[2], format('customer %s repeats its previous version', s.customer_id)),
       jsonb_build_object('customer_id', s.customer_id, 'first_name', s.first_name, 'last_name', s.last_name,
           'email', s.email, 'gender', s.gender, 'birth_date', s.birth_date, 'segment', s.segment, 'city', s.city,
           'region', s.region, 'country', s.country, 'signup_date', s.signup_date, 'batch_id', s.batch_id),
       current_setting('etl.run_id')::bigint
FROM staged s
WHERE s.rejection IS NOT NULL OR s.raw_id IN (SELECT raw_id FROM duplicates)
ON CONFLICT DO NOTHING;

-- @rows_out
SELECT count(*) FROM candidates WHERE raw_id NOT IN (SELECT raw_id FROM duplicates);

INSERT INTO silver.customer_cleaned AS t (customer_id, first_name, last_name, email, gender, birth_date, segment,
                                          city, region, country, signup_date, source_raw_id, etl_batch_id,
                                          updated_at)
SELECT DISTINCT ON (c.customer_id)
       c.customer_id, c.first_name, c.last_name, c.email, c.gender, c.birth_date, c.segment, c.city, c.region,
       c.country, c.signup_date, c.raw_id, current_setting('etl.run_id')::bigint, now()
FROM candidates c
WHERE c.raw_id NOT IN (SELECT raw_id FROM duplicates)
ORDER BY c.customer_id, c.raw_id DESC
ON CONFLICT (customer_id) DO UPDATE
SET first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
    gender = excluded.gender, birth_date = excluded.birth_date, segment = excluded.segment, city = excluded.city,
    region = excluded.region, country = excluded.country, signup_date = excluded.signup_date,
    source_raw_id = excluded.source_raw_id, etl_batch_id = excluded.etl_batch_id, updated_at = excluded.updated_at;
