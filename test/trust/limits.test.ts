// Limits (docs/ingest.md, "Limits"): an export of 1 GB, a line of 1 MB (and one of 12 MB), and
// 100,000 rejected rows each give the report a person expects and the usual exit code, in
// bounded memory. The inputs are generated here, at run time; the CLI runs as a process and
// its peak memory is measured (test/trust/peak-rss.ts).
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { CsvTokenizer, MAX_RECORD_CHARS, TOO_LONG_PROBLEM } from '../../src/config/csv.ts';
import { MAX_CONFIG_BYTES } from '../../src/config/read.ts';
import { UserError } from '../../src/errors.ts';
import { FALLBACK_TABLE } from '../../src/ingest/fallback.ts';
import { type IngestResult, ingest } from '../../src/ingest/index.ts';
import {
  explainOutOfMemory,
  INGEST_MEMORY_LIMIT,
  MEMORY_LIMIT,
  memoryLimit,
  parseMemorySize,
} from '../../src/ingest/limits.ts';
import { projectRoot, type Run, runMeasured } from './cli-process.ts';

/**
 * The bounds docs/ingest.md states, whatever the size of the exports: `check` under 1 GB of RSS;
 * `data` under 1.6 GB (its analytics work within DuckDB's 1 GB after the exports are read).
 */
const PEAK_MB = { check: 1024, data: 1600 } as const;
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'liangbang-limits-'));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** A data folder: the ingest fixtures' scheme, tree and roster (members M001–M005), no exports yet. */
async function dataFolder(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(join(projectRoot, 'test', 'fixtures', 'ingest', '_base'), dir, { recursive: true });
  await mkdir(join(dir, 'exports'), { recursive: true });
  return dir;
}

function expectBounded(run: Run, what: string): void {
  const command = run.args[0] === 'data' ? 'data' : 'check';
  expect(run.peakMb, `${what}: peak memory not reported (the process died?)\n${run.stderr}`).not.toBeNull();
  expect(run.peakMb as number, `${what}: peak RSS in MB`).toBeLessThan(PEAK_MB[command]);
  // No stack trace, whatever happened.
  expect(run.stderr).not.toMatch(/\n\s+at /);
  // DuckDB's spill folder for the run is gone with it.
  expect(existsSync(join(tmpdir(), `liangbang-duckdb-${run.pid}`))).toBe(false);
  console.info(`${what}: exit ${run.status}, ${run.seconds.toFixed(1)} s, peak ${run.peakMb?.toFixed(0)} MB`);
}

describe('an export of 1 GB', () => {
  test('is read in full: every row counted, exit 0, peak memory under the bound', async () => {
    const dir = await dataFolder('gigabyte');
    // Long rows (a note of 10 KB each), so that a whole gigabyte goes through the
    // reader and into DuckDB, which must spill it, in a time CI affords (docs/ingest.md has the
    // figures for a gigabyte of short rows).
    const note = '记'.repeat(3000) + 'x'.repeat(1000);
    const lines: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < MIB; i++) {
      const line = `M00${(i % 5) + 1},2026-${String((i % 12) + 1).padStart(2, '0')},B01,${i % 7},${note}${i}\n`;
      lines.push(line);
      bytes += Buffer.byteLength(line);
    }
    const chunk = Buffer.from(lines.join(''));
    const file = join(dir, 'exports', 'big.csv');
    const fh = await open(file, 'w');
    await fh.write('member_id,month,item_code,points,note\n');
    for (let i = 0; i < 1024; i++) await fh.write(chunk);
    await fh.close();
    expect((await stat(file)).size).toBeGreaterThanOrEqual(GIB);
    const rows = lines.length * 1024;

    const run = await runMeasured(['check', '--data', dir]);
    expectBounded(run, 'check, 1 GB');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`读取 ${rows} 行`);
    expect(run.stdout).toMatch(new RegExp(`exports/big\\.csv\\s+${rows}\\s+${rows}\\s+0\\s+0\\s+0\\s+UTF-8`));
    expect(run.stdout).toContain('没有被拒绝的行。');

    const out = join(root, 'gigabyte-tables');
    const tables = await runMeasured(['data', '--data', dir, '--out', out]);
    await rm(file);
    expectBounded(tables, 'data, 1 GB');
    expect(tables.status, tables.stderr).toBe(0);
    // The report's summary row of the file counts every row.
    const summary = await readFile(join(out, 'ingest_report.csv'), 'utf8');
    expect(summary).toContain(`read=${rows} accepted=${rows} pending=0 duplicate=0 rejected=0`);
  }, 300_000);
});

