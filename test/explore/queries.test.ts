// The panel's queries, run by duckdb-wasm (its Node bindings) over the Arrow files written for
// the site fixture: the numbers equal those of the fixture's SPEC §3 tables. One engine (its
// start takes seconds) with the 党委's slice, which holds every row: the queries pick their
// departments themselves; which rows each slice holds is explore-data.test.ts's concern.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/explore/db.ts';
import { ItemsLoader } from '../../src/explore/items.ts';
import { cacheDetails, loadView, newRangeCache, type ViewResult } from '../../src/explore/load.ts';
import { type Meta, ownSlice, type Slice, slicesOf } from '../../src/explore/meta.ts';
import { defaultState, type ExploreState } from '../../src/explore/state.ts';
import { writeExploreData } from '../../src/tables/explore-data.ts';
import { openFixture, VETOED } from '../site/fixture.ts';
import { addExploreInputs, CLAMPED } from './fixture.ts';
import { openWasmDb, type WasmDb } from './wasm-db.ts';

let dir: string;
let conn: DuckDBConnection;
let close: () => void;
let meta: Meta;
let db: WasmDb;

const query = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
/** An exact mean of decimals, half away from zero, as the panel computes it. */
const mean = (values: number[]) => {
  const cents = values.reduce((s, v) => s + Math.round(v * 100), 0);
  return values.length === 0 ? null : (Math.sign(cents) * Math.round(Math.abs(cents) / values.length)) / 100;
};

/** openWasmDb loaded the 党委's whole slice. */
const everythingLoaded = { table: async () => undefined, items: async () => undefined, covers: () => true };

async function view(scope: string, patch: Partial<ExploreState>): Promise<ViewResult> {
  const state = { ...defaultState(meta, { scope, period: '2026-Q1' }), ...patch };
  return loadView(db, meta, state, everythingLoaded, newRangeCache());
}

beforeAll(async () => {
  ({ conn, close } = await openFixture());
  await addExploreInputs(conn);
  dir = await mkdtemp(join(tmpdir(), 'liangbang-explore-queries-'));
  await writeExploreData(conn, dir, { precompress: false });
  meta = JSON.parse(await readFile(join(dir, 'public', 'explore', 'meta.json'), 'utf8')) as Meta;
  db = await openWasmDb(join(dir, 'public', 'explore'), 'D0');
});

afterAll(async () => {
  db?.close();
  close?.();
  await rm(dir, { recursive: true, force: true });
});

describe('a quarter', () => {
  test('departments: each sub-department averages its ranked members\u2019 quarter points', async () => {
    const result = await view('Z1', {});
    if (result.data.level !== 'departments') throw new Error(result.data.level);
    const standings = await query(
      "SELECT dept_id, points::DOUBLE AS points, rank_company FROM standings WHERE period = '2026-Q1'",
    );
    for (const row of result.data.rows) {
      const members = standings.filter((s) => s.dept_id === row.dept_id);
      const ranked = members.filter((s) => s.rank_company !== null).map((s) => Number(s.points));
      expect(row, row.dept_id).toMatchObject({
        members: members.length,
        ranked: ranked.length,
        value: mean(ranked),
      });
    }
    expect(result.data.rows.map((r) => r.dept_id)).toEqual(['B1', 'B2']);
    const all = standings.filter((s) => ['B1', 'B2'].includes(String(s.dept_id)) && s.rank_company !== null);
    expect(result.data.summary.value).toBe(mean(all.map((s) => Number(s.points))));
  });

  test('members: quarter points, the vetoed member without a rank', async () => {
    const result = await view('Z1', { dept: 'B2' });
    if (result.data.level !== 'members') throw new Error(result.data.level);
    const standings = await query(
      "SELECT member_id, points::DOUBLE AS points, vetoed FROM standings WHERE period = '2026-Q1' AND dept_id = 'B2'",
    );
    expect(result.data.rows.map((r) => [r.member_id, r.value, r.vetoed]).sort()).toEqual(
      standings.map((s) => [s.member_id, Number(s.points), s.vetoed]).sort(),
    );
    expect(result.data.rows.at(-1)).toMatchObject({ member_id: VETOED.member, ranked: false });
  });

  test('a category: the members\u2019 quarter category points', async () => {
    const result = await view('Z1', { dept: 'B1', category: 'duty' });
    if (result.data.level !== 'members') throw new Error(result.data.level);
    const points = await query(
      "SELECT member_id, points::DOUBLE AS points FROM category_points WHERE period = '2026-Q1' AND category_id = 'duty' AND member_id IN ('M01', 'M02', 'M03', 'M04')",
    );
    expect(new Map(result.data.rows.map((r) => [r.member_id, r.value]))).toEqual(
      new Map(points.map((p) => [p.member_id, Number(p.points)])),
    );
  });

  test('an item: the counted points, clamped to the item\u2019s bound', async () => {
    const result = await view('Z1', { dept: 'B2', category: 'basic', item: CLAMPED.code });
    if (result.data.level !== 'members') throw new Error(result.data.level);
    expect(result.data.rows.find((r) => r.member_id === CLAMPED.member)?.value).toBe(CLAMPED.max);
    expect(result.data.rows.filter((r) => r.member_id !== CLAMPED.member).every((r) => r.value === 0)).toBe(
      true,
    );
  });
});

