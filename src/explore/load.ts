// What one view of the panel shows, queried from the engine for a state. Pure apart from the Db.
import type { Db } from './db.ts';
import {
  deptName,
  type Meta,
  monthBounds,
  ownSlice,
  quarterOf,
  type Slice,
  slicesOf,
  subtreeList,
} from './meta.ts';
import {
  buildRangeMembers,
  type CompareRow,
  compareMonths,
  type DetailRow,
  type Group,
  groupsLevel,
  type ItemRow,
  type MemberRow,
  membersDetail,
  membersLevel,
  rangeKey,
  type Selection,
  tablesFor,
  type WeakRow,
  weakAreas,
} from './queries.ts';
import { type ExploreState, type Level, levelOf, monthRange } from './state.ts';
import type { TableName } from './tables.ts';

export interface Summary {
  members: number;
  ranked: number;
  total: number | null;
  /** The ranked members' mean. */
  value: number | null;
}

export interface DeptRow extends Summary {
  dept_id: string;
  name: string;
  /** The department's own members only (the bar 本级党员). */
  own: boolean;
}

export interface MemberView extends MemberRow {
  dept_name: string;
}

export interface MonthView {
  period: string;
  name: string;
  dept_id: string;
  dept_name: string;
  /** The month's measure (points, or the category's or item's). */
  value: number;
  /** The official month points. */
  points: number;
  vetoed: boolean;
  exempt: boolean;
  rank_dept: number | null;
  rank_company: number | null;
}

export type LevelResult =
  | { level: 'departments'; rows: DeptRow[]; summary: Summary }
  | { level: 'members'; rows: MemberView[]; summary: Summary }
  | { level: 'items'; rows: ItemRow[]; months: MonthView[] };

export interface CompareTableRow extends CompareRow {
  company_avg: number | null;
}

export interface WeakView extends WeakRow {
  dept_name: string;
}

export interface CompareResult {
  rows: CompareTableRow[];
  weak: WeakView[];
}

export interface ViewResult {
  state: ExploreState;
  level: Level;
  data: LevelResult;
  compare: CompareResult | null;
}

export function selectionOf(state: ExploreState): Selection {
  const [from, to] = monthRange(state);
  return {
    from,
    to,
    dept: state.dept,
    own: state.own,
    member: state.member,
    category: state.category,
    item: state.item,
  };
}

/** The departments a focus covers: its subtree, or itself alone (`own`). */
export function focusDepts(meta: Meta, dept: string, own: boolean): string[] {
  return own ? [dept] : subtreeList(meta, dept).map((d) => d.dept_id);
}

/** The bars of the departments level: each sub-department with its subtree, then the own members. */
export function childGroups(meta: Meta, dept: string): (Group & { name: string; own: boolean })[] {
  const children = subtreeList(meta, dept).filter((d) => d.depth === 1);
  return [
    ...children.map((c) => ({
      key: c.dept_id,
      name: c.name,
      own: false,
      depts: focusDepts(meta, c.dept_id, false),
    })),
    { key: `own:${dept}`, name: deptName(meta, dept), own: true, depts: [dept] },
  ];
}

/** The company's monthly average of the selection's measure (meta.json), by month. */
function companyAverages(meta: Meta, category: string | null): Map<string, number | null> {
  const id = category ?? '_total';
  return new Map(meta.company.filter((c) => c.category_id === id).map((c) => [c.period, c.average]));
}

/**
 * What is kept of a range and measure: which one the engine's `range_members` holds (one per
 * engine), and the details of the members last charted (cacheDetails), by member.
 */
export interface RangeCache {
  key: string | null;
  ready: Promise<void>;
  details: { key: string; rows: Promise<Map<string, DetailRow[]>> } | null;
}

export const newRangeCache = (): RangeCache => ({ key: null, ready: Promise.resolve(), details: null });

function ensureRange(db: Db, cache: RangeCache, selection: Selection): Promise<void> {
  const key = rangeKey(selection);
  if (cache.key !== key) {
    cache.key = key;
    cache.ready = buildRangeMembers(db, selection).catch((error: unknown) => {
      cache.key = null;
      throw error;
    });
  }
  return cache.ready;
}

const emptySummary: Summary = { members: 0, ranked: 0, total: null, value: null };

/** The departments a member's month rows name (whose slices hold the member's items). */
const detailDepts = (rows: readonly DetailRow[]): string[] => [
  ...new Set(rows.flatMap((r) => (r.kind === 'month' && r.dept_id !== null ? [r.dept_id] : []))),
];

/**
 * Queries the details of a members' chart's members in one go, kept for a drill into one of
 * them: the click then needs no query. Only members whose items are all loaded are kept.
 */
export function cacheDetails(
  db: Db,
  view: ViewResult,
  covers: (depts: readonly string[]) => boolean,
  cache: RangeCache,
): Promise<void> {
  if (view.data.level !== 'members') return Promise.resolve();
  const selection = selectionOf(view.state);
  const rows = membersDetail(
    db,
    selection,
    view.data.rows.map((r) => r.member_id),
  ).then((all) => {
    const byMember = new Map<string, DetailRow[]>();
    for (const row of all) {
      const own = byMember.get(row.member_id);
      if (own) own.push(row);
      else byMember.set(row.member_id, [row]);
    }
    for (const [member, own] of byMember) if (!covers(detailDepts(own))) byMember.delete(member);
    return byMember;
  });
  cache.details = { key: rangeKey(selection), rows };
  return rows.then(() => undefined);
}