describe('a line of 1 MB, and one of 12 MB', () => {
  let dir: string;
  const huge = 12_000_000;

  beforeAll(async () => {
    dir = await dataFolder('long-lines');
    const header = 'member_id,month,item_code,points,note\n';
    // A 1 MB note (accepted), a 1 MB member id (rejected: not in the roster), a plain row.
    await writeFile(
      join(dir, 'exports', 'a.csv'),
      `${header}M001,2026-03,B01,1,${'备'.repeat(MIB / 3)}\n${'X'.repeat(MIB)},2026-03,B01,1,\nM002,2026-03,B01,2,好\n`,
    );
    // A line longer than any row is read (MAX_RECORD_CHARS), then a plain row.
    await writeFile(
      join(dir, 'exports', 'b.csv'),
      `${header}M003,2026-03,B01,1,${'y'.repeat(huge)}\nM004,2026-03,B01,3,\n`,
    );
  });

  test('check: the 1 MB note is read, the 1 MB id is reported shortened, the 12 MB line is a bad row', async () => {
    const run = await runMeasured(['check', '--data', dir, '--json']);
    expectBounded(run, 'check --json, long lines');
    expect(run.status).toBe(1);
    // The report quotes the 1 MB id by its start and length, so it stays small.
    expect(run.stdout.length).toBeLessThan(20_000);
    const result = JSON.parse(run.stdout) as IngestResult;
    const [a, b] = result.files;
    expect(a).toMatchObject({ file: 'exports/a.csv', reader: 'duckdb', read: 3, accepted: 2, rejected: 1 });
    expect(b).toMatchObject({
      file: 'exports/b.csv',
      reader: 'javascript',
      read: 2,
      accepted: 1,
      rejected: 1,
    });
    const unknown = result.problems.find((p) => p.code === 'unknown_member');
    expect(unknown).toMatchObject({ file: 'exports/a.csv', row: 3 });
    expect(unknown?.message).toBe(`${'X'.repeat(50)}…（共 ${MIB} 个字符） 不在花名册（members.csv）中`);
    expect(unknown?.memberId).toBe(`${'X'.repeat(50)}…（共 ${MIB} 个字符）`);
    const long = result.problems.find((p) => p.code === 'bad_row');
    expect(long).toMatchObject({ file: 'exports/b.csv', row: 2, message: TOO_LONG_PROBLEM });
    expect(huge).toBeGreaterThan(MAX_RECORD_CHARS);

    const text = await runMeasured(['check', '--data', dir]);
    expect(text.status).toBe(1);
    expect(Math.max(...text.stdout.split('\n').map((l) => l.length))).toBeLessThan(200);
  });

  test('data --allow-rejects: tables written, the report rows shortened', async () => {
    const out = join(root, 'long-lines-tables');
    const run = await runMeasured(['data', '--data', dir, '--out', out, '--allow-rejects']);
    expectBounded(run, 'data, long lines');
    expect(run.status, run.stderr).toBe(0);
    const report = await readFile(join(out, 'ingest_report.csv'), 'utf8');
    expect(report.length).toBeLessThan(5_000);
    expect(report).toContain(`…（共 ${MIB} 个字符） 不在花名册（members.csv）中`);
    expect(report).toContain('bad_row: 该行超过 1000 万个字符');
  });
});