test("a member's items by month equal the accepted rows, and the months the standings", async () => {
  const result = await view('Z1', {
    dept: 'B2',
    member: CLAMPED.member,
    unit: 'month',
    from: '2026-02',
    to: '2026-03',
  });
  if (result.data.level !== 'items') throw new Error(result.data.level);
  const rows = await query(
    `SELECT strftime(month, '%Y-%m') AS period, item_code, sum(points)::DOUBLE AS points FROM accepted_rows
     WHERE member_id = '${CLAMPED.member}' AND month BETWEEN '2026-02-01' AND '2026-03-01' GROUP BY ALL`,
  );
  expect(result.data.rows.map((r) => [r.period, r.item_code, r.points]).sort()).toEqual(
    rows.map((r) => [r.period, r.item_code, Number(r.points)]).sort(),
  );
  const months = await query(
    `SELECT period, points::DOUBLE AS points, rank_dept FROM standings WHERE member_id = '${CLAMPED.member}' AND period IN ('2026-02', '2026-03') ORDER BY period`,
  );
  expect(result.data.months.map((m) => [m.period, m.points, m.rank_dept])).toEqual(
    months.map((m) => [m.period, Number(m.points), m.rank_dept]),
  );
});

test("a member's items are loaded by the member's department when not loaded yet, then asked again", async () => {
  const asked: string[][] = [];
  const state = {
    ...defaultState(meta, { scope: 'Z1', period: '2026-Q1' }),
    dept: 'B2',
    member: CLAMPED.member,
  };
  const partly = {
    ...everythingLoaded,
    items: async (s: readonly Slice[]) => void asked.push(s.map((x) => x.dept)),
  };
  const missing = await loadView(db, meta, state, { ...partly, covers: () => false }, newRangeCache());
  expect(asked).toEqual([[], ['B2']]);
  const loaded = await loadView(db, meta, state, partly, newRangeCache());
  expect(asked).toEqual([[], ['B2'], []]);
  expect(missing).toEqual(loaded);
});

test("a members' chart's details are kept: a drill into one of them asks nothing and shows the same", async () => {
  const cache = newRangeCache();
  const branch = { ...defaultState(meta, { scope: 'Z1', period: '2026-Q1' }), dept: 'B2' };
  const members = await loadView(db, meta, branch, everythingLoaded, cache);
  if (members.data.level !== 'members') throw new Error(members.data.level);
  expect(members.data.rows.map((r) => r.member_id)).toContain(CLAMPED.member);
  let queries = 0;
  const counting: Db = {
    ...db,
    query: (sql) => {
      queries++;
      return db.query(sql);
    },
  };
  const state = { ...branch, member: CLAMPED.member };
  const asked = await loadView(db, meta, state, everythingLoaded, newRangeCache());

  await cacheDetails(db, members, () => true, cache);
  expect(await loadView(counting, meta, state, everythingLoaded, cache)).toEqual(asked);
  expect(queries).toBe(0);
  // Not kept when the member's items are not all loaded, nor used for another range.
  await cacheDetails(db, members, () => false, cache);
  expect(await loadView(counting, meta, state, everythingLoaded, cache)).toEqual(asked);
  expect(queries).toBe(1);
  await cacheDetails(db, members, () => true, cache);
  const months = { ...state, unit: 'month' as const, from: '2026-02', to: '2026-03' };
  await loadView(counting, meta, months, everythingLoaded, cache);
  expect(queries).toBe(2);
});