/** Loads what the queries read: a table of the page's slice, or the items of some departments. */
export interface Loader {
  table(table: TableName): Promise<void>;
  /** Loads the slices' items once the loads before it are done (the table exists afterwards). */
  items(slices: readonly Slice[]): Promise<void>;
  /** Whether the items of these departments' own members are loaded. */
  covers(depts: readonly string[]): boolean;
}

/** Queries everything a state's view shows, loading what the queries need first. */
export async function loadView(
  db: Db,
  meta: Meta,
  state: ExploreState,
  load: Loader,
  cache: RangeCache,
): Promise<ViewResult> {
  const selection = selectionOf(state);
  for (const table of tablesFor(selection, state.view)) await load.table(table);
  if (selection.item !== null && selection.member === null) await load.items(slicesOf(meta, state.dept));
  const level = levelOf(state, meta);
  const focus = focusDepts(meta, state.dept, state.own);
  let data: LevelResult;
  if (selection.member !== null) {
    const member = selection.member;
    const cached =
      cache.details?.key === rangeKey(selection) ? await cache.details.rows.catch(() => null) : null;
    let rows = cached?.get(member);
    if (rows === undefined) {
      // The month rows name the member's departments, whose slices hold their items: when one is
      // not loaded yet, load it and ask again (one query when the items are there already).
      await load.items([]);
      rows = await membersDetail(db, selection, [member]);
      const depts = detailDepts(rows);
      if (!load.covers(depts)) {
        await load.items(depts.map((d) => ownSlice(meta, d)));
        rows = await membersDetail(db, selection, [member]);
      }
    }
    const order = new Map(
      [...meta.categories, ...(meta.veto ? [meta.veto] : [])].map((c, i) => [c.category_id, i]),
    );
    const rank = (id: string | null) => order.get(id ?? '') ?? order.size;
    rows = [...rows].sort(
      (a, b) => a.period.localeCompare(b.period) || rank(a.category_id) - rank(b.category_id),
    );
    data = {
      level: 'items',
      rows: rows.flatMap((r) =>
        r.kind === 'item'
          ? [
              {
                period: r.period,
                category_id: r.category_id ?? '',
                item_code: r.item_code,
                item_name: r.item_name,
                points: r.points,
                counted: r.counted,
                records: r.records,
              },
            ]
          : [],
      ),
      months: rows
        .filter((r) => r.kind === 'month')
        .map((r) => ({
          period: r.period,
          name: r.name ?? '',
          dept_id: r.dept_id ?? '',
          dept_name: deptName(meta, r.dept_id ?? ''),
          value: r.value ?? 0,
          points: r.points,
          vetoed: r.vetoed === true,
          exempt: r.exempt === true,
          rank_dept: r.rank_dept,
          rank_company: r.rank_company,
        })),
    };
  } else if (level === 'departments') {
    await ensureRange(db, cache, selection);
    const groups = childGroups(meta, state.dept);
    const found = new Map((await groupsLevel(db, groups, focus)).map((r) => [r.key, r]));
    const summarise = (key: string): Summary => {
      const row = found.get(key);
      return row
        ? { members: row.members, ranked: row.ranked, total: row.total, value: row.value }
        : emptySummary;
    };
    const rows = groups
      .map((g) => ({ dept_id: g.own ? state.dept : g.key, name: g.name, own: g.own, ...summarise(g.key) }))
      .filter((r) => !r.own || r.members > 0);
    data = { level, rows, summary: summarise('*') };
  } else {
    await ensureRange(db, cache, selection);
    const rows = (await membersLevel(db, focus)).map((r) => ({ ...r, dept_name: deptName(meta, r.dept_id) }));
    const first = rows[0];
    const total = rows.reduce((sum, r) => sum + (r.ranked ? Math.round(r.value * 100) : 0), 0) / 100;
    data = {
      level: 'members',
      rows,
      summary: first
        ? {
            members: rows.length,
            ranked: first.focus_ranked,
            total: first.focus_ranked > 0 ? total : null,
            value: first.focus_value,
          }
        : emptySummary,
    };
  }
  let compare: CompareResult | null = null;
  if (state.view === 'compare') {
    const company = companyAverages(meta, selection.category);
    const quarters: [string, string] = [quarterOf(selection.from), quarterOf(monthBounds(selection.to)[1])];
    const rows = await compareMonths(db, selection, focus);
    const weak = selection.member === null ? await weakAreas(db, selection, focus, quarters) : [];
    compare = {
      rows: rows.map((r) => ({ ...r, company_avg: company.get(r.period) ?? null })),
      weak: weak.map((w) => ({ ...w, dept_name: deptName(meta, w.dept_id) })),
    };
  }
  return { state, level, data, compare };
}
