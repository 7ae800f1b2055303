// A small organisation for the screen tests, loaded straight into the DuckDB contract tables
// (docs/architecture.md) and the SPEC §3 tables, so these tests do not depend on src/analytics.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CONTRACT_DDL, insertRows, type Literal } from '../helpers/contract.ts';

export const ORGANIZATION = '辽河石化公司党委';
/** 20 characters. */
export const LONG_DEPT = '炼油一联合车间催化裂化运行装置第二党支部';
/** 20 characters. */
export const LONG_NAME = '阿依古丽·阿卜杜热合曼·买买提艾力库尔班';
/** 12 characters. */
export const NAME_12 = '欧阳·娜仁其其格·巴特尔';
export const HTML_NAME = '<img src=x onerror=alert(1)>';
export const MONTHS = ['2026-01', '2026-02', '2026-03'] as const;

const CATEGORIES = [
  { id: 'basic', name: '基础评价分', min: 0, max: 60 },
  { id: 'duty', name: '履职尽责分' },
  { id: 'incentive', name: '激励约束分', min: -20, max: 20 },
] as const;

export const DEPARTMENTS = [
  { id: 'root', name: ORGANIZATION, parent: null, kind: '党委', sort: 0 },
  { id: 'd1', name: '机关第一党支部', parent: 'root', kind: '党支部', sort: 1 },
  { id: 'g1', name: '炼油党总支', parent: 'root', kind: '党总支', sort: 2 },
  { id: 'd2', name: LONG_DEPT, parent: 'g1', kind: '党支部', sort: 3 },
] as const;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
];

export interface Member {
  id: string;
  name: string;
  dept: 'd1' | 'd2';
  exempt: boolean;
}

