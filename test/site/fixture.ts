// A small organisation written as TypeScript literals, loaded into an in-memory DuckDB with the
// contract tables (docs/architecture.md) and the SPEC §3 tables derived here by plain SQL —
// independent of src/analytics — then written and built as a site like `liangbang build` does.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { buildSite } from '../../src/site/astro-build.ts';
import { writeScreenData } from '../../src/tables/screen-data.ts';
import { writeSiteData } from '../../src/tables/site-data.ts';

export const ORGANIZATION = '示例石化公司党委';

export const DEPARTMENTS = [
  { id: 'D0', name: '示例石化公司党委', parent: null, kind: '党委', sort: null },
  { id: 'Z1', name: '炼油运行党总支', parent: 'D0', kind: '党总支', sort: 1 },
  { id: 'B1', name: '第一联合车间党支部', parent: 'Z1', kind: '党支部', sort: 1 },
  { id: 'B2', name: '第二联合车间党支部', parent: 'Z1', kind: '党支部', sort: 2 },
  { id: 'B3', name: '机关第一党支部', parent: 'D0', kind: '党支部', sort: 2 },
] as const;

export const HTML_NAME = '<b>王</b>';
export const LONG_NAME = '欧阳娜娜·阿不都热合曼·买买提';

export const MEMBERS = [
  { id: 'M01', name: '张伟', dept: 'B1' },
  { id: 'M02', name: '王芳', dept: 'B1' },
  { id: 'M03', name: '李娜', dept: 'B1' },
  { id: 'M04', name: HTML_NAME, dept: 'B1' },
  { id: 'M05', name: '刘洋', dept: 'B2' },
  { id: 'M06', name: '陈静', dept: 'B2' },
  { id: 'M07', name: '杨帆', dept: 'B2' },
  { id: 'M08', name: LONG_NAME, dept: 'B2' },
  { id: 'M09', name: '赵磊', dept: 'B3' },
  { id: 'M10', name: '黄敏', dept: 'B3', exempt: true },
  { id: 'M11', name: '周杰', dept: 'B3' },
  { id: 'M12', name: '吴刚', dept: 'B3' },
] as const;

export const CATEGORIES = [
  { id: 'basic', name: '基础评价分' },
  { id: 'duty', name: '履职尽责分' },
  { id: 'incentive', name: '激励约束分' },
  { id: 'veto', name: '一票否决项', veto: true },
] as const;

export const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04'] as const;

/** M07 has a veto row in February; M12 joins in February; M01 and M02 tie in April (the latest month). */
export const VETOED = { member: 'M07', month: '2026-02' } as const;
export const TIED = { members: ['M01', 'M02'], month: '2026-04' } as const;
/** Text that must never reach a page: a row note and a pending row's reason. */
export const SECRETS = ['机密备注SECRET-NOTE', '待审事由SECRET-PENDING'] as const;

function monthPoints(i: number, m: number): [string, number | string][] {
  if (TIED.members.includes(MEMBERS[i]?.id as 'M01') && MONTHS[m] === TIED.month) {
    return [
      ['basic', 50],
      ['duty', 30],
      ['incentive', 2.5],
    ];
  }
  return [
    ['basic', 40 + ((i * 7 + m * 3) % 15)],
    ['duty', 20 + ((i * 5 + m * 11) % 17) + (i % 2) * 0.5],
    ['incentive', ((i * 3 + m * 5) % 9) - 3],
  ];
}

const literal = (v: string | number | boolean | null): string =>
  v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v);
const values = (rows: (string | number | boolean | null)[][]): string =>
  rows.map((r) => `(${r.map(literal).join(', ')})`).join(',\n');