test('the 党委 page: its sub-departments, and the own-members bar only when it has members', async () => {
  const result = await view('D0', {});
  if (result.data.level !== 'departments') throw new Error(result.data.level);
  expect(result.data.rows.map((r) => [r.dept_id, r.own])).toEqual([
    ['Z1', false],
    ['B3', false],
  ]);
  expect(result.data.summary.members).toBe(12);
});

test('comparison: a member month by month against the exemplars, from gaps', async () => {
  const result = await view('Z1', {
    dept: 'B1',
    member: 'M01',
    view: 'compare',
    unit: 'month',
    from: '2026-01',
    to: '2026-04',
  });
  const gaps = await query(
    "SELECT period, member_points::DOUBLE AS v, exemplar_avg::DOUBLE AS e, gap::DOUBLE AS g FROM gaps WHERE period_type = 'month' AND member_id = 'M01' AND category_id = '_total' ORDER BY period",
  );
  expect(result.compare?.rows.map((r) => [r.period, r.value, r.exemplar_avg, r.gap])).toEqual(
    gaps.map((g) => [g.period, g.v, g.e, g.g]),
  );
  expect(result.compare?.rows.every((r) => r.company_avg !== null)).toBe(true);
});

test('comparison: a department\u2019s monthly mean against the exemplars, and its weak areas', async () => {
  const result = await view('Z1', { view: 'compare', category: 'basic' });
  const march = result.compare?.rows.find((r) => r.period === '2026-03');
  const points = await query(
    "SELECT c.points::DOUBLE AS p FROM category_points c JOIN standings s USING (period_type, period, member_id) WHERE c.period = '2026-03' AND c.category_id = 'basic' AND s.dept_id IN ('B1', 'B2') AND s.rank_company IS NOT NULL",
  );
  expect(march?.value).toBe(mean(points.map((p) => Number(p.p))));
  const [exemplar] = await query(
    "SELECT max(exemplar_avg)::DOUBLE AS e FROM gaps WHERE period = '2026-03' AND category_id = 'basic'",
  );
  expect(march?.exemplar_avg).toBe(exemplar?.e);
  const weak = await query(
    "SELECT dept_id FROM weak_areas WHERE period = '2026-Q1' AND category_id = 'basic' AND dept_id IN ('B1', 'B2')",
  );
  expect(result.compare?.weak.map((w) => w.dept_id).sort()).toEqual(weak.map((w) => w.dept_id).sort());
});

test('items load a slice at a time, each department once, whatever the order', async () => {
  const all = await db.query<{ n: number }>('SELECT count(*) AS n FROM items');
  await db.exec('DROP TABLE items');
  const fetched: string[] = [];
  const loader = new ItemsLoader(db, async (dept) => {
    fetched.push(dept);
    return new Uint8Array(await readFile(join(dir, 'public', 'explore', dept, 'items.arrow')));
  });
  const count = async () => (await db.query<{ n: number }>('SELECT count(*) AS n FROM items'))[0]?.n;
  const b1 = await query("SELECT count(*) AS n FROM accepted_rows WHERE dept_id = 'B1'");
  await loader.need([ownSlice(meta, 'B1')]);
  expect(await count()).toBe(Number(b1[0]?.n));
  // The 党总支's subtree adds its own files and its other branch's; B1 again fetches nothing.
  await loader.need([...slicesOf(meta, 'Z1'), ownSlice(meta, 'B1')]);
  const z1 = await query("SELECT count(*) AS n FROM accepted_rows WHERE dept_id IN ('B1', 'B2', 'Z1')");
  expect(await count()).toBe(Number(z1[0]?.n));
  // The top department's files hold everyone: only the rows not yet loaded are added.
  await loader.need(slicesOf(meta, 'D0'));
  expect(await count()).toBe(all[0]?.n);
  expect(fetched).toEqual(['B1', 'Z1', 'B2', 'D0']);
  expect(loader.covers(['B1', 'B2', 'B3', 'Z1', 'D0'])).toBe(true);
});
