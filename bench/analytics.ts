// `liangbang data` end to end and per step, with peak memory, next to DuckDB's own read_csv of
// the same files (bench/README.md, "Analytics").
//
//   npx node bench/analytics.ts [--members 5000,50000] [--months 24] [--dir /tmp/liangbang-bench]
//
// The floor of any design is timed beside: `rows + provenance` (bench/floor.ts, the least the
// ingest issue asks: every row stored with its file and row number, nothing checked) and
// `write alone` (DuckDB copying the finished tables to Parquet and CSV as stored, with nothing
// of liangbang's: no sorting, no formula guard).
//
// Data: scripts/generate-demo.ts --utf8 (every month UTF-8, so read_csv can read them all),
// generated once per size into --dir and reused. Each measurement runs in its own process, so
// peak RSS (DuckDB's native memory included) belongs to that measurement alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { floorStatements, runFloor } from './floor.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '5000,50000' },
    months: { type: 'string', default: '24' },
    dir: { type: 'string', default: join(tmpdir(), 'liangbang-bench') },
    child: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
  },
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * Child: DuckDB alone, count(*) over read_csv of every export. The files' headers differ
 * (English or Chinese), so the columns are given by position, as bench/ingest.ts does.
 */
async function childBaseline(dataDir: string): Promise<object> {
  const exportsDir = join(dataDir, 'exports');
  const first = (await readdir(exportsDir)).sort()[0] ?? '';
  const header = (await readFile(join(exportsDir, first), 'utf8')).slice(0, 4096).split(/\r?\n/)[0] ?? '';
  const columns = header
    .split(',')
    .map((_, i) => `'c${i}': 'VARCHAR'`)
    .join(', ');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const t0 = performance.now();
  const glob = join(exportsDir, '*.csv').replaceAll("'", "''");
  const reader = await conn.runAndReadAll(
    `SELECT count(*) AS n FROM read_csv('${glob}', header = true, columns = {${columns}}, auto_detect = false)`,
  );
  const rows = Number(reader.getRowObjectsJson()[0]?.['n']);
  return { rows, seconds: (performance.now() - t0) / 1000, maxRssMb: maxRssMb() };
}

/** Child: the floor of the ingest step for any design (bench/floor.ts). */
async function childFloor(dataDir: string): Promise<object> {
  const statements = await floorStatements(dataDir);
  const instance = await DuckDBInstance.create(':memory:');
  const t0 = performance.now();
  await runFloor(instance, statements);
  const seconds = (performance.now() - t0) / 1000;
  instance.closeSync();
  return { seconds };
}

/** Child: the steps of `liangbang data`, timed one by one. */
async function childSteps(dataDir: string, outDir: string): Promise<object> {
  const { openIngested } = await import('../src/pipeline.ts');
  const { runAnalytics } = await import('../src/analytics/run.ts');
  const { OUTPUT_TABLES, writeTables } = await import('../src/tables/write.ts');
  const t0 = performance.now();
  const { conn, result, close } = await openIngested(dataDir);
  const t1 = performance.now();
  await runAnalytics(conn);
  const t2 = performance.now();
  await writeTables(conn, outDir);
  const t3 = performance.now();
  // The floor of the write, whatever the design: DuckDB copying the finished tables to both
  // formats as they are stored (no sorting, no formula guard).
  const plain = join(outDir, '..', 'plain');
  await mkdir(plain);
  for (const { name } of OUTPUT_TABLES) {
    await conn.run(`COPY ${name} TO '${join(plain, `${name}.parquet`)}' (FORMAT parquet)`);
    await conn.run(`COPY ${name} TO '${join(plain, `${name}.csv`)}' (FORMAT csv, HEADER true)`);
  }
  const t4 = performance.now();
  close();
  const s = (a: number, b: number) => (b - a) / 1000;
  return {
    rows: result.totals.read,
    ingest: s(t0, t1),
    analytics: s(t1, t2),
    write: s(t2, t3),
    writeAlone: s(t3, t4),
    total: s(t0, t3),
    maxRssMb: maxRssMb(),
  };
}

function runChild(args: string[]): Record<string, number> {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`child ${args.join(' ')} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

/** The CLI as a person runs it: wall time of the whole process, Node start included. */
function timeCli(dataDir: string, outDir: string): number {
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin/liangbang.mjs'), 'data', '--data', dataDir, '--out', outDir],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`liangbang data failed:\n${run.stderr}`);
  return (performance.now() - t0) / 1000;
}

if (values.child === 'baseline' && values.data) {
  console.log(JSON.stringify(await childBaseline(values.data)));
} else if (values.child === 'floor' && values.data) {
  console.log(JSON.stringify(await childFloor(values.data)));
} else if (values.child === 'steps' && values.data && values.out) {
  console.log(JSON.stringify(await childSteps(values.data, values.out)));
} else {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  console.log(
    '| members × months | rows | read_csv | data (CLI) | ratio | ingest | analytics | write | peak RSS | floor: rows + provenance | floor: write alone | floor / read_csv |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const members of values.members.split(',').map(Number)) {
    const dataDir = join(values.dir, `m${members}x${values.months}`);
    if (!existsSync(join(dataDir, 'scheme.yaml'))) {
      const generator = join(root, 'scripts/generate-demo.ts');
      const args = ['--members', String(members), '--months', values.months, '--utf8', '--out', dataDir];
      execFileSync(process.execPath, [generator, ...args], { stdio: 'ignore' });
    }
    const out = await mkdtemp(join(tmpdir(), 'liangbang-bench-out-'));
    try {
      // The baseline is the noisiest figure here (1.3–3.2 s at 50,000 members on one day): median of 3.
      const bases = [1, 2, 3].map(() => runChild(['--child', 'baseline', '--data', dataDir])['seconds'] ?? 0);
      const base = { seconds: median(bases) };
      const floor = runChild(['--child', 'floor', '--data', dataDir]);
      const steps = runChild(['--child', 'steps', '--data', dataDir, '--out', join(out, 'steps')]);
      const cli = timeCli(dataDir, join(out, 'cli'));
      const f = (x: number | undefined) => `${(x ?? Number.NaN).toFixed(2)} s`;
      console.log(
        `| ${members} × ${values.months} | ${steps['rows']} | ${f(base.seconds)} | ${f(cli)} | ${(cli / base.seconds).toFixed(1)}× | ${f(steps['ingest'])} | ${f(steps['analytics'])} | ${f(steps['write'])} | ${steps['maxRssMb']} MB | ${f(floor['seconds'])} | ${f(steps['writeAlone'])} | ${(((floor['seconds'] ?? 0) + (steps['writeAlone'] ?? 0)) / base.seconds).toFixed(1)}× |`,
      );
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }
}
