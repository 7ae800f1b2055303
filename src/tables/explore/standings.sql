-- Month standings, sliced by the member's department in that month (`_slice`), in the order
-- the files keep: by member and month (a member's rows are contiguous).
SELECT
  s.period, s.member_id, s.name, s.dept_id, s.points::DOUBLE AS points, s.vetoed, s.exempt,
  s.rank_dept, s.rank_company, s.prev_points::DOUBLE AS prev_points, s.points_change::DOUBLE AS points_change,
  s.rank_dept_change, s.rank_company_change,
  s.dept_id AS _slice
FROM explore_standings s
ORDER BY s.member_id, s.period;
