// writeSiteData on the fixture tables: which documents are written, what they hold, and that
// nothing but the public tables reaches them.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type CommitteeDoc,
  type DeptDoc,
  decodeMemberDoc,
  type MemberFile,
  type SiteData,
} from '../../src/site/data.ts';
import { writeSiteData } from '../../src/tables/site-data.ts';
import { OUTPUT_TABLES, writeTablesInto } from '../../src/tables/write.ts';
import { MEMBERS, ORGANIZATION, openFixture, SECRETS } from './fixture.ts';

let dir: string;
let conn: DuckDBConnection;
let close: () => void;

const read = async <T>(...path: string[]): Promise<T> =>
  JSON.parse(await readFile(join(dir, ...path), 'utf8')) as T;
const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();

beforeAll(async () => {
  ({ conn, close } = await openFixture());
  dir = await mkdtemp(join(tmpdir(), 'liangbang-site-data-'));
  await writeSiteData(conn, { organization: ORGANIZATION, audience: 'committee' }, dir);
});

afterAll(async () => {
  close?.();
  await rm(dir, { recursive: true, force: true });
});

test('writes site.json, one document per department, member and quarter, and the search index', async () => {
  const site = await read<SiteData>('site.json');
  expect(site.organization).toBe(ORGANIZATION);
  expect(site.audience).toBe('committee');
  expect(site.latest).toEqual({ month: '2026-04', quarter: '2026-Q2', year: '2026' });
  expect(site.quarters).toEqual(['2026-Q2', '2026-Q1']);
  expect(site.memberIds).toEqual(MEMBERS.map((m) => m.id));
  expect(site.categories.map((c) => c.category_id)).toEqual(['basic', 'duty', 'incentive']);
  expect((await readdir(join(dir, 'dept'))).sort()).toEqual([
    'B1.json',
    'B2.json',
    'B3.json',
    'D0.json',
    'Z1.json',
  ]);
  const lines = (await readFile(join(dir, 'members.jsonl'), 'utf8')).split('\n');
  expect(lines.map((l) => JSON.parse(l.slice(0, l.indexOf('\t'))))).toEqual(MEMBERS.map((m) => m.id));
  expect((await readdir(join(dir, 'committee'))).sort()).toEqual(['2026-Q1.json', '2026-Q2.json']);
  const search = await read<[string, string, string][]>('public', 'search.json');
  expect(search[0]).toEqual(['M01', '张伟', '第一联合车间党支部']);
  expect(search).toHaveLength(MEMBERS.length);
});

test("a department's boards hold its subtree's standings of the latest periods, ties counted", async () => {
  const z1 = await read<DeptDoc>('dept', 'Z1.json');
  const expected = await rows(`SELECT member_id, rank_company FROM standings
    WHERE period = '2026-04' AND dept_id IN ('B1', 'B2') ORDER BY rank_company NULLS LAST, vetoed, points DESC, member_id`);
  expect(z1.boards.month?.rows.map((r) => [r.member_id, r.rank_company])).toEqual(
    expected.map((r) => [r.member_id, r.rank_company]),
  );
  expect(z1.boards.quarter?.period).toBe('2026-Q2');
  expect(z1.boards.year?.period).toBe('2026');
  const tied = z1.boards.month?.rows.filter((r) => r.rank_company_shared === 2).map((r) => r.member_id);
  expect(tied).toEqual(['M01', 'M02']);
  expect(z1.children.map((c) => c.dept_id)).toEqual(['B1', 'B2']);
  expect(z1.path).toEqual([{ dept_id: 'D0', name: ORGANIZATION }]);
  expect(z1.weak.depts.map((d) => d.dept_id)).toEqual(['B1', 'B2']);
  const root = await read<DeptDoc>('dept', 'D0.json');
  expect(root.members).toEqual([]); // the whole roster is the home page's search
  expect(root.memberCount).toBe(MEMBERS.length);
});

