-- The contract tables ingest leaves (docs/architecture.md): accepted_rows, and ingest_report
-- with every non-accepted row and one summary row per file (SPEC §3). Messages are Chinese,
-- name the column as the file writes it, and say how to fix the row where that helps.
-- A view, not a copy: the rows are already in ingest_rows, and copying two million of them
-- would double ingest's time. Catalogued items take their name and category from the scheme,
-- rows that name no department the roster's.
CREATE OR REPLACE VIEW accepted_rows AS
SELECT
  f.file,
  r.row,
  r.member::VARCHAR AS member_id,
  coalesce(r.dept::VARCHAR, m.dept_id) AS dept_id,
  r.month,
  coalesce(r.item::VARCHAR, r.custom_item) AS item_code,
  coalesce(i.name, r.custom_item) AS item_name,
  coalesce(r.category::VARCHAR, i.category_id) AS category_id,
  r.points,
  r.record_id,
  r.note,
  r.approver,
  r.approved_at
FROM ingest_rows r
JOIN ingest_files f USING (file_idx)
JOIN members m ON m.member_id::ingest_member = r.member
LEFT JOIN scheme_items i ON i.item_code::ingest_item = r.item
WHERE r.problem IS NULL AND r.raw IS NULL;

-- The problem's parts (see setup.sql); the texts from the file as messages quote them.
CREATE OR REPLACE TEMP TABLE ingest_problems AS
SELECT
  file_idx,
  row,
  split_part(problem, chr(31), 1) AS code,
  nullif(split_part(problem, chr(31), 2), '') AS detail,
  nullif(split_part(problem, chr(31), 3), '') AS err_field,
  ingest_shown(nullif(split_part(problem, chr(31), 4), '')) AS err_value,
  coalesce(member::VARCHAR, ingest_shown(nullif(split_part(problem, chr(31), 5), ''))) AS member_id,
  month,
  ingest_shown(record_id) AS record_id
FROM ingest_rows
WHERE problem IS NOT NULL AND raw IS NULL;

CREATE OR REPLACE TEMP TABLE ingest_summary AS
WITH counts AS (
  SELECT
    file_idx,
    count(*) AS read,
    count(*) FILTER (WHERE problem IS NULL) AS accepted,
    count(*) FILTER (WHERE starts_with(problem, 'pending' || chr(31))) AS pending,
    count(*) FILTER (WHERE starts_with(problem, 'duplicate' || chr(31))) AS duplicate
  FROM ingest_rows
  WHERE raw IS NULL
  GROUP BY file_idx
)
SELECT
  f.file_idx,
  f.file,
  coalesce(c.read, 0) AS read,
  coalesce(c.accepted, 0) AS accepted,
  coalesce(c.pending, 0) AS pending,
  coalesce(c.duplicate, 0) AS duplicate,
  coalesce(c.read - c.accepted - c.pending - c.duplicate, 0) AS rejected
FROM ingest_files f
LEFT JOIN counts c USING (file_idx);

CREATE OR REPLACE TEMP VIEW ingest_issues AS
SELECT
  f.file,
  r.file_idx,
  r.row,
  r.code,
  CASE r.code WHEN 'pending' THEN 'pending' WHEN 'duplicate' THEN 'duplicate' ELSE 'rejected' END AS status,
  coalesce(col.header, lbl.label) AS column_name,
  CASE r.code
    WHEN 'pending' THEN CASE
      WHEN r.err_value IS NULL THEN '为空，视为未审定，暂不计分'
      ELSE format('“{}”不是已审定状态，暂不计分', r.err_value)
    END
    WHEN 'duplicate' THEN format('{} 与 {} 的记录完全相同，只计一次', r.record_id, r.err_value)
    WHEN 'record_conflict' THEN
      format('{} 共出现 {} 次且内容不同（第一次在 {}），各次均不计分；请保留正确的一条', r.record_id, r.detail, r.err_value)
    WHEN 'two_departments' THEN format(
      '党员 {} 在 {} 同时记在 {} 名下，该党员当月各行均不计分；请统一为一个支部', r.member_id, strftime(r.month, '%Y-%m'), r.err_value)
    WHEN 'unknown_member' THEN CASE
      WHEN r.detail = 'empty' THEN '为空'
      ELSE format('{} 不在花名册（members.csv）中', r.err_value)
    END
    WHEN 'unknown_department' THEN format('{} 不在组织树（departments.csv）中', r.err_value)
    WHEN 'bad_month' THEN CASE
      WHEN r.detail = 'empty' THEN '为空'
      ELSE format('“{}”不是可识别的月份；请写作 2026-03、2026/3、2026年3月 或 202603', r.err_value)
    END
    WHEN 'bad_points' THEN CASE r.detail
      WHEN 'empty' THEN '为空'
      WHEN 'range' THEN format('“{}”超出范围', r.err_value)
      ELSE format('“{}”不是数字', r.err_value)
    END
    WHEN 'too_many_decimals' THEN format('“{}”超过两位小数', r.err_value)
    WHEN 'unknown_item' THEN CASE
      WHEN r.detail = 'empty' THEN '积分项目编码和积分项目都为空'
      WHEN r.detail LIKE 'conflict:%' THEN format(
        '“{}”不在积分项目目录中，而同一行的项目名称是目录项 {}；请改正编码', r.err_value, substr(r.detail, 10))
      WHEN r.detail = 'custom_off' THEN format(
        '“{}”不在积分项目目录中，且方案不允许自定义项目（allow_custom_items: false）', r.err_value)
      ELSE format('“{}”不在积分项目目录中；自定义项目须填写积分类别', r.err_value)
    END
    WHEN 'unknown_category' THEN format(
      '“{}”不是方案中的类别；请填写类别 id 或名称（{}）', r.err_value,
      (SELECT string_agg(category_id || '/' || name, '、' ORDER BY sort) FROM scheme_categories))
    WHEN 'category_mismatch' THEN format('“{}”与积分项目目录不符：该项目属于 {}（{}）', r.err_value, r.detail, sc.name)
    ELSE r.err_value
  END AS message,
  r.member_id,
  strftime(r.month, '%Y-%m') AS month
FROM ingest_problems r
JOIN ingest_files f USING (file_idx)
LEFT JOIN ingest_columns col ON col.file_idx = r.file_idx AND col.field = r.err_field
LEFT JOIN ingest_field_labels lbl ON lbl.field = r.err_field
LEFT JOIN scheme_categories sc ON sc.category_id = r.detail AND r.code = 'category_mismatch';

CREATE OR REPLACE TABLE ingest_report AS
SELECT
  file,
  row,
  member_id,
  month,
  status,
  code || ': ' || CASE WHEN column_name IS NULL THEN '' ELSE column_name || ' ' END || message AS reason
FROM ingest_issues
UNION ALL
SELECT
  file,
  NULL,
  NULL,
  NULL,
  'summary',
  format('read={} accepted={} pending={} duplicate={} rejected={}', read, accepted, pending, duplicate, rejected)
FROM ingest_summary;
