-- The second look (SPEC §1.4), once all files are in: the rows rows.sql did not settle, with
-- their texts cleaned (spaces, full-width characters, case) and looked up again, each given
-- its state and the first problem found, in this order: malformed row, pending status,
-- member, department, month, item and category, points. They join ingest_rows beside their
-- first-look versions, which keep their `raw` and which every later reader skips (`raw IS
-- NULL`): deleting them would cost DuckDB 32 KB of version information per 2,048 rows touched,
-- in memory it cannot spill (110 MB for 13.5 million rows, past the 256 MB ingest works within).
-- The record-id and two-department rules run afterwards.
CREATE OR REPLACE TEMP TABLE ingest_unsettled AS
SELECT
  r.file_idx,
  r.row,
  r.record_id,
  r.note,
  r.approver,
  r.approved_at,
  f.has_status,
  f.wide,
  list_transform(string_split(r.raw, chr(30)), x -> nullif(x, chr(29))) AS t
FROM ingest_rows r
JOIN ingest_files f USING (file_idx)
WHERE r.raw IS NOT NULL;

INSERT INTO ingest_rows BY NAME
WITH src AS (
  SELECT
    file_idx, row, record_id, note, approver, approved_at, has_status, wide,
    t[1] AS bad, t[2] AS member_r, t[3] AS month_r, t[4] AS item_code_r, t[5] AS item_r, t[6] AS category_r,
    t[7] AS points_r, t[8] AS status_r, t[9] AS dept_r, t[10] AS name_r, t[11] AS cell_field
  FROM ingest_unsettled
),
cleaned AS (
  SELECT
    *,
    ingest_clean(member_r) AS member_c,
    ingest_clean(dept_r) AS dept_c,
    ingest_clean(item_code_r) AS item_code_c,
    ingest_clean(item_r) AS item_c,
    ingest_clean(category_r) AS category_c,
    lower(ingest_clean(status_r)) AS status_c,
    coalesce(ingest_month_fast(month_r), ingest_month_from_parts(ingest_month_parts(month_r))) AS month,
    ingest_clean(ingest_ascii_number(points_r)) AS points_c
  FROM src
),
looked AS (
  SELECT
    c.*,
    m.member_id,
    m.name AS roster_name,
    d.dept_id AS dept_found,
    ic.item_code AS by_code,
    ic.category_id AS by_code_category,
    iname.item_code AS by_name,
    iname.category_id AS by_name_category,
    ck.category_id AS category_found,
    (NOT c.has_status OR st.key IS NOT NULL) AS approved,
    CASE
      WHEN c.points_c IS NULL THEN 'empty'
      WHEN ingest_points_ok(c.points_c) THEN CASE WHEN TRY_CAST(c.points_c AS DECIMAL(18, 2)) IS NULL THEN 'range' END
      WHEN ingest_number_like(c.points_c) THEN 'decimals'
      ELSE 'bad'
    END AS points_problem
  FROM cleaned c
  LEFT JOIN members m ON m.member_id = c.member_c
  LEFT JOIN ingest_dept_keys d ON d.key = c.dept_c
  LEFT JOIN ingest_item_codes ic ON ic.key = lower(c.item_code_c)
  LEFT JOIN ingest_item_names iname ON iname.key = c.item_c
  LEFT JOIN ingest_statuses st ON st.key = c.status_c
  LEFT JOIN ingest_category_keys ck ON ck.key = lower(c.category_c)
),
items AS (
  SELECT
    *,
    -- A catalogued item: by code, or by name when no code is given.
    CASE WHEN by_code IS NOT NULL THEN by_code WHEN item_code_c IS NULL THEN by_name END AS cat_code,
    CASE WHEN by_code IS NOT NULL THEN by_code_category WHEN item_code_c IS NULL THEN by_name_category END AS cat_category,
    -- A code not in the catalogue beside a name that is: which one is meant is unclear.
    (item_code_c IS NOT NULL AND by_code IS NULL AND by_name IS NOT NULL) AS code_name_conflict,
    (NOT wide AND item_code_c IS NULL AND item_c IS NULL) AS item_missing
  FROM looked
),
classified AS (
  SELECT
    *,
    (NOT wide AND cat_code IS NULL AND NOT code_name_conflict AND NOT item_missing) AS is_custom,
    coalesce(cat_category, category_found) AS category_id,
    CASE
      WHEN bad IS NOT NULL THEN 'bad_row'
      WHEN NOT approved THEN 'pending'
      WHEN member_id IS NULL THEN 'unknown_member'
      WHEN dept_c IS NOT NULL AND dept_found IS NULL THEN 'unknown_department'
      WHEN month IS NULL THEN 'bad_month'
      WHEN item_missing OR code_name_conflict THEN 'unknown_item'
      WHEN cat_code IS NOT NULL AND category_c IS NOT NULL AND category_found IS NULL THEN 'unknown_category'
      WHEN cat_code IS NOT NULL AND category_c IS NOT NULL AND category_found <> cat_category THEN 'category_mismatch'
      WHEN cat_code IS NULL AND NOT wide AND NOT {{allow_custom}} THEN 'unknown_item'
      WHEN cat_code IS NULL AND category_c IS NULL THEN 'unknown_item'
      WHEN cat_code IS NULL AND category_found IS NULL THEN 'unknown_category'
      -- Veto rows carry no points: whatever the cell holds is ignored.
      WHEN coalesce(cat_category, category_found) = {{veto_id}} THEN NULL
      WHEN points_problem = 'decimals' THEN 'too_many_decimals'
      WHEN points_problem IS NOT NULL THEN 'bad_points'
    END AS code
  FROM items
)
SELECT
  file_idx,
  row,
  CASE WHEN code IS NOT NULL THEN concat(
    code, chr(31),
    CASE code
      WHEN 'unknown_item' THEN CASE
        WHEN item_missing THEN 'empty'
        WHEN code_name_conflict THEN 'conflict:' || by_name
        WHEN NOT {{allow_custom}} THEN 'custom_off'
        ELSE 'no_category'
      END
      WHEN 'category_mismatch' THEN cat_category
      WHEN 'bad_points' THEN points_problem
      WHEN 'unknown_member' THEN CASE WHEN member_c IS NULL THEN 'empty' END
      WHEN 'bad_month' THEN CASE WHEN ingest_clean(month_r) IS NULL THEN 'empty' END
    END, chr(31),
    CASE code
      WHEN 'bad_row' THEN NULL
      WHEN 'pending' THEN 'status'
      WHEN 'unknown_member' THEN 'member_id'
      WHEN 'unknown_department' THEN 'dept_id'
      WHEN 'bad_month' THEN 'month'
      WHEN 'unknown_item' THEN CASE WHEN item_code_c IS NOT NULL THEN 'item_code' ELSE 'item' END
      WHEN 'unknown_category' THEN 'category'
      WHEN 'category_mismatch' THEN 'category'
      ELSE coalesce(cell_field, 'points')
    END, chr(31),
    CASE code
      WHEN 'bad_row' THEN bad
      WHEN 'pending' THEN ingest_clean(status_r)
      WHEN 'unknown_member' THEN member_c
      WHEN 'unknown_department' THEN dept_c
      WHEN 'bad_month' THEN ingest_clean(month_r)
      WHEN 'unknown_item' THEN coalesce(item_code_c, item_c)
      WHEN 'unknown_category' THEN category_c
      WHEN 'category_mismatch' THEN category_c
      ELSE points_c
    END, chr(31),
    CASE WHEN member_id IS NULL THEN member_c END
  ) END AS problem,
  TRY_CAST(member_id AS ingest_member) AS member,
  TRY_CAST(dept_found AS ingest_dept) AS dept,
  month,
  TRY_CAST(cat_code AS ingest_item) AS item,
  CASE WHEN is_custom THEN coalesce(item_c, item_code_c) END AS custom_item,
  CASE WHEN cat_code IS NULL THEN TRY_CAST(category_found AS ingest_category) END AS category,
  CASE WHEN points_problem IS NULL THEN TRY_CAST(points_c AS DECIMAL(18, 2)) ELSE 0 END AS points,
  record_id,
  note,
  approver,
  approved_at,
  CASE WHEN name_r IS NOT NULL AND ingest_clean(name_r) <> roster_name THEN ingest_clean(name_r) END AS name_given,
  NULL AS raw
FROM classified
