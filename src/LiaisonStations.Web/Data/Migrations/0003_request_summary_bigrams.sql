-- Chinese search terms are often two characters (供暖, 电梯, 漏水); pg_trgm cannot use its index for a
-- pattern shorter than three characters, so the request list searches two-character terms through an
-- index of the summary's character pairs instead. The LIKE that follows keeps the results exact.
CREATE OR REPLACE FUNCTION liaison_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
    SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}')
      FROM generate_series(1, char_length(t) - 1) AS i
$$;

CREATE INDEX ix_citizen_requests_summary_bigrams ON citizen_requests USING gin (liaison_bigrams(summary));

-- The predicate the application calls; a one-expression SQL function, so the planner inlines it and uses
-- the index above.
CREATE OR REPLACE FUNCTION liaison_summary_has_pair(summary text, pair text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT liaison_bigrams(summary) @> ARRAY[lower(pair)]
$$;
