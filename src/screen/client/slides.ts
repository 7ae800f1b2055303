// What the screen shows, page by page (pure): the chosen slides of a document, their rows
// limited to the top N and split into pages that fit the layout.
import type { BoardRow, DeptRow, ExemplarRow, RiserRow, ScreenDoc } from './doc.ts';
import { firstN, paginate, withinTop } from './paging.ts';
import { type Params, SLIDES, type SlideName } from './params.ts';
import { formatPeriod } from './time.ts';

export type Layout = 'landscape' | 'portrait';

/** Rows per page in each layout (the CSS row heights in screen.css are made for these). */
export const CAPACITY: Record<Layout, Record<SlideName, number>> = {
  landscape: { month: 10, quarter: 10, risers: 10, depts: 10, exemplars: 7 },
  portrait: { month: 15, quarter: 15, risers: 15, depts: 15, exemplars: 8 },
};

interface PageBase {
  slide: SlideName;
  title: string;
  subtitle: string;
  /** 1-based. */
  page: number;
  pages: number;
  /** Whether rows name their department (not on a one-department screen). */
  showDept: boolean;
}

export type Page =
  | (PageBase & { kind: 'board'; rows: BoardRow[]; changeLabel: string })
  | (PageBase & { kind: 'risers'; rows: RiserRow[] })
  | (PageBase & { kind: 'depts'; rows: DeptRow[]; max: number })
  | (PageBase & { kind: 'exemplars'; rows: ExemplarRow[]; categories: string[] })
  | (PageBase & { kind: 'empty' });

const manyDepts = (rows: readonly { dept: string }[]): boolean =>
  rows.some((r) => r.dept !== (rows[0] as { dept: string }).dept);

function exemplarSubtitle(doc: ScreenDoc): string {
  const e = doc.exemplars;
  if (!e) return '';
  const rule = e.rule === 'designated' ? '党组织评定' : `全公司积分前${e.percent || ''}%`;
  const whose =
    e.scope === 'department' ? `本单位 · ${rule}` : e.rule === 'designated' ? `全公司 · ${rule}` : rule;
  return `${formatPeriod(e.period)} · ${whose} · 共${e.total}人`;
}

/** The pages of one slide; none when it has nothing to show. */
function slidePages(doc: ScreenDoc, slide: SlideName, params: Params, layout: Layout): Page[] {
  const capacity = CAPACITY[layout][slide];
  const org = doc.scope.kind === 'organization';
  const base = (
    title: string,
    subtitle: string,
    page: number,
    pages: number,
    showDept: boolean,
  ): PageBase => ({
    slide,
    title,
    subtitle,
    page,
    pages,
    showDept,
  });
  switch (slide) {
    case 'month':
    case 'quarter': {
      const board = doc[slide];
      if (!board) return [];
      const rows = withinTop(board.rows, params.top, (r) => r.rank);
      const showDept = org || manyDepts(rows);
      const title = slide === 'month' ? '本月积分排行' : '本季度积分排行';
      const subtitle = `${formatPeriod(board.period)} · ${board.ranked}人参与排名`;
      const changeLabel = slide === 'month' ? '较上月' : '较上季';
      return paginate(rows, capacity).map((r, i, all) => ({
        ...base(title, subtitle, i + 1, all.length, showDept),
        kind: 'board',
        rows: r,
        changeLabel,
      }));
    }
    case 'risers': {
      const risers = doc.risers;
      if (!risers) return [];
      const rows = withinTop(risers.rows, params.top, (r) => r.pos);
      const showDept = org || manyDepts(rows);
      const subtitle = `${formatPeriod(risers.period)} · 排名较上月上升`;
      return paginate(rows, capacity).map((r, i, all) => ({
        ...base('进步之星', subtitle, i + 1, all.length, showDept),
        kind: 'risers',
        rows: r,
      }));
    }
    case 'depts': {
      const depts = doc.depts;
      if (!depts || depts.rows.length < 2) return [];
      const rows = withinTop(depts.rows, params.top, (r) => r.pos);
      const max = Math.max(0, ...depts.rows.map((r) => Number(r.avg)));
      const subtitle = `${formatPeriod(depts.period)} · 参与排名党员的月平均积分`;
      return paginate(rows, capacity).map((r, i, all) => ({
        ...base('各支部平均积分', subtitle, i + 1, all.length, true),
        kind: 'depts',
        rows: r,
        max,
      }));
    }
    case 'exemplars': {
      const exemplars = doc.exemplars;
      if (!exemplars) return [];
      const shown = firstN(exemplars.rows, params.top, (r) => r.rank);
      const showDept = exemplars.scope === 'organization' || manyDepts(shown);
      const categories = doc.categories.map((c) => c.name);
      return paginate(shown, capacity).map((r, i, all) => ({
        ...base('先进典型', exemplarSubtitle(doc), i + 1, all.length, showDept),
        kind: 'exemplars',
        rows: r,
        categories,
      }));
    }
  }
}

/** Every page of the rotation, in order; one 'empty' page when there is nothing to show. */
export function planPages(doc: ScreenDoc, params: Params, layout: Layout): Page[] {
  const pages = params.slides.flatMap((slide) => slidePages(doc, slide, params, layout));
  if (pages.length > 0) return pages;
  const subtitle = doc.asOf ? `数据截至${formatPeriod(doc.asOf)}` : '';
  return [
    {
      slide: params.slides[0] || 'month',
      kind: 'empty',
      title: '党员积分亮榜',
      subtitle,
      page: 1,
      pages: 1,
      showDept: false,
    },
  ];
}

/** The texts around the board: the header's and the footer's. */
export interface Frame {
  organization: string;
  /** The department's name; '' on the organisation's screen. */
  scope: string;
  title: string;
  subtitle: string;
  asOf: string;
  pager: string;
}

export function frameTexts(doc: ScreenDoc, page: Page): Frame {
  return {
    organization: doc.organization,
    scope: doc.scope.kind === 'department' ? doc.scope.name : '',
    title: page.title,
    subtitle: page.subtitle,
    asOf: doc.asOf ? `数据截至 ${formatPeriod(doc.asOf)}` : '暂无数据',
    pager: page.pages > 1 ? `第 ${page.page}/${page.pages} 页` : '',
  };
}

/** The slides of `doc` that have at least one page under `params.top` and `layout`. */
export function filledSlides(doc: ScreenDoc, params: Params, layout: Layout): SlideName[] {
  return SLIDES.filter((slide) => slidePages(doc, slide, params, layout).length > 0);
}

/**
 * Which first page the screen shows, as a key: the layout, the board length and the first
 * slide (of `slides`, the first one in `filled`; else the 'empty' page of `slides[0]`). The page
 * printed at build time (Screen.astro) is used as it is when the script's key matches its own:
 * same document, same key, same page.
 */
export function firstPageKey(slides: SlideName[], filled: SlideName[], top: number, layout: Layout): string {
  const slide = slides.find((s) => filled.indexOf(s) >= 0);
  return slide ? `${layout} ${top} ${slide}` : `${layout} ${top} empty ${slides[0] || 'month'}`;
}