test('averages are exact means rounded half away from zero, and match weak_areas for a branch', async () => {
  const b1 = await read<DeptDoc>('dept', 'B1.json');
  const weak = await rows(
    "SELECT category_id, dept_avg, company_avg FROM weak_areas WHERE period = '2026-Q2' AND dept_id = 'B1'",
  );
  for (const w of weak) {
    const p = b1.profile.rows.find((r) => r.category_id === w.category_id);
    expect([p?.dept_avg, p?.company_avg]).toEqual([Number(w.dept_avg), Number(w.company_avg)]);
  }
  const [month] = await rows(`SELECT sum(points)::VARCHAR AS s, count(*)::INTEGER AS n FROM standings
    WHERE period = '2026-03' AND rank_company IS NOT NULL`);
  const cents = Math.round(Number(month?.s) * 100);
  const n = Number(month?.n);
  const exact = (Math.sign(cents) * Math.floor((2 * Math.abs(cents) + n) / (2 * n))) / 100;
  expect(b1.trend.find((t) => t.period === '2026-03')?.company_avg).toBe(exact);
});

test("a member's document holds every period, the latest gaps biggest first, and the tiers", async () => {
  const site = await read<SiteData>('site.json');
  const lines = (await readFile(join(dir, 'members.jsonl'), 'utf8')).split('\n');
  const member = async (id: string) => {
    const line = lines.find((l) => l.startsWith(`${JSON.stringify(id)}\t`)) ?? '';
    return decodeMemberDoc(JSON.parse(line.slice(line.indexOf('\t') + 1)) as MemberFile, site.categories);
  };
  const m01 = await member('M01');
  const periods = await rows(
    "SELECT period FROM standings WHERE member_id = 'M01' ORDER BY period_type, period",
  );
  expect(m01.periods.map((p) => p.period)).toEqual(periods.map((p) => p.period));
  expect(Object.keys(m01.periods[0]?.categories ?? {}).sort()).toEqual(['basic', 'duty', 'incentive']);
  const gaps = m01.gaps.quarter?.rows.map((r) => r.gap) ?? [];
  expect(gaps).toEqual([...gaps].sort((a, b) => (b ?? -Infinity) - (a ?? -Infinity)));
  expect(m01.tiers.map((t) => t.period)).toEqual(['2026']);
  const m12 = await member('M12');
  expect(m12.periods.find((p) => p.period === '2026-02')?.points_change).toBeNull();
});

test('a committee document lists the red and yellow lists by company rank', async () => {
  const q1 = await read<CommitteeDoc>('committee', '2026-Q1.json');
  expect(q1.counts).toMatchObject({ scored: 12, ranked: 10, vetoed: 1, exempt: 1, tenth: 1 });
  expect(q1.red.map((r) => r.rank_company)).toEqual([1]);
  expect(q1.yellow.map((r) => r.rank_company)).toEqual([10]);
  expect(q1.as_of).toBe('2026-03');
  expect(q1.areas).toHaveLength(9);
  const q2 = await read<CommitteeDoc>('committee', '2026-Q2.json');
  expect(q2.prev_period).toBe('2026-Q1');
  expect(q2.months).toEqual(['2026-04']);
});

test('no document carries notes or pending rows, and the connection is left as found', async () => {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json'));
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    for (const secret of SECRETS) expect(text, file).not.toContain(secret);
  }
  const left = await rows(`
    SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'site_%'
    UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'site_%'
    UNION ALL SELECT function_name FROM duckdb_functions() WHERE function_name LIKE 'site_%'`);
  expect(left).toEqual([]);
});

test('the downloads are the CSV files `liangbang data` writes, without the Parquet copies', async () => {
  const published = (await readdir(join(dir, 'public', 'data'))).sort();
  expect(published).toEqual(OUTPUT_TABLES.map((t) => `${t.name}.csv`).sort());
  const reference = await mkdtemp(join(tmpdir(), 'liangbang-site-data-ref-'));
  try {
    await writeTablesInto(conn, reference);
    for (const file of published) {
      const ours = await readFile(join(dir, 'public', 'data', file));
      expect(ours.equals(await readFile(join(reference, file))), file).toBe(true);
      expect(ours.subarray(0, 3).toString('hex'), file).toBe('efbbbf'); // the BOM, for Excel
    }
  } finally {
    await rm(reference, { recursive: true, force: true });
  }
});

test("the public site's documents say so and come without the downloads", async () => {
  const publicDir = await mkdtemp(join(tmpdir(), 'liangbang-site-data-public-'));
  try {
    await writeSiteData(conn, { organization: ORGANIZATION, audience: 'public' }, publicDir);
    const site = JSON.parse(await readFile(join(publicDir, 'site.json'), 'utf8')) as SiteData;
    expect(site.audience).toBe('public');
    expect(await readdir(join(publicDir, 'public'))).toEqual(['search.json']);
  } finally {
    await rm(publicDir, { recursive: true, force: true });
  }
});
