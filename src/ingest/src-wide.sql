-- Wide form (SPEC §1.3): member_id, month and one column per category; each non-empty cell is
-- one row with no item. In the veto category's column a "no" mark (0, 否, N, no, false, 无)
-- is no row at all: any other mark is a veto. A malformed line stays one (rejected) row.
SELECT
  row,
  bad,
  member_r,
  month_r,
  NULL::VARCHAR AS item_code_r,
  NULL::VARCHAR AS item_r,
  category_id AS category_r,
  cell AS points_r,
  status_r,
  dept_r,
  name_r,
  NULL::VARCHAR AS record_id,
  note,
  approver,
  approved_at,
  'cat:' || category_id AS cell_field
FROM (
  SELECT
    {{row}} AS row,
    {{bad}} AS bad,
    {{member_id}} AS member_r,
    {{month}} AS month_r,
    {{status}} AS status_r,
    {{dept_id}} AS dept_r,
    {{name}} AS name_r,
    {{note}} AS note,
    {{approver}} AS approver,
    {{approved_at}} AS approved_at,
    unnest(
      CASE WHEN {{bad}} IS NULL THEN {{cells}} ELSE [{'category_id': NULL::VARCHAR, 'cell': 'x'}] END,
      recursive := true
    )
  FROM {{source}}
  WHERE {{nonblank}}
)
WHERE bad IS NOT NULL
  OR (
    ingest_clean(cell) IS NOT NULL
    AND NOT (
      category_id IS NOT DISTINCT FROM {{veto_id}}
      AND lower(ingest_clean(ingest_ascii_number(cell))) IN ('0', '否', 'n', 'no', 'false', '无')
    )
  )
