// writeExploreData on the site fixture: which files ship, which month rows each department's
// files hold, that nothing private reaches them, and the precompressed copies.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Meta } from '../../src/explore/meta.ts';
import { TABLE_NAMES, TABLES } from '../../src/explore/tables.ts';
import { copyPrecompressed, precompress } from '../../src/tables/explore/compress.ts';
import { ENGINE_FILES, ENGINE_WRAPPERS } from '../../src/tables/explore/engine-files.ts';
import { type ExploreSummary, writeExploreData } from '../../src/tables/explore-data.ts';
import { DEPARTMENTS, HTML_NAME, LONG_NAME, openFixture, SECRETS } from '../site/fixture.ts';
import { addExploreInputs, CLAMPED } from './fixture.ts';

let dir: string;
let conn: DuckDBConnection;
let close: () => void;
let summary: ExploreSummary;

const explore = (...path: string[]) => join(dir, 'public', 'explore', ...path);
const rowsOf = async (dept: string, table: string) =>
  tableFromIPC(await readFile(explore(dept, `${table}.arrow`)))
    .toArray()
    .map((r) => r.toJSON());
const query = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();

beforeAll(async () => {
  ({ conn, close } = await openFixture());
  await addExploreInputs(conn);
  dir = await mkdtemp(join(tmpdir(), 'liangbang-explore-data-'));
  summary = await writeExploreData(conn, dir, { precompress: false });
});

afterAll(async () => {
  close?.();
  await rm(dir, { recursive: true, force: true });
});

test('writes meta.json, one folder per department with every table, and the engine files', async () => {
  expect((await readdir(explore())).sort()).toEqual(
    [...DEPARTMENTS.map((d): string => d.id), 'meta.json'].sort(),
  );
  for (const dept of DEPARTMENTS) {
    expect((await readdir(explore(dept.id))).sort()).toEqual(TABLE_NAMES.map((t) => `${t}.arrow`).sort());
  }
  const engine = join(dir, 'public', 'duckdb', summary.engineVersion);
  expect((await readdir(engine)).sort()).toEqual([...ENGINE_FILES, ...Object.keys(ENGINE_WRAPPERS)].sort());
  const wrapper = await readFile(join(engine, 'liangbang-eh.worker.js'), 'utf8');
  expect(wrapper).toContain('importScripts("duckdb-browser-eh.worker.js")');
  expect(summary.engineBytes['duckdb-eh.wasm']).toBe((await stat(join(engine, 'duckdb-eh.wasm'))).size);
  expect(Object.keys(summary.sliceBytes).sort()).toEqual(DEPARTMENTS.map((d) => d.id).sort());
});

test('each table has the columns and Arrow types of its definition', async () => {
  for (const table of TABLE_NAMES) {
    const schema = tableFromIPC(await readFile(explore('D0', `${table}.arrow`))).schema;
    expect(
      schema.fields.map((f) => f.name),
      table,
    ).toEqual(Object.keys(TABLES[table].columns));
  }
});

test("a department's files hold its own members' month rows, the top department's everyone's", async () => {
  const monthRows = async (where: string) =>
    (
      await query(
        `SELECT member_id, period FROM standings WHERE period_type = 'month' AND ${where} ORDER BY member_id, period`,
      )
    ).map((r) => [r.member_id, r.period]);
  for (const dept of ['Z1', 'B1', 'B2']) {
    const rows = await rowsOf(dept, 'standings');
    expect(
      rows.map((r) => [r.member_id, r.period]),
      dept,
    ).toEqual(await monthRows(`dept_id = '${dept}'`));
  }
  expect((await rowsOf('B1', 'standings')).length).toBeGreaterThan(0);
  // The 党总支 has no members of its own: its files hold no rows, yet load (queries.test.ts).
  expect(await rowsOf('Z1', 'standings')).toEqual([]);
  const everyone = await rowsOf('D0', 'standings');
  expect(everyone.map((r) => [r.member_id, r.period])).toEqual(await monthRows('true'));
  const b3 = await rowsOf('B3', 'weak_areas');
  expect(new Set(b3.map((r) => r.dept_id))).toEqual(new Set(['B3']));
});

