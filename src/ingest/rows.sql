-- One export file's rows into ingest_rows: the first, cheap look (SPEC §1.4). `src`
-- (src-long.sql or src-wide.sql) gives each field's text as written; load.ts fills the
-- placeholders per file. Each text is cast to its ENUM (setup.sql) or parsed on its common
-- form. A row whose every field is found as written, approved, with a 2026-03 month and plain
-- points, is accepted as it stands; any other row keeps its texts in `raw` for resolve.sql,
-- which cleans them, looks again, and decides its state and reason.
INSERT INTO ingest_rows BY NAME
WITH src AS (
{{src}}
),
typed AS (
  SELECT
    *,
    TRY_CAST(member_r AS ingest_member) AS member,
    TRY_CAST(dept_r AS ingest_dept) AS dept,
    TRY_CAST(item_code_r AS ingest_item) AS item,
    TRY_CAST(category_r AS ingest_category) AS category,
    ingest_month_fast(month_r) AS month,
    CASE WHEN ingest_points_ok(points_r) THEN TRY_CAST(points_r AS DECIMAL(18, 2)) END AS points
  FROM src
),
judged AS (
  SELECT
    *,
    coalesce(
    bad IS NULL
    AND member IS NOT NULL
    AND (dept_r IS NULL OR dept IS NOT NULL)
    AND month IS NOT NULL
    AND (NOT {{has_status}} OR TRY_CAST(status_r AS ingest_status) IS NOT NULL)
    AND (name_r IS NULL OR TRY_CAST(member_r || chr(31) || name_r AS ingest_member_name) IS NOT NULL)
    AND CASE
      -- A wide-form cell: its column's category; veto cells need no points.
      WHEN {{wide}} THEN points IS NOT NULL OR category = {{veto_id}}
      -- A catalogued code, the item's category if any is given (by id or name), and points
      -- unless the item is a veto item.
      ELSE item IS NOT NULL
        AND (category_r IS NULL OR list_contains(({{item_category_keys}})[enum_code(item) + 1], category_r))
        AND (points IS NOT NULL OR ({{item_is_veto}})[enum_code(item) + 1])
    END, false) AS settled
  FROM typed
)
SELECT
  {{file_idx}} AS file_idx,
  row,
  member,
  dept,
  month,
  item,
  CASE WHEN {{wide}} THEN category END AS category,
  coalesce(points, 0) AS points,
  record_id,
  note,
  approver,
  approved_at,
  CASE WHEN NOT settled THEN concat_ws(chr(30),
    coalesce(bad, chr(29)), coalesce(member_r, chr(29)), coalesce(month_r, chr(29)), coalesce(item_code_r, chr(29)),
    coalesce(item_r, chr(29)), coalesce(category_r, chr(29)), coalesce(points_r, chr(29)), coalesce(status_r, chr(29)),
    coalesce(dept_r, chr(29)), coalesce(name_r, chr(29)), coalesce(cell_field, chr(29))
  ) END AS raw
FROM judged