async function loadInputs(conn: DuckDBConnection): Promise<void> {
  const points: (string | number)[][] = [];
  MEMBERS.forEach((member, i) => {
    MONTHS.forEach((month, m) => {
      if (member.id === 'M12' && m === 0) return;
      for (const [category, value] of monthPoints(i, m)) points.push([member.id, month, category, value]);
    });
  });
  await conn.run(`
CREATE TABLE scheme_categories (category_id VARCHAR, name VARCHAR, weight DECIMAL(18,4),
  min_points DECIMAL(18,2), max_points DECIMAL(18,2), is_veto BOOLEAN, sort INTEGER);
INSERT INTO scheme_categories VALUES ${values(CATEGORIES.map((c, i) => [c.id, c.name, 1, null, null, 'veto' in c, i]))};
CREATE TABLE scheme_settings (year_points VARCHAR, exemplar_mode VARCHAR, exemplar_percent DECIMAL(9,4), veto_tier VARCHAR);
INSERT INTO scheme_settings VALUES ('sum', 'top_percent', 10, '不合格');
CREATE TABLE departments (dept_id VARCHAR, name VARCHAR, parent_id VARCHAR, kind VARCHAR, sort INTEGER);
INSERT INTO departments VALUES ${values(DEPARTMENTS.map((d) => [d.id, d.name, d.parent, d.kind, d.sort]))};
CREATE TABLE members (member_id VARCHAR, name VARCHAR, dept_id VARCHAR, exemplar BOOLEAN, exempt BOOLEAN);
INSERT INTO members VALUES ${values(MEMBERS.map((m) => [m.id, m.name, m.dept, false, 'exempt' in m]))};
CREATE TABLE fx_points (member_id VARCHAR, month VARCHAR, category_id VARCHAR, points DECIMAL(18,2));
INSERT INTO fx_points VALUES ${values(points)};
INSERT INTO fx_points VALUES ('${VETOED.member}', '${VETOED.month}', 'veto', 0);
CREATE TABLE accepted_rows AS
SELECT 'exports/' || month || '.csv' AS file, (row_number() OVER () + 1)::INTEGER AS row, p.member_id, m.dept_id,
  (month || '-01')::DATE AS month, category_id || '-item' AS item_code, NULL::VARCHAR AS item_name, category_id,
  points, NULL::VARCHAR AS record_id, '${SECRETS[0]}' AS note, '书记' AS approver, NULL::VARCHAR AS approved_at
FROM fx_points p JOIN members m USING (member_id);
CREATE TABLE ingest_report (file VARCHAR, row INTEGER, member_id VARCHAR, month VARCHAR, status VARCHAR, reason VARCHAR);
INSERT INTO ingest_report VALUES
  ('exports/2026-04.csv', 9, 'M03', '2026-04', 'pending', '${SECRETS[1]}'),
  ('exports/2026-04.csv', NULL, NULL, NULL, 'summary', 'read=40 accepted=39 pending=1 duplicate=0 rejected=0');
`);
}

