-- Items per member and month (explore_items in functions.sql), sliced by the department the
-- rows name, by member, month, category display order and item.
SELECT
  i.period, i.member_id, i.dept_id, i.category_id, i.item_code, i.item_name,
  i.points::DOUBLE AS points, i.counted::DOUBLE AS counted, i.records,
  i.dept_id AS _slice
FROM explore_items i
LEFT JOIN scheme_categories k ON k.category_id = i.category_id
ORDER BY i.member_id, i.period, k.sort, i.item_code NULLS FIRST;
