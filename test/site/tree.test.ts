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
