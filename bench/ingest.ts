// Ingest speed against DuckDB's own read_csv on the same UTF-8 files (bench/README.md, "Ingest").
//
//   npx node bench/ingest.ts [--dir DIR] [--members 10000] [--months 20] [--reps 3]
//
// Without --dir, generates the demo data with scripts/generate-demo.ts (or, when that is not
// available, synthetic data) into a temporary folder and re-encodes its GB18030 exports as UTF-8,
// so that read_csv can read every file. Each repetition times, in one process and each on a fresh
// in-memory DuckDB: a count(*) over read_csv of all exports, the same files copied into a table,
// the floor of any design (every row with its file and row number, points typed, no checks) and
// a full ingest().
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { decodeBytes } from '../src/config/encoding.ts';
import { ingest } from '../src/ingest/index.ts';
import { readHead } from '../src/ingest/scan.ts';
import { literal } from '../src/ingest/sql.ts';
import { floorStatements, runFloor } from './floor.ts';
import { writeSyntheticData } from './ingest-data.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    members: { type: 'string', default: '10000' },
    months: { type: 'string', default: '20' },
    reps: { type: 'string', default: '3' },
  },
});

async function prepare(): Promise<{ dir: string; made: boolean; source: string }> {
  if (values.dir) return { dir: values.dir, made: false, source: `--dir ${values.dir}` };
  const dir = await mkdtemp(join(tmpdir(), 'liangbang-bench-ingest-'));
  const root = new URL('..', import.meta.url).pathname;
  const script = join(root, 'scripts', 'generate-demo.ts');
  let source: string;
  try {
    if (!existsSync(script)) throw new Error('no generator');
    const args = [script, '--members', values.members, '--months', values.months, '--out', dir];
    // --utf8 (all months UTF-8) where the generator has it; older ones write some GB18030.
    try {
      execFileSync(process.execPath, [...args, '--utf8'], { cwd: root, stdio: 'ignore' });
      source = `npx node scripts/generate-demo.ts --members ${values.members} --months ${values.months} --utf8`;
    } catch {
      execFileSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
      source = `npx node scripts/generate-demo.ts --members ${values.members} --months ${values.months}`;
    }
  } catch {
    await writeSyntheticData(dir, Number(values.members), Number(values.months));
    source = `synthetic (bench/ingest-data.ts) --members ${values.members} --months ${values.months}`;
  }
  // read_csv reads UTF-8 only: give it (and ingest) the same UTF-8 files.
  let converted = 0;
  for (const name of await readdir(join(dir, 'exports'))) {
    const path = join(dir, 'exports', name);
    const bytes = await readFile(path);
    const decoded = decodeBytes(bytes);
    if (decoded.ok && decoded.encoding === 'gb18030') {
      await writeFile(path, decoded.text);
      converted++;
    }
  }
  if (converted > 0) source += `, ${converted} GB18030 exports re-encoded as UTF-8`;
  return { dir, made: true, source };
}

/** count(*) over read_csv of every export, grouped by separator and column count. */
async function baselineSql(dir: string): Promise<string> {
  return `SELECT ${(await readCsvCalls(dir)).map((call) => `(SELECT count(*) FROM ${call})`).join(' + ')} AS n`;
}

/** The same files copied into a table as they are: what materialising alone costs. */
async function copySql(dir: string): Promise<string> {
  const calls = await readCsvCalls(dir);
  return `CREATE TABLE raw AS ${calls.map((call) => `SELECT * FROM ${call}`).join(' UNION ALL ')}`;
}

