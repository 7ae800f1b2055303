import { expect, test } from 'vitest';
import { resolveRequestPath } from '../src/server/static.ts';

test('resolveRequestPath keeps requests inside the site folder', () => {
  expect(resolveRequestPath('/srv/site', '/dept/D01/')).toBe('/srv/site/dept/D01/');
  expect(resolveRequestPath('/srv/site', '/a%20b.csv?x=1')).toBe('/srv/site/a b.csv');
  expect(resolveRequestPath('/srv/site', '/../etc/passwd')).toBeNull();
  expect(resolveRequestPath('/srv/site', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
  expect(resolveRequestPath('/srv/site', '/%E0%A4%A')).toBeNull();
});
