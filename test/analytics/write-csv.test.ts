// Spreadsheet formulas in the CSV files written at build time (src/tables/csv.sql, writeCsv) and
// in the browser (src/explore/csv.ts): the same hand-made cases through both, and a whole file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { neutraliseFormula } from '../../src/explore/csv.ts';
import { OUTPUT_TABLES, outputColumns, writeCsv } from '../../src/tables/write.ts';

/** Input → what a spreadsheet should be given. */
const CASES: [string, string][] = [
  ['=1+1', "'=1+1"],
  ['=HYPERLINK("http://x","点我")', `'=HYPERLINK("http://x","点我")`],
  ['+86 138 0013 8000', "'+86 138 0013 8000"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['-', "'-"],
  ['-2+3', "'-2+3"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', "'\r=1+1"],
  ['-5', '-5'],
  ['+3.5', '+3.5'],
  ['-.5', '-.5'],
  ['-1e3', '-1e3'],
  ['张伟', '张伟'],
  ['欧阳*华', '欧阳*华'],
  ['a=b', 'a=b'],
  ['2026-03', '2026-03'],
];

let instance: DuckDBInstance;
let conn: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  dir = await mkdtemp(path.join(tmpdir(), 'liangbang-write-csv-'));
});

afterAll(async () => {
  conn?.closeSync();
  instance?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

test('csv_text and neutraliseFormula give the hand-checked result for every case', async () => {
  await conn.run(await readFile(new URL('../../src/tables/csv.sql', import.meta.url), 'utf8'));
  try {
    for (const [input, expected] of CASES) {
      const reader = await conn.runAndReadAll('SELECT csv_text($1) AS v', [input]);
      expect(reader.getRowObjectsJS()[0]?.v, JSON.stringify(input)).toBe(expected);
      expect(neutraliseFormula(input), JSON.stringify(input)).toBe(expected);
    }
    const empty = await conn.runAndReadAll('SELECT csv_text(NULL::VARCHAR) AS v');
    expect(empty.getRowObjectsJS()[0]?.v).toBe(null);
  } finally {
    await conn.run('DROP MACRO IF EXISTS temp.csv_text');
  }
});

test('writeCsv neutralises text cells, leaves numbers alone and leaves no macro behind', async () => {
  await conn.run(`CREATE TABLE ingest_report (file VARCHAR, row INTEGER, member_id VARCHAR, month VARCHAR,
    status VARCHAR, reason VARCHAR)`);
  await conn.run(`INSERT INTO ingest_report VALUES
    ('exports/a.csv', 2, '=cmd|'' /C calc''!A0', '-', 'rejected', '@SUM(A1)'),
    ('exports/a.csv', 3, '-5', '2026-03', 'pending', '+86 138 0013 8000'),
    ('exports/a.csv', NULL, NULL, NULL, 'summary', 'read=2 accepted=0 pending=1 duplicate=0 rejected=1')`);
  await conn.run('CREATE TABLE standings (member_id VARCHAR, name VARCHAR, points DECIMAL(18,2))');
  await conn.run("INSERT INTO standings VALUES ('m1', '=1+1', -5), ('m2', '张伟', 12.5)");
  const report = OUTPUT_TABLES.find((t) => t.name === 'ingest_report');
  const standings = OUTPUT_TABLES.find((t) => t.name === 'standings');
  if (!report || !standings) throw new Error('OUTPUT_TABLES lacks a table');
  const reportFile = path.join(dir, 'ingest_report.csv');
  await writeCsv(conn, report, await outputColumns(conn, 'ingest_report'), reportFile);
  expect(await readFile(reportFile, 'utf8')).toBe(
    [
      '\uFEFFfile,row,member_id,month,status,reason',
      'exports/a.csv,,,,summary,read=2 accepted=0 pending=1 duplicate=0 rejected=1',
      `exports/a.csv,2,'=cmd|' /C calc'!A0,'-,rejected,'@SUM(A1)`,
      "exports/a.csv,3,-5,2026-03,pending,'+86 138 0013 8000",
      '',
    ].join('\n'),
  );
  const standingsFile = path.join(dir, 'standings.csv');
  await writeCsv(conn, standings, await outputColumns(conn, 'standings'), standingsFile);
  expect(await readFile(standingsFile, 'utf8')).toBe(
    "\uFEFFmember_id,name,points\nm1,'=1+1,-5.00\nm2,张伟,12.50\n",
  );
  const macros = await conn.runAndReadAll(
    "SELECT 1 FROM duckdb_functions() WHERE function_name = 'csv_text'",
  );
  expect(macros.getRowObjectsJS()).toEqual([]);
});
