// The panel's questions, as SQL over the shipped tables (./tables.ts) in the browser's DuckDB.
// Pure apart from the Db passed in: the same functions run in the browser and in the tests.
//
// The measure of a member-month is, by the filters: the month points (standings), one
// category's points (category_points), or one item's counted points (items: its recorded sum
// clamped to the item's bounds). Over a range it is summed, as a quarter's points are.
// A member's department over a range is the department of their latest month in it (SPEC §2.7),
// and a member takes part in averages when not exempt and not vetoed in any month of the range
// (SPEC §2.6, §2.8): for a quarter, the department averages are those of the quarter's ranked
// members. Averages are exact and rounded half away from zero (explore_mean).
//
// Speed: duckdb-wasm plans a query in milliseconds to tens of milliseconds, so a drill step runs
// one small query. The members of a range and measure are summed once into the temp table
// `range_members` (./load.ts keeps it while only the department or member changes); which
// departments a bar covers comes from the tree in meta.json, as literal lists.
import type { Db, Param, Row } from './db.ts';
import type { TableName } from './tables.ts';

export interface Selection {
  /** First and last month of the range (2026-01 … 2026-03). */
  from: string;
  to: string;
  /** The department in focus and the departments it covers (its subtree, or itself for `own`). */
  dept: string;
  own: boolean;
  member: string | null;
  category: string | null;
  item: string | null;
}

/** A SQL literal: text quoted (quotes doubled), numbers as written, NULL. */
export function literal(value: Param): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`invalid number: ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** `('a', 'b')`, or a list that matches nothing when empty. */
const list = (values: readonly string[]): string =>
  values.length === 0 ? '(NULL)' : `(${values.map(literal).join(', ')})`;

/** The tables of the page's slice a view reads (loaded on demand; `items` apart, ./items.ts). */
export function tablesFor(selection: Selection, view: 'chart' | 'table' | 'compare'): TableName[] {
  const tables: TableName[] = ['standings'];
  if (selection.category !== null) tables.push('category_points');
  if (view === 'compare') tables.push('gaps', 'weak_areas');
  return tables;
}

/** Member-months of the range with the measure (`value`). */
function monthRows(s: Pick<Selection, 'from' | 'to' | 'category' | 'item'>, where = ''): string {
  const range = `s.period BETWEEN ${literal(s.from)} AND ${literal(s.to)}${where}`;
  if (s.item !== null) {
    const category = s.category === null ? '' : ` AND category_id = ${literal(s.category)}`;
    return `SELECT s.*, coalesce(i.value, 0) AS value FROM standings s
      LEFT JOIN (SELECT period, member_id, sum(counted) AS value FROM items
        WHERE item_code = ${literal(s.item)}${category} GROUP BY period, member_id) i
        ON i.period = s.period AND i.member_id = s.member_id
      WHERE ${range}`;
  }
  if (s.category !== null) {
    return `SELECT s.*, coalesce(c.points, 0) AS value FROM standings s
      LEFT JOIN category_points c
        ON c.period = s.period AND c.member_id = s.member_id AND c.category_id = ${literal(s.category)}
      WHERE ${range}`;
  }
  return `SELECT s.*, s.points AS value FROM standings s WHERE ${range}`;
}

/** The key of what `range_members` holds: a new range or measure rebuilds it. */
export const rangeKey = (s: Selection): string => JSON.stringify([s.from, s.to, s.category, s.item]);

/**
 * Sums the members of the range and measure into the temp table `range_members`: per member the
 * latest name and department, vetoed or exempt in any month, the value, the months scored, and
 * the month's ranks when the range is one month.
 */
export async function buildRangeMembers(db: Db, s: Selection): Promise<void> {
  await db.exec(`
CREATE OR REPLACE TEMP TABLE range_members AS
SELECT member_id, arg_max(name, period) AS name, arg_max(dept_id, period) AS dept_id,
  bool_or(vetoed) AS vetoed, bool_or(exempt) AS exempt, NOT bool_or(vetoed) AND NOT bool_or(exempt) AS ranked,
  sum(value) AS value, count(*)::INTEGER AS months,
  CASE WHEN count(*) = 1 THEN any_value(rank_dept) END AS rank_dept,
  CASE WHEN count(*) = 1 THEN any_value(rank_company) END AS rank_company
