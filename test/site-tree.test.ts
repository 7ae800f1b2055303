import { expect, test } from 'vitest';
import { buildTree, type Department } from '../src/site/tree.ts';

const dept = (dept_id: string, parent_id: string | null, sort: number | null = null): Department => ({
  dept_id,
  name: dept_id,
  parent_id,
  kind: null,
  sort,
});

test('buildTree nests children under parents, ordered by sort then id', () => {
  const tree = buildTree([
    dept('B', 'R', 2),
    dept('R', null),
    dept('A', 'R', 2),
    dept('C', 'R', 1),
    dept('A1', 'A'),
  ]);
  expect(tree.map((n) => n.dept_id)).toEqual(['R']);
  expect(tree[0]?.children.map((n) => n.dept_id)).toEqual(['C', 'A', 'B']);
  expect(tree[0]?.children[1]?.children.map((n) => n.dept_id)).toEqual(['A1']);
});
