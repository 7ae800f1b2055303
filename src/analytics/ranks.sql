-- SPEC §2.8: competition ranks ("1224") of the ranked members of each period, within their
-- department (rank_dept) and company-wide (rank_company): points descending, then the
-- tie-break categories' points descending, compared in scheme_tie_break.pos order. The
-- tie-break categories are a variable list, so the key is a LIST of DECIMALs, which DuckDB
-- compares element by element (empty when there is no tie-break: all equal).
-- `place` numbers the distinct keys of a period (dense), so the department ranks and the
-- ties are found on an integer; `tied` = ranked members sharing this rank_company,
-- `ranked_members` = N. Unranked members are kept, with no ranks.
CREATE OR REPLACE TABLE period_ranks AS
WITH tie_break AS (
  SELECT t.pos, c.ck FROM scheme_tie_break t JOIN category_keys c ON c.category_id = t.category_id
),
tie_keys AS (
  -- list_sort on (pos, points) structs orders by pos; much faster than list(… ORDER BY pos)
  SELECT x.pid, x.mk, list_transform(list_sort(list({'pos': t.pos, 'points': x.points})), e -> e.points) AS tie_key
  FROM period_category_points x
  JOIN tie_break t ON t.ck = x.ck
  GROUP BY x.pid, x.mk
),
keyed AS (
  SELECT m.*, coalesce(k.tie_key, []::DECIMAL(18, 2)[]) AS tie_key
  FROM period_members m
  LEFT JOIN tie_keys k ON k.pid = m.pid AND k.mk = m.mk
),
placed AS (
  SELECT
    * EXCLUDE (tie_key),
    rank() OVER company AS company_rank,
    dense_rank() OVER company AS place
  FROM keyed
  WINDOW company AS (PARTITION BY pid, ranked ORDER BY points DESC, tie_key DESC)
)
SELECT
  * EXCLUDE (company_rank, place),
  CASE WHEN ranked THEN rank() OVER (PARTITION BY pid, ranked, dk ORDER BY place) END::INTEGER AS rank_dept,
  CASE WHEN ranked THEN company_rank END::INTEGER AS rank_company,
  CASE WHEN ranked THEN count(*) OVER (PARTITION BY pid, ranked, place) END::INTEGER AS tied,
  (sum(ranked::INTEGER) OVER (PARTITION BY pid))::INTEGER AS ranked_members
FROM placed;
