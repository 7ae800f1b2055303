// Reproducible output (docs/security.md): the same data gives the same bytes, in every file of
// the site (both audiences) and of `liangbang data`'s tables, whatever the output folder, the
// temporary folders, the time zone and the timing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDemo, hashTree, runMeasured, treeDifferences } from './cli-process.ts';

let root: string;
let data: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'liangbang-reproducible-'));
  data = join(root, 'data');
  // Four months, one of them exported in GB18030, with notes and record ids.
  await generateDemo(data, 60, 4);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Builds into `<root>/<name>` and returns its files' hashes. */
async function build(name: string, args: string[], env: Record<string, string> = {}) {
  const out = join(root, name);
  const run = await runMeasured(['build', '--data', data, '--out', out, ...args], env);
  expect(run.status, run.stderr).toBe(0);
  return hashTree(out);
}

test.each([
  ['public', []],
  ['committee', ['--audience', 'committee']],
])(
  'two builds of the same data (%s) are byte-identical, in two time zones',
  async (name, args) => {
    const first = await build(`${name}-a`, args, { TZ: 'UTC' });
    const second = await build(`${name}-b`, args, { TZ: 'Asia/Shanghai' });
    expect(first.size).toBeGreaterThan(100);
    // Compressed copies are compared as bytes too: their headers hold no time or name.
    expect([...first.keys()].some((f) => f.endsWith('.gz'))).toBe(true);
    expect(treeDifferences(first, second), 'files that differ between the two builds').toEqual([]);
  },
  300_000,
);

test('two runs of liangbang data write byte-identical tables', async () => {
  const tables = async (name: string) => {
    const out = join(root, name);
    const run = await runMeasured(['data', '--data', data, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    return hashTree(out);
  };
  const first = await tables('tables-a');
  expect([...first.keys()]).toContain('standings.parquet');
  expect(treeDifferences(first, await tables('tables-b')), 'files that differ between the two runs').toEqual(
    [],
  );
}, 300_000);