/** SPEC §2 for this fixture's simple scheme (weights 1, no bounds, no tie-break, top 10 % exemplars). */
const DERIVE = `
CREATE MACRO fx_prev(p) AS CASE
  WHEN length(p) = 4 THEN (p::INTEGER - 1)::VARCHAR
  WHEN p[6] = 'Q' THEN CASE WHEN p[7] = '1' THEN (p[1:4]::INTEGER - 1)::VARCHAR || '-Q4' ELSE p[1:6] || (p[7]::INTEGER - 1)::VARCHAR END
  ELSE strftime(strptime(p || '-01', '%Y-%m-%d') - INTERVAL 1 MONTH, '%Y-%m') END;
CREATE TABLE fx_labelled AS
SELECT 'month' AS period_type, month AS period, * FROM fx_points
UNION ALL SELECT 'quarter', month[1:4] || '-Q' || ((month[6:7]::INTEGER - 1) // 3 + 1)::VARCHAR, * FROM fx_points
UNION ALL SELECT 'year', month[1:4], * FROM fx_points;
CREATE TABLE category_points AS
WITH scored AS (SELECT DISTINCT period_type, period, member_id FROM fx_labelled)
SELECT s.period_type, s.period, s.member_id, c.category_id,
  coalesce((SELECT sum(points) FROM fx_labelled l WHERE l.period_type = s.period_type AND l.period = s.period
    AND l.member_id = s.member_id AND l.category_id = c.category_id), 0)::DECIMAL(18,2) AS points
FROM scored s CROSS JOIN scheme_categories c WHERE NOT c.is_veto;
CREATE TABLE fx_period AS
SELECT s.period_type, s.period, s.member_id, m.name, m.dept_id,
  (SELECT sum(points) FROM category_points c WHERE c.period_type = s.period_type AND c.period = s.period
    AND c.member_id = s.member_id)::DECIMAL(18,2) AS points,
  EXISTS (SELECT 1 FROM fx_labelled l WHERE l.period_type = s.period_type AND l.period = s.period
    AND l.member_id = s.member_id AND l.category_id = 'veto') AS vetoed,
  m.exempt
FROM (SELECT DISTINCT period_type, period, member_id FROM fx_labelled) s JOIN members m USING (member_id);
CREATE TABLE fx_ranked AS
SELECT *, NOT vetoed AND NOT exempt AS ranked,
  CASE WHEN NOT vetoed AND NOT exempt THEN rank() OVER (PARTITION BY period_type, period, NOT vetoed AND NOT exempt, dept_id ORDER BY points DESC) END::INTEGER AS rank_dept,
  CASE WHEN NOT vetoed AND NOT exempt THEN rank() OVER (PARTITION BY period_type, period, NOT vetoed AND NOT exempt ORDER BY points DESC) END::INTEGER AS rank_company
FROM fx_period;
CREATE TABLE standings AS
SELECT c.period_type, c.period, c.member_id, c.name, c.dept_id, c.points, c.vetoed, c.exempt, c.rank_dept,
  c.rank_company, p.points AS prev_points, (c.points - p.points)::DECIMAL(18,2) AS points_change,
  CASE WHEN p.dept_id = c.dept_id THEN p.rank_dept - c.rank_dept END::INTEGER AS rank_dept_change,
  (p.rank_company - c.rank_company)::INTEGER AS rank_company_change
FROM fx_ranked c LEFT JOIN fx_ranked p
  ON p.period_type = c.period_type AND p.period = fx_prev(c.period) AND p.member_id = c.member_id;
CREATE TABLE fx_exemplars AS
SELECT period_type, period, member_id FROM fx_ranked r
WHERE ranked AND rank_company <= (SELECT ceil(count(*) * 0.1) FROM fx_ranked x
  WHERE x.period_type = r.period_type AND x.period = r.period AND x.ranked);
CREATE TABLE gaps AS
WITH points AS (
  SELECT period_type, period, member_id, category_id, points FROM category_points
  UNION ALL SELECT period_type, period, member_id, '_total', points FROM fx_period),
avgs AS (
  SELECT p.period_type, p.period, p.category_id, avg(p.points) AS a FROM points p
  JOIN fx_exemplars e USING (period_type, period, member_id) GROUP BY ALL)
SELECT p.period_type, p.period, p.member_id, p.category_id, p.points AS member_points,
  round(a.a, 2)::DECIMAL(18,2) AS exemplar_avg, round(a.a - p.points, 2)::DECIMAL(18,2) AS gap
FROM points p LEFT JOIN avgs a USING (period_type, period, category_id);
CREATE TABLE weak_areas AS
WITH x AS (
  SELECT c.period, r.dept_id, c.category_id, c.points FROM category_points c
  JOIN fx_ranked r USING (period_type, period, member_id) WHERE c.period_type = 'quarter' AND r.ranked),
co AS (SELECT period, category_id, avg(points) AS a, stddev_pop(points) AS sd FROM x GROUP BY ALL),
de AS (SELECT period, dept_id, category_id, count(*) AS n, avg(points) AS a FROM x GROUP BY ALL),
w AS (
  SELECT de.period, de.dept_id, de.category_id, de.n::INTEGER AS members, round(de.a, 2)::DECIMAL(18,2) AS dept_avg,
    round(co.a, 2)::DECIMAL(18,2) AS company_avg, round(de.a - co.a, 2)::DECIMAL(18,2) AS diff,
    CASE WHEN co.sd > 0 THEN round((de.a - co.a) / co.sd, 2)::DECIMAL(18,2) END AS std_gap,
    round(pr.a, 2)::DECIMAL(18,2) AS prev_dept_avg, round(de.a - pr.a, 2)::DECIMAL(18,2) AS change
  FROM de JOIN co USING (period, category_id)
  LEFT JOIN de pr ON pr.period = fx_prev(de.period) AND pr.dept_id = de.dept_id AND pr.category_id = de.category_id)
SELECT period, dept_id, category_id, members, dept_avg, company_avg, diff, std_gap,
  CASE WHEN std_gap IS NOT NULL THEN std_gap = min(std_gap) OVER (PARTITION BY period, dept_id) END AS weakest,
  prev_dept_avg, change
FROM w;
CREATE TABLE tiers AS
SELECT period, member_id, dept_id, points, rank_company,
  CASE WHEN vetoed THEN '不合格' WHEN exempt THEN NULL
    WHEN rank_company <= floor(0.3 * count(rank_company) OVER (PARTITION BY period)) THEN '优秀'
    WHEN points >= 250 THEN '合格' WHEN points >= 200 THEN '基本合格' ELSE '不合格' END AS tier
FROM fx_ranked WHERE period_type = 'year';
`;

