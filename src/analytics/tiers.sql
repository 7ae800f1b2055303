-- SPEC §2.12 and the `tiers` output: each scored member's tier (档次) for each year. A ranked
-- member takes the first tier (scheme_tiers.pos order) whose conditions all hold:
--   min_points:  year points ≥ min_points;
--   top_percent: a quota never exceeded — rank_company + (members sharing that rank) − 1
--                ≤ floor(p % × N), N = ranked members of the year, so a tie that straddles
--                the line is left out whole; `quota_left_out` names the tier it was left out of.
-- Vetoed members take veto_tier; exempt (not vetoed) members take none; with no tiers in the
-- scheme every tier is none.
CREATE OR REPLACE TABLE tiers AS
WITH years AS (
  SELECT * FROM period_ranks WHERE period_kind(pid) = 2
),
checks AS (
  SELECT
    y.pid,
    y.mk,
    t.pos,
    t.name,
    t.min_points IS NULL OR y.points >= t.min_points AS meets_points,
    t.top_percent IS NULL
      OR y.rank_company + y.tied - 1 <= percent_floor(t.top_percent, y.ranked_members) AS within_quota,
    t.top_percent IS NOT NULL
      AND y.rank_company <= percent_floor(t.top_percent, y.ranked_members)
      AND y.rank_company + y.tied - 1 > percent_floor(t.top_percent, y.ranked_members) AS straddles
  FROM years y
  CROSS JOIN scheme_tiers t
  WHERE y.ranked
),
chosen AS (
  SELECT pid, mk, min(pos) FILTER (meets_points AND within_quota) AS tier_pos
  FROM checks
  GROUP BY pid, mk
),
placed AS (
  SELECT
    k.pid,
    k.mk,
    arg_min(k.name, k.pos) FILTER (k.pos = c.tier_pos) AS tier,
    arg_min(k.name, k.pos) FILTER (k.straddles AND k.meets_points AND k.pos < coalesce(c.tier_pos, 2147483647)) AS quota_left_out
  FROM checks k
  JOIN chosen c ON c.pid = k.pid AND c.mk = k.mk
  GROUP BY k.pid, k.mk
)
SELECT
  p.period,
  m.member_id,
  d.dept_id,
  y.points,
  y.rank_company,
  CASE
    WHEN NOT EXISTS (SELECT 1 FROM scheme_tiers) THEN NULL
    WHEN y.vetoed THEN (SELECT veto_tier FROM scheme_settings)
    WHEN y.exempt THEN NULL
    ELSE x.tier
  END AS tier,
  m.name,
  d.name AS dept_name,
  y.vetoed,
  y.exempt,
  x.quota_left_out
FROM years y
JOIN periods p ON p.pid = y.pid
JOIN member_keys m ON m.mk = y.mk
JOIN dept_keys d ON d.dk = y.dk
LEFT JOIN placed x ON x.pid = y.pid AND x.mk = y.mk
ORDER BY y.pid, y.rank_company NULLS LAST, y.mk; -- = period, rank_company, member_id
