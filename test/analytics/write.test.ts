import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalytics } from '../../src/analytics/run.ts';
import { OUTPUT_TABLES, writeTables } from '../../src/tables/write.ts';
import { type Analysed, analyse, loadFixture, query } from './fixture.ts';
import { randomFixture } from './random.ts';

const NAMES = OUTPUT_TABLES.map((t) => t.name);
const FILES = NAMES.flatMap((n) => [`${n}.csv`, `${n}.parquet`]).sort();

async function readAll(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(path.join(dir, name)));
  return files;
}

describe('writeTables (SPEC §3)', () => {
  let a: Analysed;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'liangbang-write-'));
    a = await analyse({
      categories: [{ id: 'basic', weight: '0.5' }, { id: 'duty' }, { id: 'veto', veto: true }],
      tieBreak: ['duty'],
      tiers: [{ name: '优秀', topPercent: 50 }, { name: '合格' }], // N = 1: floor(0.5) = 0, no 优秀
      members: [
        { id: 'a', name: '张三', dept: 'd1' },
        { id: 'b', name: '李四, "老李"', dept: 'd1' },
        { id: 'c', name: '王五', dept: 'd2', exempt: true },
      ],
      rows: [
        { member: 'a', month: '2026-01', category: 'basic', points: '1.25' },
        { member: 'b', month: '2026-01', category: 'basic', points: '-1.25' },
        { member: 'b', month: '2026-02', category: 'duty', points: 3 },
        { member: 'c', month: '2026-02', category: 'duty', points: 1 },
        { member: 'a', month: '2026-02', category: 'veto', points: 0 },
      ],
    });
    await a.conn.run(`INSERT INTO ingest_report VALUES
      ('exports/b.csv', NULL, NULL, NULL, 'summary', 'read=2 accepted=1 pending=1 duplicate=0 rejected=0'),
      ('exports/b.csv', 3, 'x', '2026-01', 'pending', '审核状态: 待审核'),
      ('exports/a.csv', NULL, NULL, NULL, 'summary', 'read=5 accepted=5 pending=0 duplicate=0 rejected=0')`);
  });

  afterAll(async () => {
    a.close();
    await rm(root, { recursive: true, force: true });
  });

  it('writes every table as CSV and Parquet', async () => {
    const out = path.join(root, 'out');
    await writeTables(a.conn, out);
    expect([...(await readAll(out)).keys()]).toEqual(FILES);
    for (const name of NAMES) {
      const [parquet] = await query(a.conn, `SELECT count(*)::INTEGER AS n FROM '${out}/${name}.parquet'`);
      const [table] = await query(a.conn, `SELECT count(*)::INTEGER AS n FROM ${name}`);
      expect(parquet).toEqual(table);
    }
  });

  it('writes CSV as UTF-8 with BOM, plain decimals, true/false and empty for none', async () => {
    const out = path.join(root, 'csv');
    await writeTables(a.conn, out);
    const bytes = await readFile(path.join(out, 'standings.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\n');
    expect(lines[0]).toBe(
      'period_type,period,member_id,name,dept_id,points,vetoed,exempt,rank_dept,rank_company,prev_points,' +
        'points_change,rank_dept_change,rank_company_change,dept_name,is_exemplar',
    );
    expect(lines.slice(1, 6)).toEqual([
      'month,2026-01,a,张三,d1,0.63,false,false,1,1,,,,,d1支部,true',
      'month,2026-01,b,"李四, ""老李""",d1,-0.63,false,false,2,2,,,,,d1支部,false',
      'month,2026-02,b,"李四, ""老李""",d1,3.00,false,false,1,1,-0.63,3.63,1,1,d1支部,true',
      'month,2026-02,a,张三,d1,0.00,true,false,,,0.63,-0.63,,,d1支部,false',
      'month,2026-02,c,王五,d2,1.00,false,true,,,,,,,d2支部,false',
    ]);
    const report = (await readFile(path.join(out, 'ingest_report.csv'), 'utf8')).slice(1).split('\n');
    expect(report).toEqual([
      'file,row,member_id,month,status,reason',
      'exports/a.csv,,,,summary,read=5 accepted=5 pending=0 duplicate=0 rejected=0',
      'exports/b.csv,,,,summary,read=2 accepted=1 pending=1 duplicate=0 rejected=0',
      'exports/b.csv,3,x,2026-01,pending,审核状态: 待审核',
      '',
    ]);
    for (const name of NAMES) {
      const text = await readFile(path.join(out, `${name}.csv`), 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text).not.toMatch(/\d\.\d{3}|\de[+-]?\d/); // never more than 2 places or exponents
    }
    const tiers = (await readFile(path.join(out, 'tiers.csv'), 'utf8')).slice(1).split('\n');
    expect(tiers.slice(0, 2)).toEqual([
      'period,member_id,dept_id,points,rank_company,tier,name,dept_name,vetoed,exempt,quota_left_out',
      '2026,b,d1,2.37,1,合格,"李四, ""老李""",d1支部,false,false,',
    ]);
  });

  it('writes byte-identical files for the same input', async () => {
    await writeTables(a.conn, path.join(root, 'first'));
    await writeTables(a.conn, path.join(root, 'second'));
    const first = await readAll(path.join(root, 'first'));
    const second = await readAll(path.join(root, 'second'));
    for (const name of NAMES) expect(second.get(`${name}.csv`)).toEqual(first.get(`${name}.csv`));
  });

  it('replaces the previous output as a whole', async () => {
    const out = path.join(root, 'replace');
    await writeTables(a.conn, out);
    await writeFile(path.join(out, 'stale.csv'), 'old');
    await writeTables(a.conn, out);
    expect([...(await readAll(out)).keys()]).toEqual(FILES);
    expect((await readdir(root)).filter((n) => n.startsWith('replace.'))).toEqual([]);
  });

  it('leaves the previous output untouched when writing fails midway', async () => {
    const out = path.join(root, 'atomic');
    await writeTables(a.conn, out);
    const before = await readAll(out);
    await a.conn.run('CREATE TABLE tiers_saved AS FROM tiers; DROP TABLE tiers');
    try {
      await expect(writeTables(a.conn, out)).rejects.toThrow(/tiers/);
    } finally {
      await a.conn.run('CREATE TABLE tiers AS FROM tiers_saved; DROP TABLE tiers_saved');
    }
    expect(await readAll(out)).toEqual(before);
    expect((await readdir(root)).filter((n) => n.startsWith('atomic.'))).toEqual([]);
  });

  it('writes every table in its published order, whatever preserve_insertion_order was', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await loadFixture(conn, randomFixture(7));
      await conn.run(`INSERT INTO ingest_report VALUES ('exports/b.csv', 9, 'm1', '2026-01', 'pending', 'x'),
        ('exports/a.csv', 3, 'm2', '2026-01', 'rejected', 'y'), ('exports/b.csv', NULL, NULL, NULL, 'summary', 'z')`);
      await conn.run('SET preserve_insertion_order = false');
      await runAnalytics(conn);
      const out = path.join(root, 'ordered');
      await writeTables(conn, out);
      for (const table of OUTPUT_TABLES) {
        const expected = path.join(root, `expected-${table.name}.csv`);
        await conn.run(
          `COPY (SELECT t.* FROM ${table.name} t ORDER BY ${table.orderBy}) TO '${expected}' (HEADER true)`,
        );
        const written = (await readFile(path.join(out, `${table.name}.csv`), 'utf8')).slice(1);
        expect(written.split('\n').length).toBeGreaterThan(2);
        expect(written === (await readFile(expected, 'utf8')), table.name).toBe(true);
      }
      expect(await query(conn, "SELECT current_setting('preserve_insertion_order') AS on")).toEqual([
        { on: false },
      ]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
