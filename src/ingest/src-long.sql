-- Long form (SPEC §1.3): one row per scored item, each field's text as written. Placeholders
-- are filled by load.ts: the source relation, its row number, each field's column (NULL when
-- the file has no such column).
SELECT
  {{row}} AS row,
  {{bad}} AS bad,
  {{member_id}} AS member_r,
  {{month}} AS month_r,
  {{item_code}} AS item_code_r,
  {{item}} AS item_r,
  {{category}} AS category_r,
  {{points}} AS points_r,
  {{status}} AS status_r,
  {{dept_id}} AS dept_r,
  {{name}} AS name_r,
  {{record_id}} AS record_id,
  {{note}} AS note,
  {{approver}} AS approver,
  {{approved_at}} AS approved_at,
  NULL::VARCHAR AS cell_field
FROM {{source}}
WHERE {{nonblank}}
