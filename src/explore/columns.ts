// The columns of the panel's tables (and of their CSV), per level, and sorting. Pure.
import { formatPoints, formatSigned, periodLabel } from '../site/format.ts';
import type { Cell } from './csv.ts';
import type { CompareTableRow, DeptRow, MemberView } from './load.ts';
import type { ItemRow } from './queries.ts';

export interface Column<R> {
  key: string;
  label: string;
  numeric: boolean;
  /** The value sorted on and written to CSV (numbers rounded to 2 decimals). */
  value: (row: R) => Cell;
  /** The text shown in the table. */
  text: (row: R) => string;
}

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

function num<R>(key: string, label: string, get: (row: R) => number | null, signed = false): Column<R> {
  return {
    key,
    label,
    numeric: true,
    value: (row) => round2(get(row)),
    text: (row) => (signed ? formatSigned(get(row)) : formatPoints(get(row))),
  };
}

function str<R>(key: string, label: string, get: (row: R) => string | null): Column<R> {
  return { key, label, numeric: false, value: get, text: (row) => get(row) ?? '—' };
}

/** 否决 / 免评 / '' for a member over the range. */
export function memberStatus(row: { vetoed: boolean; exempt: boolean }): string {
  return row.exempt ? '免评' : row.vetoed ? '否决' : '';
}

export function deptColumns(measure: string): Column<DeptRow>[] {
  return [
    str('name', '组织', (r) => (r.own ? `${r.name}（本级）` : r.name)),
    num('members', '党员', (r) => r.members),
    num('ranked', '参与排名', (r) => r.ranked),
    num('total', `${measure}合计`, (r) => r.total),
    num('value', `人均${measure}`, (r) => r.value),
  ];
}

export function memberColumns(
  measure: string,
  options: { dept: boolean; ranks: boolean },
): Column<MemberView>[] {
  return [
    str('member_id', '党员编号', (r) => r.member_id),
    str('name', '姓名', (r) => r.name),
    ...(options.dept ? [str<MemberView>('dept_name', '所在组织', (r) => r.dept_name)] : []),
    num('value', measure, (r) => r.value),
    num('months', '计分月数', (r) => r.months),
    str('status', '状态', (r) => memberStatus(r) || null),
    ...(options.ranks
      ? [
          num<MemberView>('rank_dept', '支部排名', (r) => r.rank_dept),
          num<MemberView>('rank_company', '全公司排名', (r) => r.rank_company),
        ]
      : []),
  ];
}

export function itemColumns(names: {
  category: (id: string) => string;
  item: (row: ItemRow) => string;
}): Column<ItemRow>[] {
  return [
    { ...str<ItemRow>('period', '月份', (r) => r.period), text: (r) => periodLabel(r.period) },
    str('category', '类别', (r) => names.category(r.category_id)),
    str('item', '积分项目', (r) => names.item(r)),
    num('points', '记录分值', (r) => r.points),
    num('counted', '计入分值', (r) => r.counted),
    num('records', '记录条数', (r) => r.records),
  ];
}

export function compareColumns(subject: string): Column<CompareTableRow>[] {
  return [
    { ...str<CompareTableRow>('period', '月份', (r) => r.period), text: (r) => periodLabel(r.period) },
    num('value', subject, (r) => r.value),
    num('exemplar_avg', '先进典型平均', (r) => r.exemplar_avg),
    num('gap', '差距（正数为落后）', (r) => r.gap, true),
    num('company_avg', '全公司平均', (r) => r.company_avg),
  ];
}

/** Rows sorted by a column (`key` ascending, `-key` descending); empty values last either way. */
export function sortRows<R>(rows: readonly R[], columns: readonly Column<R>[], sort: string | null): R[] {
  if (sort === null) return [...rows];
  const descending = sort.startsWith('-');
  const column = columns.find((c) => c.key === sort.replace(/^-/, ''));
  if (!column) return [...rows];
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((a, b) => {
      if (a.v === null || a.v === '' || b.v === null || b.v === '') {
        const empty = (v: Cell) => (v === null || v === '' ? 1 : 0);
        return empty(a.v) - empty(b.v) || a.i - b.i;
      }
      const order =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : collator.compare(String(a.v), String(b.v));
      return (descending ? -order : order) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The header and cells of a table, for CSV. */
export function tableCells<R>(
  rows: readonly R[],
  columns: readonly Column<R>[],
): { header: string[]; cells: Cell[][] } {
  return { header: columns.map((c) => c.label), cells: rows.map((row) => columns.map((c) => c.value(row))) };
}