describe('100,000 rejected rows', () => {
  let dir: string;
  const unknown = 60_000;
  const badMonth = 40_000;

  beforeAll(async () => {
    dir = await dataFolder('rejections');
    const lines = ['member_id,month,item_code,points'];
    for (let i = 0; i < unknown; i++) lines.push(`X${String(i).padStart(6, '0')},2026-03,B01,1`);
    for (let i = 0; i < badMonth; i++) lines.push(`M001,2026-13-${i},B01,1`);
    await writeFile(join(dir, 'exports', 'rejects.csv'), `${lines.join('\n')}\n`);
  });

  test('check: the text report lists 20 per reason and counts the rest; exit 1', async () => {
    const run = await runMeasured(['check', '--data', dir]);
    expectBounded(run, 'check, 100,000 rejected');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`拒绝 ${unknown + badMonth} 行：`);
    expect(run.stdout).toContain(`党员不在花名册中（unknown_member）：${unknown} 行`);
    expect(run.stdout).toContain(`…以及另外 ${unknown - 20} 条`);
    expect(run.stdout).toContain(`月份无法识别（bad_month）：${badMonth} 行`);
    expect(run.stdout).toContain(`…以及另外 ${badMonth - 20} 条`);
    expect(run.stdout).toContain(
      'exports/rejects.csv:2: member_id: X000000 不在花名册（members.csv）中 (unknown_member)',
    );
    expect(run.stdout.split('\n').length).toBeLessThan(80);
  });

  test('check --json: at most 1,000 problems per reason, the full counts beside them', async () => {
    const run = await runMeasured(['check', '--data', dir, '--json']);
    expectBounded(run, 'check --json, 100,000 rejected');
    expect(run.status).toBe(1);
    expect(run.stdout.length).toBeLessThan(1_000_000);
    const result = JSON.parse(run.stdout) as IngestResult;
    expect(result.totals).toMatchObject({
      read: unknown + badMonth,
      rejected: unknown + badMonth,
      accepted: 0,
    });
    expect(result.problemCounts).toEqual({ unknown_member: unknown, bad_month: badMonth });
    expect(result.problems.filter((p) => p.code === 'unknown_member')).toHaveLength(1000);
    expect(result.problems.filter((p) => p.code === 'bad_month')).toHaveLength(1000);
    // The first thousand of each, in row order.
    expect(result.problems.filter((p) => p.code === 'bad_month').at(-1)?.row).toBe(unknown + 1 + 1000);
  });

  test('data: refused with the same short report, exit 1, no output', async () => {
    const out = join(root, 'rejections-tables');
    const run = await runMeasured(['data', '--data', dir, '--out', out]);
    expectBounded(run, 'data, 100,000 rejected');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`有 ${unknown + badMonth} 行被拒绝，未生成任何输出`);
    expect(run.stderr.split('\n').length).toBeLessThan(80);
    expect(existsSync(out)).toBe(false);
  });
});

test('a roster of more than 64 MB is refused with its size, exit 2, without being read', async () => {
  const dir = await dataFolder('huge-roster');
  // Sparse: its size is what is checked, before any byte is read.
  const fh = await open(join(dir, 'members.csv'), 'r+');
  await fh.truncate(MAX_CONFIG_BYTES + 1);
  await fh.close();
  const run = await runMeasured(['check', '--data', dir]);
  expectBounded(run, 'check, 64 MB roster');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('members.csv: 文件有 64 MB，超过 64 MB 的上限');
});

describe('CsvTokenizer keeps one row under its limit', () => {
  const read = (chunks: string[], max: number) => {
    const records: [number, string, string | null][] = [];
    const tokenizer = new CsvTokenizer(',', (r) => records.push([r.row, r.fields.join('|'), r.problem]), max);
    for (const chunk of chunks) tokenizer.push(chunk);
    tokenizer.end();
    return records;
  };

  test('a line longer than the limit is one bad row; the rows after it keep their numbers', () => {
    expect(read(['a,b\n', 'x'.repeat(30), 'y'.repeat(30), '\nc,d\n'], 20)).toEqual([
      [1, 'a|b', null],
      [2, '', TOO_LONG_PROBLEM],
      [3, 'c|d', null],
    ]);
    // CRLF split between chunks, and a long last line without a line break.
    expect(read(['a,b\r\n', 'z'.repeat(50), '\r', '\nc,d\r\n', 'w'.repeat(50)], 20)).toEqual([
      [1, 'a|b', null],
      [2, '', TOO_LONG_PROBLEM],
      [3, 'c|d', null],
      [4, '', TOO_LONG_PROBLEM],
    ]);
  });

  test('a quote that does not close within the limit spoils its row only; reading resumes on the next line', () => {
    expect(read(['a,b\n"open\n', 'more,1\n'.repeat(5), 'c,d\n'], 20)).toEqual([
      [1, 'a|b', null],
      [2, '', TOO_LONG_PROBLEM],
      [3, 'more|1', null],
      [4, 'more|1', null],
      [5, 'more|1', null],
      [6, 'more|1', null],
      [7, 'more|1', null],
      [8, 'c|d', null],
    ]);
  });

  test('rows up to the limit are read as before, quoted line breaks included', () => {
    expect(read(['a,"q\nq",b\n', 'c,d\n'], 20)).toEqual([
      [1, 'a|q\nq|b', null],
      [2, 'c|d', null],
    ]);
  });
});

