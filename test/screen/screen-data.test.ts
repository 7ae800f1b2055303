import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ScreenIndex } from '../../src/screen/build-data.ts';
import { parseDoc, parseVersion, type ScreenDoc } from '../../src/screen/client/doc.ts';
import { isPathSafe, writeScreenData } from '../../src/tables/screen-data.ts';
import { LONG_DEPT, ORGANIZATION, openScreenFixture, type ScreenDb } from './fixture.ts';

const dirs: string[] = [];

async function write(db: ScreenDb): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'liangbang-screen-data-'));
  dirs.push(dir);
  await writeScreenData(db.conn, { organization: ORGANIZATION }, dir);
  return dir;
}

async function readDoc(dir: string, path: string): Promise<ScreenDoc> {
  const doc = parseDoc(JSON.parse(await readFile(join(dir, 'public', path), 'utf8')));
  if (!doc) throw new Error(`${path} is not a screen document`);
  return doc;
}

async function rows(db: ScreenDb, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('writeScreenData on the fixture', () => {
  let db: ScreenDb;
  let dir: string;
  beforeAll(async () => {
    db = await openScreenFixture();
    dir = await mkdtemp(join(tmpdir(), 'liangbang-screen-data-'));
    await writeScreenData(db.conn, { organization: ORGANIZATION }, dir);
  });
  afterAll(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('writes one valid document per screen, version.json and the build index', async () => {
    expect((await readdir(join(dir, 'public/screen/data/dept'))).sort()).toEqual([
      'd1.json',
      'd2.json',
      'g1.json',
      'root.json',
    ]);
    const org = await readDoc(dir, 'screen/data/all.json');
    expect(org.organization).toBe(ORGANIZATION);
    expect(org.scope).toEqual({ kind: 'organization', id: null, name: '' });
    expect(org.asOf).toBe('2026-03');
    expect(org.categories.map((c) => c.name)).toEqual(['基础评价分', '履职尽责分', '激励约束分']);
    const version = parseVersion(JSON.parse(await readFile(join(dir, 'public/version.json'), 'utf8')));
    expect(version).toEqual({ schema: 1, version: org.version, asOf: '2026-03' });
    const d2 = await readDoc(dir, 'screen/data/dept/d2.json');
    expect(d2.version).toBe(org.version);
    expect(d2.scope).toEqual({ kind: 'department', id: 'd2', name: LONG_DEPT });
    const index = JSON.parse(await readFile(join(dir, 'screen.json'), 'utf8')) as ScreenIndex;
    expect(index.organization).toBe(ORGANIZATION);
    expect(index.departments.map((d) => d.id)).toEqual(['root', 'd1', 'g1', 'd2']);
    expect(index.departments[3]).toEqual({ id: 'd2', name: LONG_DEPT, data: 'screen/data/dept/d2.json' });
  });

  test('the organisation board is rank_company and its change rank_company_change', async () => {
    const org = await readDoc(dir, 'screen/data/all.json');
    const expected = await rows(
      db,
      `SELECT name, rank_company AS rank, rank_company_change AS change, points::VARCHAR AS points FROM standings
       WHERE period_type = 'month' AND period = '2026-03' AND rank_company IS NOT NULL ORDER BY rank_company, dept_id, name`,
    );
    expect(org.month?.period).toBe('2026-03');
    expect(org.month?.ranked).toBe(40);
    expect(org.month?.rows.map((r) => [r.name, r.rank, r.change])).toEqual(
      expected.map((r) => [r.name, r.rank, r.change]),
    );
    expect(org.month?.rows.slice(0, 5).map((r) => [r.rank, r.tied, r.points])).toEqual([
      [1, true, '100'],
      [1, true, '100'],
      [3, false, '96'],
      [4, true, '95'],
      [4, true, '95'],
    ]);
    expect(org.quarter?.period).toBe('2026-Q1');
    expect(org.quarter?.rows.every((r) => r.change === null)).toBe(true);
  });

  test('a department board is rank_dept and its change rank_dept_change; a 党总支 covers its branches', async () => {
    for (const dept of ['d1', 'd2']) {
      const doc = await readDoc(dir, `screen/data/dept/${dept}.json`);
      const expected = await rows(
        db,
        `SELECT name, rank_dept AS rank, rank_dept_change AS change FROM standings
         WHERE period_type = 'month' AND period = '2026-03' AND dept_id = '${dept}' AND rank_dept IS NOT NULL
         ORDER BY rank_dept, name`,
      );
      expect(doc.month?.rows.map((r) => [r.name, r.rank, r.change]).sort()).toEqual(
        expected.map((r) => [r.name, r.rank, r.change]).sort(),
      );
    }
    const g1 = await readDoc(dir, 'screen/data/dept/g1.json');
    const d2 = await readDoc(dir, 'screen/data/dept/d2.json');
    expect(g1.month).toEqual(d2.month);
    expect(g1.depts?.rows).toHaveLength(1);
  });

  test('risers are the members who rose, most places first', async () => {
    const org = await readDoc(dir, 'screen/data/all.json');
    const risers = org.risers?.rows ?? [];
    expect(risers.length).toBeGreaterThan(5);
    expect(risers.every((r) => (r.change ?? 0) > 0)).toBe(true);
    const changes = risers.map((r) => r.change ?? 0);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    expect(risers[0]?.pos).toBe(1);
  });

  test('departments are compared by the exact mean of their ranked members', async () => {
    const org = await readDoc(dir, 'screen/data/all.json');
    const expected = await rows(
      db,
      `SELECT dept_id, count(*) AS n, sum(points) AS total FROM standings
       WHERE period_type = 'month' AND period = '2026-03' AND rank_company IS NOT NULL GROUP BY dept_id`,
    );
    for (const row of org.depts?.rows ?? []) {
      const dept = row.name === LONG_DEPT ? 'd2' : 'd1';
      const e = expected.find((x) => x.dept_id === dept);
      expect(row.members).toBe(Number(e?.n));
      expect(Number(row.avg)).toBeCloseTo(Number(e?.total) / Number(e?.n), 2);
    }
    expect(org.depts?.rows.map((r) => r.pos)).toEqual([1, 2]);
  });

  test('exemplars are the top 10 % with ties at the line, with their category points', async () => {
    const org = await readDoc(dir, 'screen/data/all.json');
    // 40 ranked: ceil(4) → ranks 1 1 3 4 4.
    expect(org.exemplars).toMatchObject({
      rule: 'top_percent',
      percent: '10',
      scope: 'organization',
      total: 5,
    });
    expect(org.exemplars?.rows.map((r) => r.rank)).toEqual([1, 1, 3, 4, 4]);
    expect(org.exemplars?.rows[0]?.cats).toEqual(['60', '35', '5']);
    const d1 = await readDoc(dir, 'screen/data/dept/d1.json');
    expect(d1.exemplars).toMatchObject({ scope: 'department', total: 3 });
  });

  test('the same data gives byte-identical files', async () => {
    const again = await write(db);
    for (const path of [
      'public/version.json',
      'public/screen/data/all.json',
      'public/screen/data/dept/d2.json',
      'screen.json',
    ]) {
      expect(await readFile(join(again, path), 'utf8'), path).toBe(await readFile(join(dir, path), 'utf8'));
    }
  });

  test('leaves no table or macro behind on the connection', async () => {
    const left = await rows(
      db,
      `SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'screen%'
       UNION ALL SELECT function_name FROM duckdb_functions() WHERE function_name LIKE 'screen%'`,
    );
    expect(left).toEqual([]);
  });
});

test('designated exemplars; a department without any shows the organisation’s', async () => {
  const db = await openScreenFixture();
  try {
    await db.conn.run(`UPDATE scheme_settings SET exemplar_mode = 'designated', exemplar_percent = NULL`);
    await db.conn.run(`UPDATE members SET exemplar = true WHERE member_id IN ('m03', 'm05', 'm42')`);
    const dir = await write(db);
    const org = await readDoc(dir, 'screen/data/all.json');
    // m42 is vetoed in the month: not ranked, so no exemplar.
    expect(org.exemplars).toMatchObject({ rule: 'designated', percent: null, total: 2 });
    const d2 = await readDoc(dir, 'screen/data/dept/d2.json');
    expect(d2.exemplars).toMatchObject({ scope: 'organization', total: 2 });
    expect(d2.exemplars?.rows.map((r) => r.dept)).toEqual(['机关第一党支部', '机关第一党支部']);
  } finally {
    db.close();
  }
});

test('no data: documents without boards, version.json without a month', async () => {
  const db = await openScreenFixture();
  try {
    for (const table of ['standings', 'category_points', 'accepted_rows'])
      await db.conn.run(`DELETE FROM ${table}`);
    const dir = await write(db);
    const org = await readDoc(dir, 'screen/data/all.json');
    expect(org).toMatchObject({
      asOf: null,
      month: null,
      quarter: null,
      risers: null,
      depts: null,
      exemplars: null,
    });
    const version = JSON.parse(await readFile(join(dir, 'public/version.json'), 'utf8'));
    expect(version.asOf).toBe(null);
  } finally {
    db.close();
  }
});

test('a department id that is no safe file name gets no screen', async () => {
  expect(['d1', '一支部', 'dept-01_a'].every(isPathSafe)).toBe(true);
  expect(['', '.', '..', 'a/b', 'a\\b', 'a?b', 'a#b', '50%', ' d1', 'x\n'].some(isPathSafe)).toBe(false);
  const db = await openScreenFixture();
  try {
    await db.conn.run(`INSERT INTO departments VALUES ('../evil', '越界支部', 'root', '党支部', 9)`);
    const dir = await write(db);
    const index = JSON.parse(await readFile(join(dir, 'screen.json'), 'utf8')) as ScreenIndex;
    expect(index.departments.map((d) => d.id)).toEqual(['root', 'd1', 'g1', 'd2']);
    expect(await readdir(join(dir, 'public/screen/data/dept'))).toHaveLength(4);
  } finally {
    db.close();
  }
});
