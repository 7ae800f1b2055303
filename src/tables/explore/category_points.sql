-- Month category points (non-veto categories, 0 when none), sliced like the member's standings
-- row, by member, month and category display order.
SELECT
  c.period, c.member_id, c.category_id, c.points::DOUBLE AS points,
  s.dept_id AS _slice
FROM category_points c
JOIN explore_standings s ON s.period = c.period AND s.member_id = c.member_id
LEFT JOIN scheme_categories k ON k.category_id = c.category_id
WHERE c.period_type = 'month'
ORDER BY c.member_id, c.period, k.sort, c.category_id;
