-- The copies behind the repeated hashes of record-ids.sql, judged and marked.
CREATE OR REPLACE TEMP TABLE ingest_record_copies AS
WITH copies AS (
  SELECT file_idx, row, record_id, member, dept, month, item, custom_item, category, points, problem
  FROM ingest_rows
  WHERE record_id IS NOT NULL AND raw IS NULL
    AND hash(record_id) IN (SELECT h FROM ingest_repeated)
    AND (problem IS NULL OR NOT (starts_with(problem, 'pending' || chr(31)) OR starts_with(problem, 'bad_row' || chr(31))))
),
groups AS (
  SELECT
    record_id,
    count(DISTINCT {
      'member': member, 'dept': dept, 'month': month, 'item': item, 'custom_item': custom_item,
      'category': category, 'points': points, 'problem': problem
    }) AS variants,
    count(*) AS copies,
    arg_min(file_idx, (file_idx, row)) AS first_file_idx,
    arg_min(row, (file_idx, row)) AS first_row
  FROM copies
  GROUP BY record_id
  HAVING count(*) > 1
)
SELECT c.file_idx, c.row, g.variants, g.copies, f.file || ':' || g.first_row AS first_at
FROM copies c
JOIN groups g USING (record_id)
JOIN ingest_files f ON f.file_idx = g.first_file_idx
WHERE g.variants > 1 OR c.file_idx <> g.first_file_idx OR c.row <> g.first_row;

UPDATE ingest_rows SET
  problem = CASE
    WHEN c.variants > 1 THEN concat('record_conflict', chr(31), c.copies, chr(31), 'record_id', chr(31), c.first_at)
    ELSE concat('duplicate', chr(31), chr(31), 'record_id', chr(31), c.first_at)
  END
FROM ingest_record_copies c
WHERE ingest_rows.file_idx = c.file_idx AND ingest_rows.row = c.row AND ingest_rows.raw IS NULL;
