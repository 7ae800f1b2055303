// Browser-only: the drill-down panel. Starts the engine, keeps the state in the URL, queries a view
// per state (./load.ts) and shows it as a chart, a sortable table or a comparison with the
// exemplars; 下载 CSV saves the table on screen.
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatPoints, periodLabel } from '../site/format.ts';
import { barChart, COLORS, compareChart, itemsChart } from './chart.ts';
import {
  type Column,
  compareColumns,
  deptColumns,
  itemColumns,
  memberColumns,
  memberStatus,
  sortRows,
  tableCells,
} from './columns.ts';
import { type Cell, safeFileName, toCsv } from './csv.ts';
import type { BrowserDb, EngineUrls, Explorer } from './engine.ts';
import { errorMessage } from './errors.ts';
import {
  cacheDetails,
  type DeptRow,
  loadView,
  type MemberView,
  newRangeCache,
  type ViewResult,
} from './load.ts';
import { categoryName, deptName, itemName, type Meta, pathBetween, type Slice, slicesOf } from './meta.ts';
import type { ItemRow } from './queries.ts';
import {
  defaultState,
  type ExploreState,
  type PanelContext,
  parseState,
  stateToSearch,
  type View,
} from './state.ts';
import type { TableName } from './tables.ts';
import { Breadcrumb, ChartBox, type Crumb, DataTable, Filters } from './views.tsx';

export interface PanelConfig extends PanelContext {
  urls: EngineUrls;
}

type Phase =
  | { kind: 'starting' }
  | { kind: 'ready'; db: BrowserDb; meta: Meta }
  | { kind: 'error'; message: string };

/**
 * A members' chart's items (its focus's subtree) are loaded in the background up to this size
 * (raw Arrow; about a tenth of it travels, compressed): a branch's always, a 5,000-member
 * 党委's own members (36 MB) not.
 */
const PREFETCH_ITEMS_BYTES = 8_000_000;

const VIEWS: { view: View; label: string }[] = [
  { view: 'chart', label: '图表' },
  { view: 'table', label: '表格' },
  { view: 'compare', label: '与先进典型对比' },
];

/** The measure's name: 积分, a category's name, or an item's. */
function measureName(meta: Meta, state: ExploreState): string {
  if (state.item !== null) return `“${itemName(meta, state.item)}”得分`;
  if (state.category !== null) return categoryName(meta, state.category) ?? '积分';
  return '积分';
}

/** A month's official ranks are shown when the range is exactly one month. */
const showRanks = (state: ExploreState): boolean => state.unit === 'month' && state.from === state.to;

const itemLabel = (meta: Meta, r: ItemRow): string =>
  r.item_code === null ? '（类别直接计分）' : (r.item_name ?? itemName(meta, r.item_code) ?? r.item_code);

const itemNames = (meta: Meta) => ({
  category: (id: string) => categoryName(meta, id) ?? id,
  item: (r: ItemRow) => itemLabel(meta, r),
});

function rangeLabel(state: ExploreState): string {
  return state.from === state.to
    ? periodLabel(state.from)
    : `${periodLabel(state.from)}至${periodLabel(state.to)}`;
}