test('points travel exactly; names arrive as text', async () => {
  const rows = await rowsOf('B1', 'standings');
  const fixture = await query(
    "SELECT member_id, period, points::VARCHAR AS points FROM standings WHERE period_type = 'month' AND dept_id = 'B1'",
  );
  for (const f of fixture) {
    const row = rows.find((r) => r.member_id === f.member_id && r.period === f.period);
    expect(row?.points.toFixed(2), `${f.member_id} ${f.period}`).toBe(Number(f.points).toFixed(2));
  }
  expect(rows.some((r) => r.name === HTML_NAME)).toBe(true);
  const b2 = await rowsOf('B2', 'standings');
  expect(b2.some((r) => r.name === LONG_NAME)).toBe(true);
});

test('items are summed per member and month, clamped to the item bounds, veto rows count 0', async () => {
  const items = await rowsOf('B2', 'items');
  const clamped = items.find((r) => r.item_code === CLAMPED.code);
  expect(clamped).toMatchObject({
    member_id: CLAMPED.member,
    period: CLAMPED.month,
    item_name: CLAMPED.name,
    points: CLAMPED.points,
    counted: CLAMPED.max,
    records: 1,
  });
  const veto = items.find((r) => r.category_id === 'veto');
  expect(veto).toMatchObject({ counted: 0 });
});

test('nothing private ships: no note, approver, record id, file or row, nor any secret text', async () => {
  expect(Object.keys(TABLES.items.columns)).toEqual([
    'period',
    'member_id',
    'dept_id',
    'category_id',
    'item_code',
    'item_name',
    'points',
    'counted',
    'records',
  ]);
  const files = [
    explore('meta.json'),
    ...DEPARTMENTS.flatMap((d) => TABLE_NAMES.map((t) => explore(d.id, `${t}.arrow`))),
  ];
  for (const file of files) {
    const text = (await readFile(file)).toString('utf8');
    for (const secret of [...SECRETS, '书记', 'exports/']) expect(text, file).not.toContain(secret);
  }
});

test('meta.json lists months, categories, items, the tree and the company averages', async () => {
  const meta = JSON.parse(await readFile(explore('meta.json'), 'utf8')) as Meta;
  expect(meta.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  expect(meta.categories.map((c) => c.category_id)).toEqual(['basic', 'duty', 'incentive']);
  expect(meta.veto?.category_id).toBe('veto');
  expect(meta.items.find((i) => i.item_code === CLAMPED.code)).toEqual({
    item_code: CLAMPED.code,
    name: CLAMPED.name,
    category_id: 'basic',
  });
  expect(meta.departments.map((d) => d.dept_id).sort()).toEqual(DEPARTMENTS.map((d) => d.id).sort());
  const [april] = await query(
    "SELECT sum(points)::VARCHAR AS total, count(*) AS n FROM standings WHERE period = '2026-04' AND rank_company IS NOT NULL",
  );
  const average = meta.company.find((c) => c.period === '2026-04' && c.category_id === '_total');
  expect(average?.ranked).toBe(Number(april?.n));
  expect(average?.average).toBe(Math.round((Number(april?.total) / Number(april?.n)) * 100) / 100);
});

test('leaves nothing behind on the connection', async () => {
  const temp = await query(
    "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'explore%'",
  );
  expect(temp).toEqual([]);
  const macros = await query(
    "SELECT function_name FROM duckdb_functions() WHERE function_name LIKE 'explore%'",
  );
  expect(macros).toEqual([]);
});

test('data gets a gzip copy that decompresses to the file; engine copies (.br, .gz) come from the cache', async () => {
  const work = await mkdtemp(join(tmpdir(), 'liangbang-explore-compress-'));
  try {
    const data = Buffer.from('亮榜 '.repeat(2000));
    const file = join(work, 'a.arrow');
    await writeFile(file, data);
    await precompress(file);
    expect(gunzipSync(await readFile(`${file}.gz`))).toEqual(data);
    await expect(stat(`${file}.br`)).rejects.toThrow();
    const small = join(work, 'small.json');
    await writeFile(small, '{}');
    await precompress(small);
    await expect(stat(`${small}.gz`)).rejects.toThrow();

    const cache = join(work, 'cache');
    await copyPrecompressed(file, join(work, 'b.arrow'), cache);
    expect((await readdir(cache)).sort()).toEqual(['a.arrow.br', 'a.arrow.gz']);
    expect(brotliDecompressSync(await readFile(join(work, 'b.arrow.br')))).toEqual(data);
    expect(gunzipSync(await readFile(join(work, 'b.arrow.gz')))).toEqual(data);
    await writeFile(join(cache, 'a.arrow.gz'), 'from the cache');
    await copyPrecompressed(file, join(work, 'c.arrow'), cache);
    await expect(readFile(join(work, 'c.arrow.gz'), 'utf8')).resolves.toBe('from the cache');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
