import { expect, test } from 'vitest';
import { type BoardRow, parseDoc, parseVersion, type ScreenDoc } from '../../src/screen/client/doc.ts';
import { DEFAULTS, parseParams } from '../../src/screen/client/params.ts';
import { hasStyle, renderBody, type SlideNode, treeBuilder } from '../../src/screen/client/render.ts';
import { filledSlides, firstPageKey, frameTexts, planPages } from '../../src/screen/client/slides.ts';

const row = (rank: number, dept = '一支部'): BoardRow => ({
  rank,
  tied: false,
  name: `党员${rank}`,
  dept,
  points: String(100 - rank),
  change: null,
});

function doc(over: Partial<ScreenDoc> = {}): ScreenDoc {
  const rows = Array.from({ length: 30 }, (_, i) => row(i + 1, i % 2 ? '一支部' : '二支部'));
  return {
    schema: 1,
    version: 'v1',
    organization: '某党委',
    scope: { kind: 'organization', id: null, name: '' },
    asOf: '2026-03',
    categories: [{ id: 'basic', name: '基础评价分' }],
    month: { period: '2026-03', ranked: 30, rows },
    quarter: { period: '2026-Q1', ranked: 30, rows },
    risers: { period: '2026-03', ranked: 30, rows: [{ ...row(5), change: 3, pos: 1 }] },
    depts: {
      period: '2026-03',
      rows: [
        { pos: 1, tied: false, name: '一支部', members: 15, avg: '80' },
        { pos: 2, tied: false, name: '二支部', members: 15, avg: '70.5' },
      ],
    },
    exemplars: {
      period: '2026-03',
      rule: 'top_percent',
      percent: '10',
      scope: 'organization',
      total: 3,
      rows: [1, 2, 3].map((rank) => ({
        rank,
        tied: false,
        name: `典型${rank}`,
        dept: '一支部',
        points: '99',
        cats: ['60'],
      })),
    },
    ...over,
  };
}

const summary = (pages: ReturnType<typeof planPages>) => pages.map((p) => `${p.slide} ${p.page}/${p.pages}`);