export function Explore({ config, explorer }: { config: PanelConfig; explorer: Promise<Explorer> }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [state, setState] = useState<ExploreState | null>(null);
  const [result, setResult] = useState<ViewResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [queryError, setQueryError] = useState<string | null>(null);
  const sequence = useRef(0);
  const rangeCache = useRef(newRangeCache());

  // Start the engine and read the URL's state once.
  useEffect(() => {
    let live = true;
    explorer
      .then(({ meta, db }) => {
        if (!live) return;
        const initial = parseState(window.location.search, meta, config);
        window.history.replaceState(window.history.state, '', stateToSearch(initial, window.location.search));
        setState(initial);
        setPhase({ kind: 'ready', db, meta });
      })
      .catch((error: unknown) => {
        if (live) setPhase({ kind: 'error', message: errorMessage(error) });
      });
    return () => {
      live = false;
    };
  }, [config, explorer]);

  // Back and forward move through the drill-down.
  useEffect(() => {
    if (phase.kind !== 'ready') return;
    const onPop = () => setState(parseState(window.location.search, phase.meta, config));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [phase, config]);

  // Query the view of each state.
  useEffect(() => {
    if (phase.kind !== 'ready' || state === null) return;
    const id = ++sequence.current;
    const slow = setTimeout(() => setBusy(true), 150);
    const { db } = phase;
    const loader = {
      table: (table: TableName) => db.ensure(table),
      items: (s: readonly Slice[]) => db.items.need(s),
      covers: (depts: readonly string[]) => db.items.covers(depts),
    };
    loadView(db, phase.meta, state, loader, rangeCache.current)
      .then((view) => {
        if (id !== sequence.current) return;
        performance.mark('explore:result');
        setResult(view);
        setQueryError(null);
      })
      .catch((error: unknown) => {
        if (id === sequence.current) setQueryError(errorMessage(error));
      })
      .finally(() => {
        clearTimeout(slow);
        if (id === sequence.current) setBusy(false);
      });
  }, [phase, state]);

  // Once a members' chart is up, load its focus's items in the background when they are small,
  // and query its members' details: a click on a member then needs no query. Not on a chart of
  // departments, where a large subtree's load would hold up the engine (one thread) while the
  // person drills further.
  useEffect(() => {
    if (phase.kind !== 'ready' || result?.data.level !== 'members') return;
    const { db, meta } = phase;
    const slices = slicesOf(meta, result.state.dept);
    const bytes = slices.reduce(
      (sum, s) => sum + (meta.slices?.[s.dept]?.items ?? Number.POSITIVE_INFINITY),
      0,
    );
    if (bytes > PREFETCH_ITEMS_BYTES && !db.items.covers(slices.flatMap((s) => s.covers))) return;
    const idle = window.setTimeout(() => {
      db.items
        .need(slices)
        .then(() => cacheDetails(db, result, (depts) => db.items.covers(depts), rangeCache.current))
        .catch(() => undefined);
    }, 50);
    return () => window.clearTimeout(idle);
  }, [phase, result]);

  const go = useCallback((next: ExploreState, push: boolean) => {
    performance.mark('explore:navigate');
    const search = stateToSearch(next, window.location.search);
    if (push) window.history.pushState(null, '', search);
    else window.history.replaceState(window.history.state, '', search);
    setState(next);
  }, []);

  if (phase.kind === 'starting') {
    return (
      <div className="explore-panel" data-phase="starting">
        <p className="explore-loading" role="status">
          正在启动数据引擎并加载数据……首次打开需下载约 7 MB 的数据引擎，之后由浏览器缓存。
        </p>
      </div>
    );
  }
  if (phase.kind === 'error') {
    return (
      <div className="explore-panel" data-phase="error">
        <p className="explore-error" role="alert">
          {phase.message}
        </p>
      </div>
    );
  }
  if (state === null) return null;
  const { meta } = phase;
  return (
    <div className="explore-panel" data-phase="ready" aria-busy={busy}>
      <Filters
        meta={meta}
        scope={config.scope}
        state={state}
        onChange={(next) => go(next, false)}
        onReset={() => go(defaultState(meta, config), true)}
      />
      <Trail meta={meta} scope={config.scope} state={state} result={result} go={go} />
      <div className="explore-toolbar">
        <div className="explore-views" role="tablist" aria-label="视图">
          {VIEWS.map(({ view, label }) => (
            <button
              key={view}
              type="button"
              role="tab"
              data-view={view}
              aria-selected={state.view === view}
              onClick={() => go({ ...state, view }, false)}
            >
              {label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="explore-download"
          disabled={result === null}
          onClick={() => result && download(meta, result)}
        >
          下载 CSV
        </button>
      </div>
      <p className="explore-status" role="status" aria-live="polite">
        {queryError ?? (busy ? '正在查询……' : '')}
      </p>
      {result && <Body meta={meta} result={result} go={go} />}
    </div>
  );
}

function Trail({
  meta,
  scope,
  state,
  result,
  go,
}: {
  meta: Meta;
  scope: string;
  state: ExploreState;
  result: ViewResult | null;
  go: (next: ExploreState, push: boolean) => void;
}) {
  const path = pathBetween(meta, scope, state.dept);
  const crumbs: Crumb[] = path.map((d) => ({
    label: d.name,
    go: () => go({ ...state, dept: d.dept_id, own: false, member: null, sort: null }, true),
  }));
  if (state.own)
    crumbs.push({ label: '本级党员', go: () => go({ ...state, member: null, sort: null }, true) });
  if (state.member !== null) {
    const name = result?.data.level === 'items' ? result.data.months[0]?.name : undefined;
    crumbs.push({ label: name ?? state.member, go: null });
  }
  const last = crumbs.at(-1);
  if (last) last.go = null;
  return <Breadcrumb crumbs={crumbs} />;
}

/** The state one level down: a department's bar, or a member's. */
const intoDept = (state: ExploreState, row: DeptRow): ExploreState => ({
  ...state,
  dept: row.dept_id,
  own: row.own,
  member: null,
  sort: null,
});
const intoMember = (state: ExploreState, id: string): ExploreState => ({ ...state, member: id, sort: null });

/** The chart of a view's level, as a function of its width; a click on a bar drills down. */
function chartOf(
  meta: Meta,
  result: ViewResult,
  go: (next: ExploreState, push: boolean) => void,
): (width: number) => Element {
  const { state, data } = result;
  if (data.level === 'departments') {
    const key = (r: DeptRow) => (r.own ? `own:${r.dept_id}` : r.dept_id);
    const rows = data.rows;
    return (width) =>
      barChart(
        rows.map((r) => ({ key: key(r), label: r.own ? '本级党员' : r.name, value: r.value })),
        {
          width,
          describe: (b) => `${b.label}：人均${formatPoints(b.value)}`,
          onSelect: (k) => {
            const row = rows.find((r) => key(r) === k);
            if (row) go(intoDept(state, row), true);
          },
        },
      );
  }
  if (data.level === 'members') {
    const rows = data.rows.slice(0, 50);
    return (width) =>
      barChart(
        rows.map((r) => ({ key: r.member_id, label: r.name, value: r.value, muted: !r.ranked })),
        {
          width,
          describe: (b) => `${b.label}：${formatPoints(b.value)}`,
          onSelect: (id) => go(intoMember(state, id), true),
        },
      );
  }
  const items = data.rows.map((r) => ({
    period: r.period,
    category: categoryName(meta, r.category_id) ?? r.category_id,
    label: itemLabel(meta, r),
    value: r.counted,
  }));
  const months = data.months.map((m) => ({ period: m.period, value: m.value }));
  const total = state.item === null && state.category === null ? '月积分' : `当月${measureName(meta, state)}`;
  return (width) =>
    itemsChart(items, months, {
      width,
      categories: [...meta.categories, ...(meta.veto ? [meta.veto] : [])].map((c) => c.name),
      total,
    });
}

function Body({
  meta,
  result,
  go,
}: {
  meta: Meta;
  result: ViewResult;
  go: (next: ExploreState, push: boolean) => void;
}) {
  const { state, data } = result;
  const measure = measureName(meta, state);
  const sortBy = (sort: string) => go({ ...state, sort }, false);
  const drillDept = (row: DeptRow) => go(intoDept(state, row), true);
  const drillMember = (id: string) => go(intoMember(state, id), true);
  const range = rangeLabel(state);
  const focus = state.own ? `${deptName(meta, state.dept)}（本级）` : deptName(meta, state.dept);

  const chart = useMemo(() => chartOf(meta, result, go), [meta, result, go]);

  if (state.view === 'compare') {
    return <Compare meta={meta} result={result} measure={measure} focus={focus} onSort={sortBy} />;
  }

  let heading: string;
  let table: ReactNode;
  if (data.level === 'departments') {
    heading = `${focus} · ${range} · 各下属组织人均${measure}（参与排名党员 ${data.summary.ranked} 人，人均 ${formatPoints(data.summary.value)}）`;
    const columns = deptColumns(measure);
    table = (
      <DataTable
        caption={heading}
        rows={sortRows(data.rows, columns, state.sort)}
        columns={columns}
        sort={state.sort}
        onSort={sortBy}
        rowKey={(r) => (r.own ? `own:${r.dept_id}` : r.dept_id)}
        cell={(r, c) =>
          c.key === 'name' ? (
            <button type="button" className="link drill" onClick={() => drillDept(r)}>
              {c.text(r)}
            </button>
          ) : undefined
        }
        footer={
          <tfoot>
            <tr>
              <th scope="row">合计</th>
              <td className="c-num">{data.summary.members}</td>
              <td className="c-num">{data.summary.ranked}</td>
              <td className="c-num">{formatPoints(data.summary.total)}</td>
              <td className="c-num">{formatPoints(data.summary.value)}</td>
            </tr>
          </tfoot>
        }
      />
    );
  } else if (data.level === 'members') {
    heading = `${focus} · ${range} · 党员${measure}（参与排名 ${data.summary.ranked} 人，人均 ${formatPoints(data.summary.value)}）`;
    const columns = memberColumns(measure, {
      dept: !state.own && data.rows.some((r) => r.dept_id !== state.dept),
      ranks: showRanks(state),
    });
    table = (
      <DataTable<MemberView>
        caption={heading}
        rows={sortRows(data.rows, columns, state.sort)}
        columns={columns}
        sort={state.sort}
        onSort={sortBy}
        rowKey={(r) => r.member_id}
        cell={(r, c) =>
          c.key === 'name' ? (
            <button type="button" className="link drill" onClick={() => drillMember(r.member_id)}>
              {r.name}
            </button>
          ) : c.key === 'status' && memberStatus(r) ? (
            <span className={`tag ${r.exempt ? 'exempt' : 'veto'}`}>{memberStatus(r)}</span>
          ) : undefined
        }
      />
    );
  } else {
    const name = data.months[0]?.name ?? state.member ?? '';
    heading = `${name} · ${range} · 积分项目明细（计入分值按项目上下限截取；月积分另按类别上下限和权重计算）`;
    const columns = itemColumns(itemNames(meta));
    const counted = data.rows.reduce((sum, r) => sum + Math.round(r.counted * 100), 0) / 100;
    table = (
      <>
        <DataTable<ItemRow>
          caption={heading}
          rows={sortRows(data.rows, columns, state.sort)}
          columns={columns}
          sort={state.sort}
          onSort={sortBy}
          rowKey={(r) => `${r.period}/${r.category_id}/${r.item_code ?? ''}`}
          footer={
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  合计
                </th>
                <td className="c-num">{formatPoints(counted)}</td>
                <td />
              </tr>
            </tfoot>
          }
        />
        <MonthsTable result={result} measure={measure} />
      </>
    );
  }

  return (
    <section className="explore-view" data-level={data.level} aria-label={heading}>
      <h3 className="explore-heading">{heading}</h3>
      {state.view === 'chart' ? (
        <>
          {data.rows.length === 0 ? (
            <p className="empty">所选条件下没有积分数据。</p>
          ) : (
            <ChartBox build={chart} label={heading} />
          )}
          {data.level === 'members' && data.rows.length > 50 && (
            <p className="hint">图中显示前 50 名，完整名单见“表格”。</p>
          )}
          {data.level !== 'items' && data.rows.length > 0 && (
            <p className="hint">
              点击柱条查看下一级{data.level === 'members' ? '（该党员各月积分项目）' : ''}
              ；灰色为免评或被否决、不参与排名的党员。
            </p>
          )}
        </>
      ) : (
        table
      )}
    </section>
  );
}

function MonthsTable({ result, measure }: { result: ViewResult; measure: string }) {
  if (result.data.level !== 'items') return null;
  const months = result.data.months;
  const filtered = result.state.category !== null || result.state.item !== null;
  return (
    <div className="table-wrap">
      <table className="explore-months">
        <caption>各月积分</caption>
        <thead>
          <tr>
            <th scope="col">月份</th>
            <th scope="col">所在组织</th>
            {filtered && (
              <th scope="col" className="c-num">
                {measure}
              </th>
            )}
            <th scope="col" className="c-num">
              月积分
            </th>
            <th scope="col" className="c-num">
              支部排名
            </th>
            <th scope="col" className="c-num">
              全公司排名
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.period} data-period={m.period}>
              <td>{periodLabel(m.period)}</td>
              <td>{m.dept_name}</td>
              {filtered && <td className="c-num">{formatPoints(m.value)}</td>}
              <td className="c-num">{formatPoints(m.points)}</td>
              <td className="c-num">{m.exempt ? '免评' : m.vetoed ? '否决' : formatPoints(m.rank_dept)}</td>
              <td className="c-num">{m.exempt || m.vetoed ? '—' : formatPoints(m.rank_company)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Compare({
  meta,
  result,
  measure,
  focus,
  onSort,
}: {
  meta: Meta;
  result: ViewResult;
  measure: string;
  focus: string;
  onSort: (sort: string) => void;
}) {
  const compare = result.compare;
  const { state } = result;
  const memberName = result.data.level === 'items' ? (result.data.months[0]?.name ?? state.member) : null;
  const subject = memberName ?? `${focus}人均`;
  const shown = state.item !== null ? (categoryName(meta, state.category) ?? '积分') : measure;
  const build = useMemo(() => {
    const rows = compare?.rows ?? [];
    return (width: number) =>
      compareChart(
        [
          {
            label: subject,
            color: COLORS.subject,
            points: rows.map((r) => ({ period: r.period, value: r.value })),
          },
          {
            label: '先进典型平均',
            color: COLORS.exemplar,
            points: rows.map((r) => ({ period: r.period, value: r.exemplar_avg })),
          },
          {
            label: '全公司平均',
            color: COLORS.company,
            dashed: true,
            points: rows.map((r) => ({ period: r.period, value: r.company_avg })),
          },
        ],
        { width, periods: rows.map((r) => r.period) },
      );
  }, [compare, subject]);
  if (!compare) return null;
  const columns = compareColumns(subject);
  const heading = `${subject} · ${rangeLabel(state)} · 逐月${shown}与先进典型对比`;
  return (
    <section className="explore-view" data-level="compare" aria-label={heading}>
      <h3 className="explore-heading">{heading}</h3>
      {state.item !== null && (
        <p className="hint">
          先进典型只有总积分和类别积分，不按单个项目统计：此处按所选类别（或总积分）对比。
        </p>
      )}
      {compare.rows.length === 0 ? (
        <p className="empty">所选期间没有积分数据。</p>
      ) : (
        <>
          <ChartBox build={build} label={heading} />
          <p className="legend">
            <span className="swatch">
              <i style={{ background: COLORS.subject }} />
              {subject}
            </span>
            <span className="swatch">
              <i style={{ background: COLORS.exemplar }} />
              先进典型平均
            </span>
            <span className="swatch">
              <i className="dashed" style={{ background: COLORS.company }} />
              全公司平均
            </span>
          </p>
          <DataTable
            caption={heading}
            rows={sortRows(compare.rows, columns, state.sort)}
            columns={columns}
            sort={state.sort}
            onSort={onSort}
            rowKey={(r) => r.period}
          />
        </>
      )}
      {compare.weak.length > 0 && <WeakTable meta={meta} rows={compare.weak} />}
    </section>
  );
}

function WeakTable({ meta, rows }: { meta: Meta; rows: NonNullable<ViewResult['compare']>['weak'] }) {
  return (
    <div className="table-wrap">
      <table className="explore-weak">
        <caption>各季度薄弱环节（各组织本级党员，与全公司比较）</caption>
        <thead>
          <tr>
            <th scope="col">季度</th>
            <th scope="col">组织</th>
            <th scope="col">类别</th>
            <th scope="col" className="c-num">
              本组织均分
            </th>
            <th scope="col" className="c-num">
              全公司均分
            </th>
            <th scope="col" className="c-num">
              标准化差距
            </th>
            <th scope="col">最弱</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.period}/${r.dept_id}/${r.category_id}`}
              className={r.weakest ? 'weakest' : undefined}
            >
              <td>{periodLabel(r.period)}</td>
              <td>{r.dept_name}</td>
              <td>{categoryName(meta, r.category_id)}</td>
              <td className="c-num">{formatPoints(r.dept_avg)}</td>
              <td className="c-num">{formatPoints(r.company_avg)}</td>
              <td className="c-num">{formatPoints(r.std_gap)}</td>
              <td>{r.weakest ? '最弱' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The table on screen, as CSV cells. */
function csvOf(meta: Meta, result: ViewResult): { header: string[]; cells: Cell[][] } {
  const { state, data } = result;
  const measure = measureName(meta, state);
  const take = <R,>(rows: readonly R[], columns: readonly Column<R>[]) =>
    tableCells(sortRows(rows, columns, state.sort), columns);
  if (state.view === 'compare' && result.compare) {
    const subject =
      data.level === 'items' ? (data.months[0]?.name ?? '') : `${deptName(meta, state.dept)}人均`;
    return take(result.compare.rows, compareColumns(subject));
  }
  if (data.level === 'departments') return take(data.rows, deptColumns(measure));
  if (data.level === 'members') {
    return take(data.rows, memberColumns(measure, { dept: true, ranks: showRanks(state) }));
  }
  return take(data.rows, itemColumns(itemNames(meta)));
}

/** Saves the table on screen as a CSV file (UTF-8 with BOM), built in the browser. */
function download(meta: Meta, result: ViewResult): void {
  const { state, data } = result;
  const { header, cells } = csvOf(meta, result);
  const subject =
    data.level === 'items' ? (data.months[0]?.name ?? state.member ?? '') : deptName(meta, state.dept);
  const range = state.to === state.from ? state.from : `${state.from}至${state.to}`;
  const url = URL.createObjectURL(new Blob([toCsv(header, cells)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(`数据探索_${subject}_${range}.csv`);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