export type Row = Record<string, unknown>;

export interface FixtureSite {
  /** The site's root URL path: the build uses this base. */
  base: string;
  /** The folder to serve: the site lives in its `base` sub-folder. */
  webRoot: string;
  siteDataDir: string;
  /** Rows of a fixture table (DECIMALs as strings). */
  query(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openFixture(): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await loadInputs(conn);
  await conn.run(DERIVE);
  return {
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export const TABLES = [
  'standings',
  'category_points',
  'gaps',
  'weak_areas',
  'tiers',
  'ingest_report',
] as const;

/**
 * Writes the site data as `liangbang build --audience committee` does (writeSiteData writes the
 * downloads' CSV files too).
 */
export async function writeFixtureData(conn: DuckDBConnection, siteDataDir: string): Promise<void> {
  await writeSiteData(conn, { organization: ORGANIZATION, audience: 'committee' }, siteDataDir);
  // The screens' pages share the build: their data must be there too.
  await writeScreenData(conn, { organization: ORGANIZATION }, siteDataDir);
}

/**
 * Builds the fixture site under a sub-folder base, as an intranet server would host it.
 * `extend` adds to the fixture and writes more site data first (the drill-down's); what it
 * returns joins the result.
 */
export async function buildFixtureSite<T extends object = object>(
  base = '/liangbang/',
  extend?: (conn: DuckDBConnection, siteDataDir: string) => Promise<T>,
): Promise<FixtureSite & T> {
  const work = await mkdtemp(join(tmpdir(), 'liangbang-site-test-'));
  const siteDataDir = join(work, 'site-data');
  const webRoot = join(work, 'www');
  await mkdir(siteDataDir, { recursive: true });
  const { conn, close } = await openFixture();
  let extended: T;
  try {
    extended = (await extend?.(conn, siteDataDir)) ?? ({} as T);
    await writeFixtureData(conn, siteDataDir);
    await buildSite({ siteDataDir, outDir: join(webRoot, ...base.split('/').filter(Boolean)), base });
  } catch (error) {
    close();
    throw error;
  }
  return {
    ...extended,
    base,
    webRoot,
    siteDataDir,
    query: async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Row[],
    close: async () => {
      close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
