-- Weak areas (SPEC §2.11), sliced by their department, by quarter, department and category.
SELECT
  w.period, w.dept_id, w.category_id, w.members::INTEGER AS members, w.dept_avg::DOUBLE AS dept_avg,
  w.company_avg::DOUBLE AS company_avg, w.diff::DOUBLE AS diff, w.std_gap::DOUBLE AS std_gap, w.weakest,
  w.prev_dept_avg::DOUBLE AS prev_dept_avg, w.change::DOUBLE AS change,
  w.dept_id AS _slice
FROM weak_areas w
LEFT JOIN scheme_categories k ON k.category_id = w.category_id
ORDER BY w.period, w.dept_id, k.sort, w.category_id;
