-- csv_text(x): a text cell of a CSV file that people open in a spreadsheet. A cell starting with
-- = + - @ (or a tab or a carriage return, which some spreadsheets skip before a formula) would
-- be run as a formula (CSV injection), so it gets a leading apostrophe, which spreadsheets show
-- as text; a number (-5, +3.5, -1e3) is left as it is. The browser's CSV does the same
-- (src/explore/csv.ts, neutraliseFormula). Numeric columns are never passed through this.
CREATE OR REPLACE TEMP MACRO csv_text(x) AS CASE
  WHEN left(x, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
    AND NOT regexp_full_match(x, '[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?')
  THEN '''' || x
  ELSE x
END;
