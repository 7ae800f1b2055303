-- SPEC §1.4, across all files: one member named in two departments in the same month (the
-- department a row names, or the roster's when it names none). Every row of that member and
-- month that would otherwise be accepted is rejected. Pending, malformed and duplicate rows,
-- and rows whose member, department or month is unknown, name no department here.
-- This first step finds the member-months; two-departments-mark.sql, run only when there are
-- some, lists their departments and marks the rows.
CREATE OR REPLACE TEMP TABLE ingest_two_departments AS
SELECT r.member, r.month
FROM ingest_rows r
JOIN members m ON m.member_id::ingest_member = r.member
WHERE r.month IS NOT NULL AND r.raw IS NULL
  AND (r.problem IS NULL OR split_part(r.problem, chr(31), 1) NOT IN (
    'pending', 'bad_row', 'duplicate', 'record_conflict', 'unknown_member', 'unknown_department', 'bad_month'))
GROUP BY r.member, r.month
HAVING min(coalesce(r.dept::VARCHAR, m.dept_id)) <> max(coalesce(r.dept::VARCHAR, m.dept_id));
