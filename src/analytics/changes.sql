-- SPEC §2.9 and the `standings` output (SPEC §3): every scored member × period with points,
-- ranks and the change from the previous calendar period (none when the member was not scored
-- then; rank_dept_change also none when the department changed). Positive rank change = up.
CREATE OR REPLACE TABLE standings AS
SELECT
  p.period_type,
  p.period,
  k.member_id,
  k.name,
  d.dept_id,
  r.points,
  r.vetoed,
  r.exempt,
  r.rank_dept,
  r.rank_company,
  prev.points AS prev_points,
  (r.points - prev.points)::DECIMAL(18, 2) AS points_change,
  CASE WHEN prev.dk = r.dk THEN prev.rank_dept - r.rank_dept END::INTEGER AS rank_dept_change,
  (prev.rank_company - r.rank_company)::INTEGER AS rank_company_change,
  d.name AS dept_name,
  e.mk IS NOT NULL AS is_exemplar
FROM period_ranks r
JOIN periods p ON p.pid = r.pid
LEFT JOIN period_ranks prev ON prev.pid = p.prev_pid AND prev.mk = r.mk
JOIN member_keys k ON k.mk = r.mk
JOIN dept_keys d ON d.dk = r.dk
LEFT JOIN period_exemplars e ON e.pid = r.pid AND e.mk = r.mk
ORDER BY r.pid, r.rank_company NULLS LAST, r.mk; -- = period_type, period, rank_company, member_id