describe('DuckDB memory', () => {
  test('memory sizes are read as DuckDB writes them', () => {
    expect(parseMemorySize('1GB')).toBe(1e9);
    expect(parseMemorySize('256MB')).toBe(256e6);
    expect(parseMemorySize('953.6 MiB')).toBeCloseTo(953.6 * 2 ** 20);
    expect(parseMemorySize('18.8 GiB')).toBeCloseTo(18.8 * 2 ** 30);
    expect(parseMemorySize('lots')).toBeNull();
    expect(parseMemorySize('12')).toBeNull();
  });

  test('LIANGBANG_MEMORY_LIMIT replaces the default; anything but a size of 64 MB or more is a usage error', () => {
    vi.stubEnv('LIANGBANG_MEMORY_LIMIT', '');
    expect(memoryLimit()).toBe(MEMORY_LIMIT);
    vi.stubEnv('LIANGBANG_MEMORY_LIMIT', '4GB');
    expect(memoryLimit()).toBe('4GB');
    for (const bad of ['lots', '4', '10MB']) {
      vi.stubEnv('LIANGBANG_MEMORY_LIMIT', bad);
      expect(() => memoryLimit()).toThrow(UserError);
      expect(() => memoryLimit()).toThrow(`实际是“${bad}”`);
    }
    vi.unstubAllEnvs();
  });

  test('ingest reads the exports within INGEST_MEMORY_LIMIT and gives the instance its limit back', async () => {
    const dir = await dataFolder('memory');
    await writeFile(join(dir, 'exports', 'a.csv'), 'member_id,month,item_code,points\nM001,2026-03,B01,1\n');
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB' });
    const conn = await instance.connect();
    // The limit is the instance's: a second connection sees it while ingest works on the first.
    const probe = await instance.connect();
    const limit = async (): Promise<number> => {
      const reader = await probe.runAndReadAll("SELECT current_setting('memory_limit') AS v");
      return parseMemorySize(String(reader.getRowObjectsJson()[0]?.['v'])) as number;
    };
    const before = await limit();
    const during: Promise<number>[] = [];
    // Probed after each step but the last (its probe could run after ingest has returned).
    const result = await ingest(conn, dir, {
      onStep: (step) => {
        if (step !== 'result') during.push(limit());
      },
    });
    expect(result.totals.accepted).toBe(1);
    expect(during.length).toBeGreaterThan(0);
    for (const v of await Promise.all(during))
      expect(v).toBeCloseTo(parseMemorySize(INGEST_MEMORY_LIMIT) as number, -6);
    // Put back as DuckDB wrote it (953.6 MiB): within a tenth of a MiB.
    expect(await limit()).toBeCloseTo(before, -6);
    probe.closeSync();
    conn.closeSync();
    instance.closeSync();
  });

  test('running out of memory while DuckDB reads a file stops the ingest; the JavaScript reader does not take over', async () => {
    const dir = await dataFolder('oom-while-reading');
    await writeFile(join(dir, 'exports', 'a.csv'), 'member_id,month,item_code,points\nM001,2026-03,B01,1\n');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const statements: string[] = [];
    // DuckDB's own message, as a file's rows meet the memory limit (seen at 128 MB, two files at once).
    const oom = 'Out of Memory Error: failed to pin block of size 256.0 KiB (121.9 MiB/122.0 MiB used)';
    const failing = new Proxy(conn, {
      get(target, prop, receiver) {
        if (prop !== 'run') return Reflect.get(target, prop, receiver);
        return async (sql: string, ...rest: unknown[]) => {
          statements.push(sql);
          if (sql.includes('INSERT INTO ingest_rows BY NAME')) throw new Error(oom);
          return (target.run as (...a: unknown[]) => unknown).call(target, sql, ...rest);
        };
      },
    });
    await expect(ingest(failing, dir)).rejects.toThrow(oom);
    expect(explainOutOfMemory(await ingest(failing, dir).catch((e: unknown) => e))).toBeInstanceOf(UserError);
    expect(statements.some((sql) => sql.includes(FALLBACK_TABLE))).toBe(false);
    conn.closeSync();
    instance.closeSync();
  });

  test("DuckDB's out-of-memory error becomes a message a person can act on, naming the variable", async () => {
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: '64MB', threads: '1' });
    const conn = await instance.connect();
    const error = await conn.run('SELECT list(i) FROM range(50000000) t(i)').catch((e: unknown) => e);
    conn.closeSync();
    instance.closeSync();
    const explained = explainOutOfMemory(error);
    expect(explained).toBeInstanceOf(UserError);
    expect((explained as UserError).message).toContain('内存不足');
    expect((explained as UserError).message).toContain('LIANGBANG_MEMORY_LIMIT');
    const other = new Error('Binder Error: no such table');
    expect(explainOutOfMemory(other)).toBe(other);
  });
});