export const MEMBERS: Member[] = Array.from({ length: 42 }, (_, i) => {
  const special: Record<number, string> = { 5: LONG_NAME, 6: HTML_NAME, 7: NAME_12 };
  const name = special[i] ?? `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
  return {
    id: `m${String(i + 1).padStart(2, '0')}`,
    name,
    dept: i % 2 === 0 ? 'd1' : 'd2',
    exempt: i === 40,
  };
});

/** Vetoed in the last month. */
export const VETOED = 'm42';

/** Category points of member `i` in month `m` (0-based): ties at the top of the last month. */
function categoryPoints(i: number, m: number): [number, number, number] {
  if (m === 2) {
    // Last month: 1 1 3 4 4 6 7 8 … (two 并列), and m12 jumps from the bottom half.
    const top: Record<number, [number, number, number]> = {
      0: [60, 35, 5],
      1: [60, 35, 5],
      2: [58, 34, 4],
      3: [58, 32, 5],
      4: [58, 32, 5],
      5: [57, 33, 4],
      6: [57, 32, 4],
      7: [56, 32, 4],
      11: [60, 30, 2],
    };
    const fixed = top[i];
    if (fixed) return fixed;
  }
  return [40 + ((i * 7 + m * 3) % 19), 10 + ((i * 5 + m * 11) % 17), ((i * 3 + m) % 9) - 3];
}

/** The SPEC §3 tables the screens read, filled directly (not by src/analytics). */
const OUTPUT_DDL = `
CREATE TABLE standings (period_type VARCHAR, period VARCHAR, member_id VARCHAR, name VARCHAR, dept_id VARCHAR,
  points DECIMAL(18,2), vetoed BOOLEAN, exempt BOOLEAN, rank_dept INTEGER, rank_company INTEGER,
  prev_points DECIMAL(18,2), points_change DECIMAL(18,2), rank_dept_change INTEGER, rank_company_change INTEGER);
CREATE TABLE category_points (period_type VARCHAR, period VARCHAR, member_id VARCHAR, category_id VARCHAR,
  points DECIMAL(18,2));
CREATE TABLE gaps (period_type VARCHAR, period VARCHAR, member_id VARCHAR, category_id VARCHAR,
  member_points DECIMAL(18,2), exemplar_avg DECIMAL(18,2), gap DECIMAL(18,2));
CREATE TABLE weak_areas (period VARCHAR, dept_id VARCHAR, category_id VARCHAR, members INTEGER,
  dept_avg DECIMAL(18,2), company_avg DECIMAL(18,2), diff DECIMAL(18,2), std_gap DECIMAL(18,2), weakest BOOLEAN,
  prev_dept_avg DECIMAL(18,2), change DECIMAL(18,2));
CREATE TABLE tiers (period VARCHAR, member_id VARCHAR, dept_id VARCHAR, points DECIMAL(18,2), rank_company INTEGER,
  tier VARCHAR);
`;

/** Competition ranks ("1224") of `points`, highest first. */
function competitionRanks(points: Map<string, number>): Map<string, number> {
  const sorted = [...points.values()].sort((a, b) => b - a);
  return new Map([...points].map(([id, p]) => [id, sorted.indexOf(p) + 1]));
}

interface Standing {
  member: Member;
  points: number;
  cats: number[];
  vetoed: boolean;
  rankDept: number | null;
  rankCompany: number | null;
}

/** Standings of one period over the given month indexes (SPEC §2.5–2.8, no tie-break). */
function standingsOf(monthIndexes: number[]): Map<string, Standing> {
  const result = new Map<string, Standing>();
  for (const [i, member] of MEMBERS.entries()) {
    const cats = [0, 0, 0];
    for (const m of monthIndexes) {
      for (const [k, p] of categoryPoints(i, m).entries()) cats[k] = (cats[k] ?? 0) + p;
    }
    const vetoed = member.id === VETOED && monthIndexes.includes(2);
    const points = cats.reduce((a, b) => a + b, 0);
    result.set(member.id, { member, points, cats, vetoed, rankDept: null, rankCompany: null });
  }
  const ranked = [...result.values()].filter((s) => !s.vetoed && !s.member.exempt);
  const company = competitionRanks(new Map(ranked.map((s) => [s.member.id, s.points])));
  for (const dept of ['d1', 'd2']) {
    const inDept = ranked.filter((s) => s.member.dept === dept);
    const ranks = competitionRanks(new Map(inDept.map((s) => [s.member.id, s.points])));
    for (const s of inDept) s.rankDept = ranks.get(s.member.id) ?? null;
  }
  for (const s of ranked) s.rankCompany = company.get(s.member.id) ?? null;
  return result;
}

const change = (prev: number | null | undefined, now: number | null): number | null =>
  prev === null || prev === undefined || now === null ? null : prev - now;

/** Creates and fills every table on `conn`. */
export async function loadScreenFixture(conn: DuckDBConnection): Promise<void> {
  await conn.run(CONTRACT_DDL + OUTPUT_DDL);
  await insertRows(conn, 'scheme_categories', [
    ...CATEGORIES.map((c, i): Literal[] => [
      c.id,
      c.name,
      1,
      'min' in c ? c.min : null,
      'max' in c ? c.max : null,
      false,
      i,
    ]),
    ['veto', '一票否决项', 1, null, null, true, 3],
  ]);
  await insertRows(conn, 'scheme_settings', [['sum', 'top_percent', 10, '不合格']]);
  await insertRows(
    conn,
    'departments',
    DEPARTMENTS.map((d) => [d.id, d.name, d.parent, d.kind, d.sort]),
  );
  await insertRows(
    conn,
    'members',
    MEMBERS.map((m) => [m.id, m.name, m.dept, false, m.exempt]),
  );

  const accepted: Literal[][] = [];
  for (const [m, month] of MONTHS.entries()) {
    for (const [i, member] of MEMBERS.entries()) {
      categoryPoints(i, m).forEach((p, k) => {
        const c = CATEGORIES[k];
        if (c)
          accepted.push([
            'exports/x.csv',
            accepted.length + 2,
            member.id,
            member.dept,
            `${month}-01`,
            `${c.id}-1`,
            null,
            c.id,
            p,
            null,
            null,
            null,
            null,
          ]);
      });
      if (member.id === VETOED && m === 2) {
        accepted.push([
          'exports/x.csv',
          accepted.length + 2,
          member.id,
          member.dept,
          `${month}-01`,
          'V01',
          null,
          'veto',
          0,
          null,
          null,
          null,
          null,
        ]);
      }
    }
  }
  await insertRows(conn, 'accepted_rows', accepted);

  const periods: { type: string; period: string; months: number[]; prev: string | null }[] = [
    ...MONTHS.map((p, m) => ({ type: 'month', period: p, months: [m], prev: MONTHS[m - 1] ?? null })),
    { type: 'quarter', period: '2026-Q1', months: [0, 1, 2], prev: null },
    { type: 'year', period: '2026', months: [0, 1, 2], prev: null },
  ];
  const computed = new Map(periods.map((p) => [p.period, standingsOf(p.months)]));
  const standings: Literal[][] = [];
  const categoryRows: Literal[][] = [];
  for (const p of periods) {
    const now = computed.get(p.period) ?? new Map<string, Standing>();
    const prev = p.prev ? computed.get(p.prev) : undefined;
    for (const s of now.values()) {
      const before = prev?.get(s.member.id);
      standings.push([
        p.type,
        p.period,
        s.member.id,
        s.member.name,
        s.member.dept,
        s.points,
        s.vetoed,
        s.member.exempt,
        s.rankDept,
        s.rankCompany,
        before?.points ?? null,
        before ? s.points - before.points : null,
        change(before?.rankDept, s.rankDept),
        change(before?.rankCompany, s.rankCompany),
      ]);
      CATEGORIES.forEach((c, k) => {
        categoryRows.push([p.type, p.period, s.member.id, c.id, s.cats[k] ?? 0]);
      });
    }
  }
  await insertRows(conn, 'standings', standings);
  await insertRows(conn, 'category_points', categoryRows);
  const year = computed.get('2026') ?? new Map<string, Standing>();
  await insertRows(
    conn,
    'tiers',
    [...year.values()].map((s) => ['2026', s.member.id, s.member.dept, s.points, s.rankCompany, null]),
  );
}

export interface ScreenDb {
  conn: DuckDBConnection;
  close(): void;
}

export async function openScreenFixture(): Promise<ScreenDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await loadScreenFixture(conn);
  return {
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
