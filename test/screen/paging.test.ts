import { expect, test } from 'vitest';
import { firstN, paginate, withinTop } from '../../src/screen/client/paging.ts';

const rows = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

test('paginate splits into the fewest pages, as even as possible, fuller pages first', () => {
  expect(paginate(rows(10), 10)).toEqual([rows(10)]);
  expect(paginate(rows(11), 10).map((p) => p.length)).toEqual([6, 5]);
  expect(paginate(rows(40), 10).map((p) => p.length)).toEqual([10, 10, 10, 10]);
  expect(paginate(rows(23), 10).map((p) => p.length)).toEqual([8, 8, 7]);
  expect(paginate(rows(0), 10)).toEqual([]);
  expect(paginate(rows(3), 0)).toEqual([[1], [2], [3]]);
});

test('paginate keeps every row once, in order', () => {
  for (const n of [1, 7, 15, 31, 100]) {
    for (const capacity of [1, 7, 10, 15]) {
      const pages = paginate(rows(n), capacity);
      expect(pages.flat()).toEqual(rows(n));
      expect(Math.max(...pages.map((p) => p.length))).toBeLessThanOrEqual(capacity);
    }
  }
});

test('withinTop keeps a tie at the line whole', () => {
  const board = [1, 1, 3, 4, 4, 6].map((rank) => ({ rank }));
  expect(withinTop(board, 4, (r) => r.rank)).toHaveLength(5);
  expect(withinTop(board, 3, (r) => r.rank)).toHaveLength(3);
  expect(withinTop(board, 1, (r) => r.rank)).toHaveLength(2);
});

test('firstN takes n rows plus the rows tied with the last of them', () => {
  const list = [1, 1, 3, 4, 4, 6].map((rank) => ({ rank }));
  expect(firstN(list, 4, (r) => r.rank)).toHaveLength(5);
  expect(firstN(list, 3, (r) => r.rank)).toHaveLength(3);
  expect(firstN(list, 10, (r) => r.rank)).toHaveLength(6);
});
