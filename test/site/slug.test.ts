import { expect, test } from 'vitest';
import { slug } from '../../src/site/slug.ts';

test('ordinary ids are their own slug', () => {
  for (const id of ['D01', '100234', '2026-Q1', 'a_b', '一支部', 'v1.2']) expect(slug(id)).toBe(id);
});

test('other characters are escaped, so ids cannot leave their folder or collide', () => {
  expect(slug('a/b')).toBe('a~2fb');
  expect(slug('..')).toBe('~2e.');
  expect(slug('.x')).toBe('~2ex');
  expect(slug('a b')).toBe('a~20b');
  expect(slug('a~2fb')).toBe('a~7e2fb');
  expect(slug('x?#%')).toBe('x~3f~23~25');
  expect(() => slug('')).toThrow('invalid id: empty');
});
