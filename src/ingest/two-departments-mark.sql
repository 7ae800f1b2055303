-- The member-months of two-departments.sql: their departments, and their rows rejected.
CREATE OR REPLACE TEMP TABLE ingest_two_department_names AS
SELECT r.member, r.month, string_agg(DISTINCT coalesce(r.dept::VARCHAR, m.dept_id), '、' ORDER BY coalesce(r.dept::VARCHAR, m.dept_id)) AS depts
FROM ingest_rows r
JOIN members m ON m.member_id::ingest_member = r.member
SEMI JOIN ingest_two_departments t USING (member, month)
WHERE r.raw IS NULL AND (r.problem IS NULL OR split_part(r.problem, chr(31), 1) NOT IN (
  'pending', 'bad_row', 'duplicate', 'record_conflict', 'unknown_member', 'unknown_department', 'bad_month'))
GROUP BY r.member, r.month;

UPDATE ingest_rows SET problem = concat('two_departments', chr(31), chr(31), 'dept_id', chr(31), t.depts)
FROM ingest_two_department_names t
WHERE ingest_rows.member = t.member AND ingest_rows.month = t.month AND ingest_rows.problem IS NULL
  AND ingest_rows.raw IS NULL;
