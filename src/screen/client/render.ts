// The markup of one slide page, built through a Builder: in the browser straight into the DOM
// (domBuilder: every text from the data goes in through textContent), and at build time into a
// plain tree that Screen.astro prints with Astro's escaping (SlideNode.astro), so that the first
// slide is in the page before any script runs.
import type { BoardRow, DeptRow, ExemplarRow, RiserRow } from './doc.ts';
import type { Page } from './slides.ts';

/** Makes the elements of a slide: `text` is always plain text, never markup. */
export interface Builder<T> {
  el(tag: string, className: string, text?: string): T;
  append(parent: T, child: T): void;
  /** A style property set from code (CSSOM): a bar's width, the number of category columns. */
  style(node: T, property: string, value: string): void;
}

export const domBuilder: Builder<HTMLElement> = {
  el(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  },
  append(parent, child) {
    parent.appendChild(child);
  },
  style(node, property, value) {
    node.style.setProperty(property, value);
  },
};

/** An element as data, for the build (Screen.astro). */
export interface SlideNode {
  tag: string;
  className: string;
  text: string | undefined;
  children: SlideNode[];
  /** Style properties; a page with any cannot be printed into the page (the CSP allows no style attribute). */
  style: [string, string][];
}

export const treeBuilder: Builder<SlideNode> = {
  el: (tag, className, text) => ({ tag, className, text, children: [], style: [] }),
  append(parent, child) {
    parent.children.push(child);
  },
  style(node, property, value) {
    node.style.push([property, value]);
  },
};

/** Whether `node` or an element below it sets a style property. */
export const hasStyle = (node: SlideNode): boolean => node.style.length > 0 || node.children.some(hasStyle);

/** The body of `page`: a header row of labels and its rows. */
export function renderBody<T>(page: Page, b: Builder<T>): T {
  const el = (tag: string, className: string, text?: string): T => b.el(tag, className, text);
  const append = (parent: T, ...children: (T | null)[]): T => {
    for (const child of children) if (child !== null) b.append(parent, child);
    return parent;
  };
  /** A text that shrinks (then wraps to two lines) to fit its box: see fitAll. */
  const fitted = (className: string, text: string): T => el('span', `fit ${className}`, text);

  const rankBadge = (rank: number, tied: boolean, medals: boolean): T =>
    append(
      el('div', 'c-rank'),
      el('span', medals && rank <= 3 ? `medal m${rank}` : 'num', String(rank)),
      tied ? el('span', 'tie', '并列') : null,
    );

  const who = (name: string, dept: string | null): T =>
    append(el('div', 'c-who'), fitted('name', name), dept === null ? null : fitted('dept', dept));

  const changeText = (change: number | null): T => {
    if (change === null) return el('span', 'change none', '—');
    if (change > 0) return el('span', 'change up', `▲${change}`);
    if (change < 0) return el('span', 'change down', `▼${-change}`);
    return el('span', 'change same', '持平');
  };

  const labels = (cells: (string | null)[], extra?: T): T => {
    const [rank, name, dept, a, c] = cells;
    return append(
      el('div', 'row labels'),
      append(el('div', 'c-rank'), el('span', 'label', rank || '')),
      append(
        el('div', 'c-who'),
        el('span', 'label name', name || ''),
        dept ? el('span', 'label dept', dept) : null,
      ),
      append(el('div', 'c-score'), el('span', 'label a', a || ''), c ? el('span', 'label b', c) : null),
      extra === undefined ? null : extra,
    );
  };

  const boardRow = (row: BoardRow, showDept: boolean): T =>
    append(
      el('div', `row${row.rank <= 3 ? ` top${row.rank}` : ''}`),
      rankBadge(row.rank, row.tied, true),
      who(row.name, showDept ? row.dept : null),
      append(el('div', 'c-score'), fitted('points', row.points), changeText(row.change)),
    );

  const riserRow = (row: RiserRow, showDept: boolean): T =>
    append(
      el('div', 'row'),
      rankBadge(row.pos, false, false),
      who(row.name, showDept ? row.dept : null),
      append(
        el('div', 'c-score'),
        el('span', 'rise', `▲${row.change || 0}`),
        fitted('now', `现第${row.rank}名`),
      ),
    );

  const deptRow = (row: DeptRow, max: number): T => {
    const share = max > 0 ? Math.max(0, Math.min(1, Number(row.avg) / max)) : 0;
    const fill = el('div', 'fill');
    b.style(fill, 'width', `${(share * 100).toFixed(1)}%`);
    return append(
      el('div', 'row'),
      rankBadge(row.pos, row.tied, true),
      append(el('div', 'c-who'), fitted('name', row.name), append(el('div', 'bar'), fill)),
      append(el('div', 'c-score'), fitted('points', row.avg), el('span', 'members', `${row.members}人`)),
    );
  };

  const exemplarRow = (row: ExemplarRow, categories: string[], showDept: boolean): T => {
    const cats = el('div', 'c-cats');
    categories.forEach((name, i) => {
      append(
        cats,
        append(el('div', 'cat'), fitted('cat-name', name), fitted('cat-value', row.cats[i] || '')),
      );
    });
    return append(
      el('div', 'row'),
      rankBadge(row.rank, row.tied, true),
      who(row.name, showDept ? row.dept : null),
      append(el('div', 'c-score'), fitted('points', row.points)),
      cats,
    );
  };

  const body = el('div', `board ${page.kind}${page.showDept ? '' : ' no-dept'}`);
  switch (page.kind) {
    case 'board':
      append(body, labels(['排名', '姓名', page.showDept ? '所在党组织' : null, '积分', page.changeLabel]));
      for (const row of page.rows) append(body, boardRow(row, page.showDept));
      break;
    case 'risers':
      append(body, labels(['名次', '姓名', page.showDept ? '所在党组织' : null, '排名上升', '本月排名']));
      for (const row of page.rows) append(body, riserRow(row, page.showDept));
      break;
    case 'depts':
      append(body, labels(['名次', '党组织', null, '平均积分', '人数']));
      for (const row of page.rows) append(body, deptRow(row, page.max));
      break;
    case 'exemplars': {
      const names = el('div', 'c-cats');
      for (const name of page.categories)
        append(names, append(el('div', 'cat'), fitted('label cat-name', name)));
      append(body, labels(['排名', '姓名', page.showDept ? '所在党组织' : null, '本月积分', null], names));
      b.style(body, '--cats', String(Math.max(1, page.categories.length)));
      for (const row of page.rows) append(body, exemplarRow(row, page.categories, page.showDept));
      break;
    }
    case 'empty':
      append(body, el('p', 'empty', '暂无已审定的积分数据'));
      break;
  }
  return body;
}

