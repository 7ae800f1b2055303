import { expect, test } from 'vitest';
import { buildTree, type Department, flattenTree } from '../../src/site/tree.ts';

const dept = (dept_id: string, parent_id: string | null, sort: number | null = null): Department => ({
  dept_id,
  name: dept_id,
  parent_id,
  kind: null,
  sort,
});

test('flattenTree lists parents before children, siblings in order, with depths', () => {
  const tree = buildTree([
    dept('R', null),
    dept('B', 'R', 2),
    dept('A', 'R', 1),
    dept('A1', 'A'),
    dept('B1', 'B'),
  ]);
  expect(flattenTree(tree).map((d) => `${d.depth}${d.dept_id}`)).toEqual(['0R', '1A', '2A1', '1B', '2B1']);
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
