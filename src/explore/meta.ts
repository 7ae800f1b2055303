// explore/meta.json (written by src/tables/explore/meta.sql) and pure helpers over it: the
// organisation tree of the panel, periods. Bundled into the browser.
import { quarterMonths } from '../site/format.ts';
import { buildTree, type Department, type DeptNode, flattenTree } from '../site/tree.ts';

export interface Category {
  category_id: string;
  name: string;
}

export interface Item {
  item_code: string;
  name: string | null;
  category_id: string;
}

export interface CompanyAverage {
  period: string;
  /** A category id, or `_total` for the month points. */
  category_id: string;
  average: number | null;
  ranked: number;
}

export interface Meta {
  /** Months with standings, ascending. */
  months: string[];
  /** Non-veto categories in display order. */
  categories: Category[];
  veto: Category | null;
  items: Item[];
  departments: Department[];
  company: CompanyAverage[];
  /** Bytes of each department's slice files (uncompressed), by table. */
  slices?: Record<string, Record<string, number>>;
}

/** A department's files (explore/<dept>/) and the departments whose rows they hold. */
export interface Slice {
  dept: string;
  covers: readonly string[];
}

/**
 * The files that hold a department's subtree (src/tables/explore/functions.sql, explore_slices):
 * the top department's own, which hold the whole organisation, or else the own files of each
 * department of the subtree.
 */
export function slicesOf(meta: Meta, dept: string): Slice[] {
  const subtree = subtreeList(meta, dept).map((d) => d.dept_id);
  const top = meta.departments.find((d) => d.dept_id === dept)?.parent_id === null;
  return top ? [{ dept, covers: subtree }] : subtree.map((id) => ({ dept: id, covers: [id] }));
}

/** The slice whose files hold a department's own members (the whole organisation, for the top). */
export function ownSlice(meta: Meta, dept: string): Slice {
  return slicesOf(meta, dept).find((s) => s.dept === dept) ?? { dept, covers: [dept] };
}

/** 2026-03 → 2026-Q1. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarters of some months, ascending, each once. */
export function quartersOf(months: readonly string[]): string[] {
  return [...new Set(months.map(quarterOf))].sort();
}

/** The first and last month of a period (a month or a quarter). */
export function monthBounds(period: string): [string, string] {
  if (/^\d{4}-Q[1-4]$/.test(period)) {
    const months = quarterMonths(period);
    return [months[0] ?? period, months[2] ?? period];
  }
  return [period, period];
}

/** The organisation below (and including) `root`, depth-first in display order, with depths. */
export function subtreeList(meta: Meta, root: string): (DeptNode & { depth: number })[] {
  const find = (nodes: DeptNode[]): DeptNode | undefined => {
    for (const node of nodes) {
      if (node.dept_id === root) return node;
      const found = find(node.children);
      if (found) return found;
    }
    return undefined;
  };
  const node = find(buildTree(meta.departments));
  return node ? flattenTree([node]) : [];
}

/** The departments from `root` down to `id` (both included), or [] when `id` is not below `root`. */
export function pathBetween(meta: Meta, root: string, id: string): Department[] {
  const byId = new Map(meta.departments.map((d) => [d.dept_id, d]));
  const path: Department[] = [];
  let current = byId.get(id);
  for (let guard = 0; current && guard < 64; guard++) {
    path.unshift(current);
    if (current.dept_id === root) return path;
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return [];
}

export function deptName(meta: Meta, id: string): string {
  return meta.departments.find((d) => d.dept_id === id)?.name ?? id;
}

export function categoryName(meta: Meta, id: string | null): string | null {
  if (id === null) return null;
  if (meta.veto?.category_id === id) return meta.veto.name;
  return meta.categories.find((c) => c.category_id === id)?.name ?? id;
}

export function itemName(meta: Meta, code: string | null): string | null {
  if (code === null) return null;
  const item = meta.items.find((i) => i.item_code === code);
  return item?.name ?? code;
}