/** How many lines the text of `node` takes. */
function lineCount(node: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = range.getClientRects();
  const tops: number[] = [];
  for (let i = 0; i < rects.length; i++) {
    const rect = rects[i] as DOMRect;
    if (rect.width > 0 && !tops.some((top) => Math.abs(top - rect.top) < 2)) tops.push(rect.top);
  }
  return tops.length;
}

/** The height the text of `node` may take: its max-height (or its parent's height) less padding. */
function roomOf(node: HTMLElement): number {
  const style = getComputedStyle(node);
  const padding = Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom);
  if (/px$/.test(style.maxHeight)) return Number.parseFloat(style.maxHeight) - padding;
  return (node.parentElement ? node.parentElement.clientHeight : Number.POSITIVE_INFINITY) - padding;
}

/**
 * Whether the text is wider than its box, or (when wrapping) takes more lines than its box
 * holds. Heights are counted in lines, since the CJK fonts' ascent and descent overflow a
 * tight line-height without any visible harm.
 */
function overflows(node: HTMLElement): boolean {
  if (node.scrollWidth > node.clientWidth + 0.5) return true;
  if (!node.classList.contains('wrap')) return false;
  const lineHeight = Number.parseFloat(getComputedStyle(node).lineHeight);
  return lineCount(node) * lineHeight > roomOf(node) + 0.5;
}

interface Fitting {
  node: HTMLElement;
  min: number;
  full: number;
  size: number;
  /** Text width per px of font size, on one line. */
  ratio: number;
}

/** The line height of wrapped text (`.fit.wrap` in screen.css). */
const WRAP_LINE_HEIGHT = 1.08;

function setSize(f: Fitting, size: number): void {
  f.size = size;
  f.node.style.fontSize = `${size}px`;
}

/**
 * Shrinks each one by a pixel until it fits or reaches `floor`; every round reads all the
 * boxes, then writes all the sizes, so that a round costs one layout of the page.
 */
function shrink(fittings: Fitting[], floor: (f: Fitting) => number): void {
  let left = fittings;
  for (;;) {
    left = left.filter((f) => f.size >= floor(f) && overflows(f.node));
    if (left.length === 0) return;
    for (const f of left) setSize(f, f.size - 1);
  }
}

/**
 * Fits every `.fit` text below `root` into its box without cutting a character: it shrinks
 * on one line; when that takes it below 80 % of its size, two lines are tried (where the box is
 * tall enough) and the larger wins. `data-min` (default 28 px) is the smallest size wanted;
 * an absurdly long text goes below it rather than lose characters.
 */
export function fitAll(root: HTMLElement): void {
  const nodes = Array.prototype.slice.call(root.querySelectorAll('.fit')) as HTMLElement[];
  for (const node of nodes) {
    node.style.fontSize = '';
    node.classList.remove('wrap');
  }
  const fittings: Fitting[] = nodes.filter(overflows).map((node) => {
    const full = Number.parseFloat(getComputedStyle(node).fontSize);
    const min = Number(node.dataset.min) || 28;
    const ratio = Math.max(1, node.scrollWidth) / full;
    const guess = Math.floor(node.clientWidth / ratio);
    return { node, min, full, ratio, size: Math.max(min, Math.min(full, guess)) };
  });
  for (const f of fittings) setSize(f, f.size);
  shrink(fittings, (f) => f.min);

  const single = new Map(fittings.map((f) => [f, f.size]));
  const wrapping = fittings.filter((f) => f.size < f.min || f.size < f.full * 0.8);
  // Two lines hold a little less than twice one line, and need a box two lines tall.
  const guesses = wrapping.map((f) =>
    Math.min(f.full, (1.9 * f.node.clientWidth) / f.ratio, roomOf(f.node) / (2 * WRAP_LINE_HEIGHT)),
  );
  wrapping.forEach((f, i) => {
    f.node.classList.add('wrap');
    setSize(f, Math.max(8, Math.floor(guesses[i] || 0)));
  });
  shrink(wrapping, (f) => f.min);
  const tooLong: Fitting[] = [];
  for (const f of wrapping) {
    const best = single.get(f) || 0;
    if (f.size >= f.min && f.size > best) continue;
    if (best >= f.min) {
      f.node.classList.remove('wrap');
      setSize(f, best);
    } else {
      tooLong.push(f);
    }
  }
  shrink(tooLong, () => 8);
}