FROM (${monthRows(s)}) GROUP BY member_id`);
}

export interface Group {
  /** The bar's key: a department id, or `own:<id>` for the department's own members. */
  key: string;
  depts: readonly string[];
}

export interface GroupRow extends Row {
  key: string;
  members: number;
  ranked: number;
  /** The ranked members' total and exact mean. */
  total: number | null;
  value: number | null;
}

/**
 * Members, ranked members, total and mean per group of departments (from range_members); the
 * row with key `*` is the focus as a whole.
 */
export async function groupsLevel(
  db: Db,
  groups: readonly Group[],
  focus: readonly string[],
): Promise<GroupRow[]> {
  const pairs = [...groups, { key: '*', depts: focus }].flatMap((g) =>
    g.depts.map((d) => `(${literal(g.key)}, ${literal(d)})`),
  );
  if (pairs.length === 0) return [];
  return db.query<GroupRow>(`
SELECT g.key, count(m.member_id)::INTEGER AS members, count(m.member_id) FILTER (WHERE m.ranked)::INTEGER AS ranked,
  (sum(m.value) FILTER (WHERE m.ranked))::DOUBLE AS total,
  explore_mean(sum(m.value) FILTER (WHERE m.ranked), count(m.member_id) FILTER (WHERE m.ranked)) AS value
FROM (VALUES ${pairs.join(', ')}) g(key, dept_id)
LEFT JOIN range_members m ON m.dept_id = g.dept_id
GROUP BY g.key`);
}

export interface MemberRow extends Row {
  member_id: string;
  name: string;
  dept_id: string;
  vetoed: boolean;
  exempt: boolean;
  ranked: boolean;
  months: number;
  value: number;
  /** The month's ranks when the range is one month. */
  rank_dept: number | null;
  rank_company: number | null;
  /** The focus as a whole (the same on every row): ranked members and their exact mean. */
  focus_ranked: number;
  focus_value: number | null;
}

/** The members of some departments (from range_members), ranked ones first, highest value first. */
export async function membersLevel(db: Db, depts: readonly string[]): Promise<MemberRow[]> {
  return db.query<MemberRow>(`
SELECT member_id, name, dept_id, vetoed, exempt, ranked, months, value::DOUBLE AS value, rank_dept, rank_company,
  (count(*) FILTER (WHERE ranked) OVER ())::INTEGER AS focus_ranked,
  explore_mean(sum(value) FILTER (WHERE ranked) OVER (), count(*) FILTER (WHERE ranked) OVER ()) AS focus_value
FROM range_members WHERE dept_id IN ${list(depts)}
ORDER BY ranked DESC, value DESC, member_id`);
}

/** One item of a member in a month. */
export interface ItemRow {
  period: string;
  category_id: string;
  /** NULL for wide-form cells (points given straight to the category). */
  item_code: string | null;
  item_name: string | null;
  /** As recorded, and clamped to the item's bounds. */
  points: number;
  counted: number;
  records: number;
}

/** A row of membersDetail: an item's, or a month's (`kind`). */
export interface DetailRow extends Row {
  member_id: string;
  /** `item` for an item's row, `month` for the member's month (official points, ranks). */
  kind: 'item' | 'month';
  period: string;
  category_id: string | null;
  /** NULL for wide-form cells (points given straight to the category). */
  item_code: string | null;
  item_name: string | null;
  points: number;
  counted: number;
  records: number;
  /** Month rows: the month's measure, name, department and ranks. */
  value: number | null;
  name: string | null;
  dept_id: string | null;
  vetoed: boolean | null;
  exempt: boolean | null;
  rank_dept: number | null;
  rank_company: number | null;
}

/**
 * Members over the range, in one query: their items by month (the selection's category and item
 * only) and their months (the measure, the official month points and ranks).
 */
export async function membersDetail(db: Db, s: Selection, members: readonly string[]): Promise<DetailRow[]> {
  const filters = [
    `member_id IN ${list(members)}`,
    `period BETWEEN ${literal(s.from)} AND ${literal(s.to)}`,
    ...(s.category === null ? [] : [`category_id = ${literal(s.category)}`]),
    ...(s.item === null ? [] : [`item_code = ${literal(s.item)}`]),
  ];
  return db.query<DetailRow>(`
