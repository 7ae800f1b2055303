import { expect, test } from 'vitest';
import { type SearchEntry, searchMembers } from '../../src/site/search-client.ts';

const index: SearchEntry[] = [
  ['M01', '张伟', '一支部'],
  ['M02', '王芳', '一支部'],
  ['M12', '张伟明', '二支部'],
  ['A1', '李娜', null],
  ['M1', '王伟', '二支部'],
];

const ids = (query: string, limit?: number) => searchMembers(index, query, limit).map((e) => e[0]);

test('finds members by any part of the name', () => {
  expect(ids('伟')).toEqual(['M01', 'M12', 'M1']);
  expect(ids('张伟')).toEqual(['M01', 'M12']);
});

test('finds members by id, case-insensitive, the exact id first', () => {
  expect(ids('m1')).toEqual(['M1', 'M12']);
  expect(ids('a1')).toEqual(['A1']);
});

test('an empty query finds nobody; results are limited', () => {
  expect(ids('  ')).toEqual([]);
  expect(ids('M', 2)).toHaveLength(2);
});
