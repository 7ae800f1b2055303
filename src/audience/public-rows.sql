-- The accepted rows as the public build keeps them: the contract's columns (docs/architecture.md),
-- with the record id, note, approver and approval date emptied. No writer publishes these
-- columns; emptying them here means none can. apply.ts then drops the ingest's own objects
-- (every row of every state, the report, the roster's ENUMs) and renames this table to
-- accepted_rows, so the writers read the same shape as in a committee build.
CREATE OR REPLACE TABLE audience_accepted_rows AS
SELECT
  file, row, member_id, dept_id, month, item_code, item_name, category_id, points,
  NULL::VARCHAR AS record_id,
  NULL::VARCHAR AS note,
  NULL::VARCHAR AS approver,
  NULL::VARCHAR AS approved_at
FROM accepted_rows;