SELECT member_id, 'item' AS kind, period, category_id, item_code, any_value(item_name) AS item_name,
  sum(points)::DOUBLE AS points, sum(counted)::DOUBLE AS counted, sum(records)::INTEGER AS records,
  NULL::DOUBLE AS value, NULL AS name, NULL AS dept_id, NULL::BOOLEAN AS vetoed, NULL::BOOLEAN AS exempt,
  NULL::INTEGER AS rank_dept, NULL::INTEGER AS rank_company
FROM items WHERE ${filters.join(' AND ')}
GROUP BY member_id, period, category_id, item_code
UNION ALL
SELECT member_id, 'month', period, NULL, NULL, NULL, points::DOUBLE, NULL, NULL, value::DOUBLE, name, dept_id,
  vetoed, exempt, rank_dept, rank_company
FROM (${monthRows(s, ` AND s.member_id IN ${list(members)}`)})
ORDER BY member_id, kind, period, category_id, item_code NULLS FIRST`);
}

export interface CompareRow extends Row {
  period: string;
  /** The member's points (or category points), or the focus's mean over its ranked members. */
  value: number | null;
  /** The exemplars' mean (gaps.exemplar_avg); null when the month has no exemplars. */
  exemplar_avg: number | null;
  /** exemplar_avg − value: positive = behind (a member's from gaps). */
  gap: number | null;
  /** Members averaged (department), or 1. */
  ranked: number;
}

/**
 * Month by month over the range: the member (when drilled into one) or the focus's members
 * ranked that month, their mean, against the exemplars' mean, for the month points or the
 * selected category (exemplars have no per-item figures).
 */
export async function compareMonths(db: Db, s: Selection, depts: readonly string[]): Promise<CompareRow[]> {
  const base = { ...s, item: null };
  const category = literal(s.category ?? '_total');
  if (s.member !== null) {
    return db.query<CompareRow>(`
SELECT mm.period, mm.value::DOUBLE AS value, g.exemplar_avg::DOUBLE AS exemplar_avg, g.gap::DOUBLE AS gap, 1 AS ranked
FROM (${monthRows(base, ` AND s.member_id = ${literal(s.member)}`)}) mm
LEFT JOIN gaps g ON g.period = mm.period AND g.member_id = mm.member_id AND g.category_id = ${category}
ORDER BY mm.period`);
  }
  return db.query<CompareRow>(`
WITH months AS (
  SELECT period,
    explore_mean(sum(value) FILTER (WHERE rank_company IS NOT NULL), count(*) FILTER (WHERE rank_company IS NOT NULL)) AS value,
    (count(*) FILTER (WHERE rank_company IS NOT NULL))::INTEGER AS ranked
  FROM (${monthRows(base, ` AND s.dept_id IN ${list(depts)}`)}) GROUP BY period
),
exemplars AS (
  SELECT period, max(exemplar_avg) AS exemplar_avg FROM gaps WHERE category_id = ${category} GROUP BY period
)
SELECT m.period, m.value, e.exemplar_avg::DOUBLE AS exemplar_avg, round(e.exemplar_avg - m.value, 2)::DOUBLE AS gap, m.ranked
FROM months m LEFT JOIN exemplars e USING (period)
ORDER BY m.period`);
}

export interface WeakRow extends Row {
  period: string;
  dept_id: string;
  category_id: string;
  members: number;
  dept_avg: number | null;
  company_avg: number | null;
  std_gap: number | null;
  weakest: boolean | null;
  change: number | null;
}

/** The weak_areas rows of some departments for the quarters the range touches. */
export async function weakAreas(
  db: Db,
  s: Selection,
  depts: readonly string[],
  quarters: [string, string],
): Promise<WeakRow[]> {
  const category = s.category === null ? '' : ` AND category_id = ${literal(s.category)}`;
  return db.query<WeakRow>(`
SELECT period, dept_id, category_id, members, dept_avg::DOUBLE AS dept_avg, company_avg::DOUBLE AS company_avg,
  std_gap::DOUBLE AS std_gap, weakest, change::DOUBLE AS change
FROM weak_areas
WHERE period BETWEEN ${literal(quarters[0])} AND ${literal(quarters[1])} AND dept_id IN ${list(depts)}${category}
ORDER BY period, dept_id`);
}