async function readCsvCalls(dir: string): Promise<string[]> {
  const groups = new Map<string, string[]>();
  for (const name of (await readdir(join(dir, 'exports'))).sort()) {
    const path = join(dir, 'exports', name);
    const head = await readHead(path);
    if (!head.header) continue;
    const key = `${head.delimiter}|${head.header.length}`;
    groups.set(key, [...(groups.get(key) ?? []), path]);
  }
  return [...groups].map(([key, paths]) => {
    const [delim, width] = key.split('|') as [string, string];
    const columns = Array.from({ length: Number(width) }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
    return `read_csv([${paths.map(literal).join(', ')}], header = true, columns = {${columns}}, delim = ${literal(delim)}, quote = '"', escape = '"', auto_detect = false)`;
  });
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, Timing]> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const cpu = process.cpuUsage(cpu0);
  return [value, { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 }];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${Math.round(x)} ms`;
const rate = (rows: number, wall: number) => `${(((rows / wall) * 1000) / 1e6).toFixed(2)} M rows/s`;

const { dir, made, source } = await prepare();
try {
  let bytes = 0;
  const names = await readdir(join(dir, 'exports'));
  for (const name of names) bytes += (await stat(join(dir, 'exports', name))).size;
  const sql = await baselineSql(dir);
  const copy = await copySql(dir);
  const floor = await floorStatements(dir);
  const base: Timing[] = [];
  const copies: Timing[] = [];
  const floors: Timing[] = [];
  const runs: Timing[] = [];
  let rows = 0;
  let accepted = 0;
  let steps: string[] = [];
  for (let rep = 0; rep < Number(values.reps); rep++) {
    {
      const instance = await DuckDBInstance.create(':memory:');
      const conn = await instance.connect();
      const [n, t] = await timed(async () =>
        Number((await conn.runAndReadAll(sql)).getRowObjectsJson()[0]?.['n']),
      );
      rows = n;
      base.push(t);
      conn.closeSync();
      instance.closeSync();
    }
    {
      const instance = await DuckDBInstance.create(':memory:');
      const conn = await instance.connect();
      copies.push((await timed(() => conn.run(copy)))[1]);
      conn.closeSync();
      instance.closeSync();
    }
    {
      const instance = await DuckDBInstance.create(':memory:');
      floors.push((await timed(() => runFloor(instance, floor)))[1]);
      instance.closeSync();
    }
    {
      const instance = await DuckDBInstance.create(':memory:');
      const conn = await instance.connect();
      const marks: string[] = [];
      let last = 0;
      const onStep = (step: string, elapsed: number) => {
        marks.push(`${step} ${ms(elapsed - last)}`);
        last = elapsed;
      };
      const [result, t] = await timed(() => ingest(conn, dir, { instance, onStep }));
      steps = marks;
      accepted = result.totals.accepted;
      if (result.totals.read !== rows)
        throw new Error(`ingest read ${result.totals.read} rows, read_csv ${rows}`);
      runs.push(t);
      conn.closeSync();
      instance.closeSync();
    }
    console.error(
      `rep ${rep + 1}: read_csv ${ms(base.at(-1)?.wall ?? 0)}, copy ${ms(copies.at(-1)?.wall ?? 0)}, ` +
        `floor ${ms(floors.at(-1)?.wall ?? 0)}, ingest ${ms(runs.at(-1)?.wall ?? 0)}`,
    );
  }
  const bWall = median(base.map((t) => t.wall));
  const iWall = median(runs.map((t) => t.wall));
  const bCpu = median(base.map((t) => t.cpu));
  const cWall = median(copies.map((t) => t.wall));
  const cCpu = median(copies.map((t) => t.cpu));
  const iCpu = median(runs.map((t) => t.cpu));
  const fWall = median(floors.map((t) => t.wall));
  const fCpu = median(floors.map((t) => t.cpu));
  const cpuModel = cpus()[0]?.model ?? 'unknown';
  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ');
  console.log(`data: ${source}`);
  console.log(
    `      ${names.length} files, ${rows} rows (${accepted} accepted), ${(bytes / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `machine: ${cpus().length} CPUs (${cpuModel}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), load ${load}`,
  );
  console.log(`median of ${values.reps}       wall      cpu     rows/s (wall)`);
  console.log(`read_csv count(*)  ${ms(bWall).padStart(8)} ${ms(bCpu).padStart(8)}  ${rate(rows, bWall)}`);
  console.log(`read_csv → table   ${ms(cWall).padStart(8)} ${ms(cCpu).padStart(8)}  ${rate(rows, cWall)}`);
  console.log(`rows + provenance  ${ms(fWall).padStart(8)} ${ms(fCpu).padStart(8)}  ${rate(rows, fWall)}`);
  console.log(`ingest()           ${ms(iWall).padStart(8)} ${ms(iCpu).padStart(8)}  ${rate(rows, iWall)}`);
  console.log(`ingest steps (last run): ${steps.join(', ')}`);
  console.log(
    `ratio ingest / read_csv count(*): ${(iWall / bWall).toFixed(2)}× wall, ${(iCpu / bCpu).toFixed(2)}× cpu`,
  );
  console.log(
    `ratio ingest / read_csv → table:  ${(iWall / cWall).toFixed(2)}× wall, ${(iCpu / cCpu).toFixed(2)}× cpu`,
  );
  console.log(
    `ratio rows + provenance / read_csv count(*): ${(fWall / bWall).toFixed(2)}× wall (the floor of any design)`,
  );
} finally {
  if (made) await rm(dir, { recursive: true, force: true });
}
