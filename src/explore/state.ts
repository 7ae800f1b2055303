// The panel's state and its place in the URL's query string, so that a link reproduces a view
// and a reload keeps it. Pure: bundled into the browser, unit-tested in test/explore/.
import { type Meta, monthBounds, pathBetween, quarterOf, quartersOf } from './meta.ts';

export type Unit = 'month' | 'quarter';
export type View = 'chart' | 'table' | 'compare';

export interface ExploreState {
  /** Whether the range is chosen in months or quarters. */
  unit: Unit;
  /** First and last period of the range, in `unit` (2026-01 or 2026-Q1), from ≤ to. */
  from: string;
  to: string;
  /** The department in focus (its subtree), at or below the panel's scope. */
  dept: string;
  /** Only the department's own members (not its sub-departments'). */
  own: boolean;
  /** The member drilled into: their items by month. */
  member: string | null;
  category: string | null;
  item: string | null;
  view: View;
  /** A table column to sort by, `-` first for descending; null = the level's natural order. */
  sort: string | null;
}

/** What the page tells the panel: its department and the period it shows. */
export interface PanelContext {
  scope: string;
  /** A quarter (2026-Q1) or a month; null = the latest quarter with data. */
  period: string | null;
}

/** Query-string keys; `explore=1` opens the panel on load. */
export const KEYS = {
  open: 'explore',
  unit: 'unit',
  from: 'from',
  to: 'to',
  dept: 'dept',
  own: 'own',
  member: 'member',
  category: 'cat',
  item: 'item',
  view: 'view',
  sort: 'sort',
} as const;

const VIEWS: readonly View[] = ['chart', 'table', 'compare'];

/** The periods a range can start or end at, ascending. */
export function periodsOf(meta: Meta, unit: Unit): string[] {
  return unit === 'month' ? [...meta.months] : quartersOf(meta.months);
}

export function defaultState(meta: Meta, context: PanelContext): ExploreState {
  const quarters = quartersOf(meta.months);
  const period =
    context.period && /^\d{4}-Q[1-4]$/.test(context.period) && quarters.includes(context.period)
      ? context.period
      : (quarters.at(-1) ?? '');
  return {
    unit: 'quarter',
    from: period,
    to: period,
    dept: context.scope,
    own: false,
    member: null,
    category: null,
    item: null,
    view: 'chart',
    sort: null,
  };
}

/**
 * The state a query string describes, on top of the defaults: values that do not fit (a period
 * without data, a department outside the scope, an unknown category or item) fall back to the
 * default, so an old or edited link still opens a sensible view.
 */
export function parseState(search: string, meta: Meta, context: PanelContext): ExploreState {
  const params = new URLSearchParams(search);
  const state = defaultState(meta, context);
  const unit =
    params.get(KEYS.unit) === 'month' ? 'month' : params.get(KEYS.unit) === 'quarter' ? 'quarter' : null;
  if (unit) {
    state.unit = unit;
    const periods = periodsOf(meta, unit);
    const last = periods.at(-1) ?? '';
    if (unit === 'month') {
      // The default quarter's months, when only the unit is given.
      const [first, end] = monthBounds(state.from);
      state.from = periods.includes(first) ? first : last;
      state.to = periods.includes(end) ? end : last;
    }
    const from = params.get(KEYS.from);
    const to = params.get(KEYS.to);
    if (from !== null && periods.includes(from)) state.from = from;
    if (to !== null && periods.includes(to)) state.to = to;
    if (state.from > state.to) [state.from, state.to] = [state.to, state.from];
  }
  const dept = params.get(KEYS.dept);
  if (dept !== null && pathBetween(meta, context.scope, dept).length > 0) state.dept = dept;
  state.own = params.get(KEYS.own) === '1';
  const member = params.get(KEYS.member);
  state.member = member === null || member === '' ? null : member;
  const category = params.get(KEYS.category);
  if (category !== null && meta.categories.some((c) => c.category_id === category)) state.category = category;
  const item = params.get(KEYS.item);
  const known = meta.items.find((i) => i.item_code === item);
  if (known && (state.category === null || known.category_id === state.category))
    state.item = known.item_code;
  const view = params.get(KEYS.view);
  if (VIEWS.includes(view as View)) state.view = view as View;
  const sort = params.get(KEYS.sort);
  state.sort = sort !== null && /^-?[a-z_]+$/.test(sort) ? sort : null;
  return state;
}

/**
 * The query string of a state (with `explore=1`), keeping the page's other parameters. Values
 * equal to the defaults are left out, so links stay short.
 */
export function stateToSearch(state: ExploreState, search: string): string {
  const params = new URLSearchParams(search);
  for (const key of Object.values(KEYS)) params.delete(key);
  params.set(KEYS.open, '1');
  params.set(KEYS.unit, state.unit);
  params.set(KEYS.from, state.from);
  params.set(KEYS.to, state.to);
  params.set(KEYS.dept, state.dept);
  if (state.own) params.set(KEYS.own, '1');
  if (state.member !== null) params.set(KEYS.member, state.member);
  if (state.category !== null) params.set(KEYS.category, state.category);
  if (state.item !== null) params.set(KEYS.item, state.item);
  if (state.view !== 'chart') params.set(KEYS.view, state.view);
  if (state.sort !== null) params.set(KEYS.sort, state.sort);
  return `?${params.toString()}`;
}

/** Whether a query string asks for the panel to be open. */
export const wantsOpen = (search: string): boolean => new URLSearchParams(search).get(KEYS.open) === '1';

/** The months a state's range covers: its first and last month. */
export function monthRange(state: ExploreState): [string, string] {
  return [monthBounds(state.from)[0], monthBounds(state.to)[1]];
}

/** Switches the range to `unit`, keeping the months it covers as far as the unit allows. */
export function changeUnit(state: ExploreState, unit: Unit, meta: Meta): ExploreState {
  if (unit === state.unit) return state;
  const [first, last] = monthRange(state);
  if (unit === 'quarter') return { ...state, unit, from: quarterOf(first), to: quarterOf(last) };
  const months = meta.months.filter((m) => m >= first && m <= last);
  return { ...state, unit, from: months[0] ?? first, to: months.at(-1) ?? last };
}

/** The level a state shows: sub-departments, members, or one member's items. */
export type Level = 'departments' | 'members' | 'items';

export function levelOf(state: ExploreState, meta: Meta): Level {
  if (state.member !== null) return 'items';
  if (!state.own && meta.departments.some((d) => d.parent_id === state.dept)) return 'departments';
  return 'members';
}
