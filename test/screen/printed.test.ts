import { expect, test } from 'vitest';
import type { BoardRow, ScreenDoc } from '../../src/screen/client/doc.ts';
import type { SlideNode } from '../../src/screen/client/render.ts';
import { printedPage } from '../../src/screen/printed.ts';

const row = (rank: number, name = `党员${rank}`): BoardRow => ({
  rank,
  tied: false,
  name,
  dept: rank % 2 ? '一支部' : '二支部',
  points: String(100 - rank),
  change: 1,
});

function doc(over: Partial<ScreenDoc> = {}): ScreenDoc {
  const rows = Array.from({ length: 14 }, (_, i) => row(i + 1, i === 2 ? '<img src=x>' : undefined));
  return {
    schema: 1,
    version: 'v1',
    organization: '某党委',
    scope: { kind: 'organization', id: null, name: '' },
    asOf: '2026-03',
    categories: [{ id: 'basic', name: '基础评价分' }],
    month: { period: '2026-03', ranked: 14, rows },
    quarter: null,
    risers: null,
    depts: {
      period: '2026-03',
      rows: [
        { pos: 1, tied: false, name: '一支部', members: 7, avg: '80' },
        { pos: 2, tied: false, name: '二支部', members: 7, avg: '70.5' },
      ],
    },
    exemplars: null,
    ...over,
  };
}

const names = (node: SlideNode): string[] =>
  node.className.includes('fit name') && node.text !== undefined ? [node.text] : node.children.flatMap(names);

test('the printed first page is the first page of the default rotation, with its key', () => {
  const printed = printedPage(doc());
  expect(printed).toMatchObject({
    slide: 'month',
    page: '1/1',
    filled: 'month depts',
    key: 'landscape 10 month',
    texts: { title: '本月积分排行', pager: '', asOf: '数据截至 2026年3月' },
  });
  expect(printed?.board.className).toBe('board board still');
  // The top 10 of the data, its texts as they are (Astro escapes them when printing).
  expect(names(printed?.board as SlideNode)).toEqual(
    Array.from({ length: 10 }, (_, i) => (i === 2 ? '<img src=x>' : `党员${i + 1}`)),
  );
});

test('no page is printed without a document, nor one that needs a style attribute', () => {
  expect(printedPage(null)).toBe(null);
  // The department comparison's bars are styles: its page is left to the script.
  expect(printedPage(doc({ month: null }))).toBe(null);
});
