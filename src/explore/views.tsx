// Browser-only: the panel's parts (filters, breadcrumb, chart box, sortable table). Text from the
// data is rendered by React as text; charts are DOM nodes built by Plot.
import { type ReactNode, useEffect, useRef } from 'react';
import { periodLabel } from '../site/format.ts';
import type { Column } from './columns.ts';
import { type Meta, subtreeList } from './meta.ts';
import { changeUnit, type ExploreState, periodsOf, type Unit } from './state.ts';

export interface FiltersProps {
  meta: Meta;
  scope: string;
  state: ExploreState;
  onChange: (next: ExploreState) => void;
  onReset: () => void;
}

export function Filters({ meta, scope, state, onChange, onReset }: FiltersProps) {
  const periods = periodsOf(meta, state.unit);
  const depts = subtreeList(meta, scope);
  const items = meta.items.filter(
    (i) =>
      i.category_id !== meta.veto?.category_id &&
      (state.category === null || i.category_id === state.category),
  );
  const setUnit = (unit: Unit) => onChange(changeUnit(state, unit, meta));
  return (
    <fieldset className="explore-filters">
      <legend className="sr-only">筛选条件</legend>
      <fieldset className="explore-field explore-unit">
        <legend className="sr-only">期间单位</legend>
        {(['month', 'quarter'] as const).map((unit) => (
          <label key={unit}>
            <input
              type="radio"
              name="explore-unit"
              value={unit}
              checked={state.unit === unit}
              onChange={() => setUnit(unit)}
            />
            {unit === 'month' ? '按月' : '按季度'}
          </label>
        ))}
      </fieldset>
      <PeriodSelect
        name="from"
        label="起"
        value={state.from}
        periods={periods}
        onPick={(from) => onChange({ ...state, from, to: [from, state.to].sort()[1] ?? from })}
      />
      <PeriodSelect
        name="to"
        label="止"
        value={state.to}
        periods={periods}
        onPick={(to) => onChange({ ...state, to, from: [to, state.from].sort()[0] ?? to })}
      />
      <label className="explore-field">
        <span>组织</span>
        <select
          name="dept"
          value={state.dept}
          onChange={(e) => onChange({ ...state, dept: e.target.value, own: false, member: null, sort: null })}
        >
          {depts.map((d) => (
            <option key={d.dept_id} value={d.dept_id}>
              {`${'　'.repeat(d.depth)}${d.name}`}
            </option>
          ))}
        </select>
      </label>
      <label className="explore-field">
        <span>类别</span>
        <select
          name="category"
          value={state.category ?? ''}
          onChange={(e) => {
            const category = e.target.value === '' ? null : e.target.value;
            const keep = meta.items.some((i) => i.item_code === state.item && i.category_id === category);
            onChange({ ...state, category, item: keep ? state.item : null });
          }}
        >
          <option value="">全部类别（总积分）</option>
          {meta.categories.map((c) => (
            <option key={c.category_id} value={c.category_id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="explore-field">
        <span>积分项目</span>
        <select
          name="item"
          value={state.item ?? ''}
          onChange={(e) => onChange({ ...state, item: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">全部项目</option>
          {items.map((i) => (
            <option key={`${i.category_id}/${i.item_code}`} value={i.item_code}>
              {i.name ?? i.item_code}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="explore-reset" onClick={onReset}>
        重置
      </button>
    </fieldset>
  );
}

export interface Crumb {
  label: string;
  /** null for the current (last) crumb. */
  go: (() => void) | null;
}

export function Breadcrumb({ crumbs }: { crumbs: readonly Crumb[] }) {
  return (
    <nav className="explore-crumbs" aria-label="钻取路径">
      <ol>
        {crumbs.map((crumb, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the trail is positional
          <li key={i}>
            {crumb.go ? (
              <button type="button" className="link" onClick={crumb.go}>
                {crumb.label}
              </button>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A box that holds a DOM node built outside React (a Plot chart), replaced when `build` changes. */
export function ChartBox({ build, label }: { build: (width: number) => Element; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const width = Math.max(320, Math.min(760, Math.round(box.clientWidth || 640)));
    box.replaceChildren(build(width));
    box.dataset.rendered = String(Number(box.dataset.rendered ?? 0) + 1);
    performance.mark('explore:render');
  }, [build]);
  return <figure className="explore-chart" ref={ref} aria-label={label} />;
}

export interface TableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  sort: string | null;
  onSort: (sort: string) => void;
  /** A cell's content instead of its text (e.g. a drill button), by column key. */
  cell?: (row: R, column: Column<R>) => ReactNode | undefined;
  rowKey: (row: R) => string;
  footer?: ReactNode;
  limit?: number;
  caption: string;
}

export function DataTable<R>({
  rows,
  columns,
  sort,
  onSort,
  cell,
  rowKey,
  footer,
  limit = 500,
  caption,
}: TableProps<R>) {
  const shown = rows.slice(0, limit);
  return (
    <div className="table-wrap">
      <table className="explore-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.replace(/^-/, '') === c.key;
              const descending = active && sort?.startsWith('-');
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'c-num' : undefined}
                  aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort"
                    data-key={c.key}
                    onClick={() => onSort(active && !descending ? `-${c.key}` : c.key)}
                  >
                    {c.label}
                    <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)} data-key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'c-num' : undefined} data-col={c.key}>
                  {cell?.(row, c) ?? c.text(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer}
      </table>
      {rows.length > shown.length && (
        <p className="hint">
          表中显示前 {shown.length} 行（共 {rows.length} 行），完整数据请下载 CSV。
        </p>
      )}
    </div>
  );
}

/** A period range's end: 起 or 止. */
function PeriodSelect(props: {
  name: string;
  label: string;
  value: string;
  periods: readonly string[];
  onPick: (period: string) => void;
}) {
  return (
    <label className="explore-field">
      <span>{props.label}</span>
      <select name={props.name} value={props.value} onChange={(e) => props.onPick(e.target.value)}>
        {props.periods.map((p) => (
          <option key={p} value={p}>
            {periodLabel(p)}
          </option>
        ))}
      </select>
    </label>
  );
}
