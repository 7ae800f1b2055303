-- SPEC §1.4, across all files: copies of one record_id among rows that are neither pending
-- nor malformed. Identical content (member, department, month, item, category, points, and
-- any problem found): the first copy (files in name order, then row) stands, the later ones
-- are duplicates. Different content: every copy is rejected.
-- Two steps, so that the common case (every record_id once) is one pass over small hashes:
-- record-ids.sql finds the hashes seen twice (sorting them is cheaper than grouping millions
-- of distinct ones); record-copies.sql, run only when there are some, compares the copies on
-- the record_id itself.
CREATE OR REPLACE TEMP TABLE ingest_repeated AS
SELECT DISTINCT h
FROM (
  SELECT h, lag(h) OVER (ORDER BY h) AS previous
  FROM (
    SELECT hash(record_id) AS h
    FROM ingest_rows
    WHERE record_id IS NOT NULL AND raw IS NULL
      AND (problem IS NULL OR NOT (starts_with(problem, 'pending' || chr(31)) OR starts_with(problem, 'bad_row' || chr(31))))
  )
)
WHERE h = previous;