test('pages follow ?slides= order, boards hold the top N and page through', () => {
  const pages = planPages(doc(), parseParams('?top=12'), 'landscape');
  expect(summary(pages)).toEqual([
    'month 1/2',
    'month 2/2',
    'quarter 1/2',
    'quarter 2/2',
    'risers 1/1',
    'depts 1/1',
    'exemplars 1/1',
  ]);
  expect(pages.slice(0, 2).flatMap((p) => (p.kind === 'board' ? p.rows.map((r) => r.rank) : []))).toEqual(
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
  expect(summary(planPages(doc(), parseParams('?top=12&slides=exemplars,month'), 'portrait'))).toEqual([
    'exemplars 1/1',
    'month 1/1',
  ]);
});

test('titles and subtitles name the period in Chinese', () => {
  const [month] = planPages(doc(), parseParams('?slides=month'), 'landscape');
  expect(month).toMatchObject({
    title: '本月积分排行',
    subtitle: '2026年3月 · 30人参与排名',
    changeLabel: '较上月',
  });
  const [exemplars] = planPages(doc(), parseParams('?slides=exemplars'), 'landscape');
  expect(exemplars?.subtitle).toBe('2026年3月 · 全公司积分前10% · 共3人');
});

test('the department comparison needs two departments; one department hides the department column', () => {
  const one = doc({
    scope: { kind: 'department', id: 'd1', name: '一支部' },
    month: { period: '2026-03', ranked: 3, rows: [row(1), row(2), row(3)] },
    depts: { period: '2026-03', rows: [{ pos: 1, tied: false, name: '一支部', members: 3, avg: '80' }] },
  });
  const pages = planPages(one, parseParams(''), 'landscape');
  expect(pages.map((p) => p.slide)).not.toContain('depts');
  expect(pages[0]?.showDept).toBe(false);
  expect(planPages(doc(), parseParams(''), 'landscape')[0]?.showDept).toBe(true);
});

test('nothing to show gives one empty page', () => {
  const empty = doc({ month: null, quarter: null, risers: null, depts: null, exemplars: null, asOf: null });
  expect(planPages(empty, parseParams(''), 'landscape')).toEqual([
    {
      slide: 'month',
      kind: 'empty',
      title: '党员积分亮榜',
      subtitle: '',
      page: 1,
      pages: 1,
      showDept: false,
    },
  ]);
});

test('the first page key names the first slide that has pages, the board length and the layout', () => {
  const filled = filledSlides(doc(), DEFAULTS, 'landscape');
  expect(filled).toEqual(['month', 'quarter', 'risers', 'depts', 'exemplars']);
  const key = (query: string, layout: 'landscape' | 'portrait' = 'landscape') => {
    const params = parseParams(query);
    return firstPageKey(params.slides, filledSlides(doc(), params, layout), params.top, layout);
  };
  expect(key('')).toBe('landscape 10 month');
  // Another first page: another key, so the page printed for the default one is not used.
  expect(key('?slides=month,quarter')).toBe('landscape 10 month');
  expect(key('?slides=quarter,month')).toBe('landscape 10 quarter');
  expect(key('?top=12')).toBe('landscape 12 month');
  expect(key('', 'portrait')).toBe('portrait 10 month');
  const noMonth = doc({ month: null });
  expect(firstPageKey(DEFAULTS.slides, filledSlides(noMonth, DEFAULTS, 'landscape'), 10, 'landscape')).toBe(
    'landscape 10 quarter',
  );
  const empty = doc({ month: null, quarter: null, risers: null, depts: null, exemplars: null });
  expect(filledSlides(empty, DEFAULTS, 'landscape')).toEqual([]);
  expect(firstPageKey(['risers'], [], 10, 'landscape')).toBe('landscape 10 empty risers');
});

test('the texts around the board', () => {
  const pages = planPages(doc(), parseParams('?top=12'), 'landscape');
  expect(frameTexts(doc(), pages[1] as (typeof pages)[number])).toEqual({
    organization: '某党委',
    scope: '',
    title: '本月积分排行',
    subtitle: '2026年3月 · 30人参与排名',
    asOf: '数据截至 2026年3月',
    pager: '第 2/2 页',
  });
  const dept = doc({ scope: { kind: 'department', id: 'd1', name: '一支部' }, asOf: null });
  expect(frameTexts(dept, planPages(dept, DEFAULTS, 'landscape')[0] as (typeof pages)[number])).toMatchObject(
    {
      scope: '一支部',
      asOf: '暂无数据',
      pager: '',
    },
  );
});

test('a page built as a tree holds the texts as plain text; a bar or a category count is a style', () => {
  const texts = (node: SlideNode): string[] => [
    ...(node.text === undefined ? [] : [node.text]),
    ...node.children.flatMap(texts),
  ];
  const html = doc({ month: { period: '2026-03', ranked: 1, rows: [{ ...row(1), name: '<b>x</b>' }] } });
  const [month, , , depts, exemplars] = planPages(html, DEFAULTS, 'landscape');
  const board = renderBody(month as NonNullable<typeof month>, treeBuilder);
  expect(board.className).toBe('board board');
  expect(texts(board)).toEqual([
    '排名',
    '姓名',
    '所在党组织',
    '积分',
    '较上月',
    '1',
    '<b>x</b>',
    '一支部',
    '99',
    '—',
  ]);
  expect(hasStyle(board)).toBe(false);
  expect(hasStyle(renderBody(depts as NonNullable<typeof depts>, treeBuilder))).toBe(true);
  expect(hasStyle(renderBody(exemplars as NonNullable<typeof exemplars>, treeBuilder))).toBe(true);
});

test('parseDoc accepts a screen document and rejects garbage', () => {
  expect(parseDoc(doc())).not.toBe(null);
  expect(parseDoc(JSON.parse(JSON.stringify(doc())))).toEqual(doc());
  expect(parseDoc(null)).toBe(null);
  expect(parseDoc('<html>')).toBe(null);
  expect(parseDoc({ ...doc(), schema: 2 })).toBe(null);
  expect(parseDoc({ ...doc(), version: 3 })).toBe(null);
  expect(parseDoc({ ...doc(), scope: { kind: 'team', id: null, name: '' } })).toBe(null);
  expect(
    parseDoc({ ...doc(), month: { period: '2026-03', ranked: 1, rows: [{ ...row(1), points: 99 }] } }),
  ).toBe(null);
  expect(parseDoc({ ...doc(), exemplars: { ...doc().exemplars, rows: [{ rank: 1 }] } })).toBe(null);
  expect(parseDoc({ ...doc(), depts: { period: '2026-03', rows: 'none' } })).toBe(null);
});

test('parseVersion accepts version.json and rejects garbage', () => {
  expect(parseVersion({ schema: 1, version: 'abc', asOf: '2026-03' })).toEqual({
    schema: 1,
    version: 'abc',
    asOf: '2026-03',
  });
  expect(parseVersion({ schema: 1, version: 'abc', asOf: null })).not.toBe(null);
  expect(parseVersion({ schema: 1, version: '', asOf: null })).toBe(null);
  expect(parseVersion({ version: 'abc' })).toBe(null);
  expect(parseVersion([])).toBe(null);
  expect(parseVersion('garbage')).toBe(null);
});
