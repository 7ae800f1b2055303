// The CLI as a child process for the trust tests: run to the end with its peak memory
// measured, or started in a process group of its own so that a test can kill it and every
// process it started.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/liangbang.mjs', import.meta.url));
const peakRss = pathToFileURL(fileURLToPath(new URL('./peak-rss.ts', import.meta.url))).href;

export interface Run {
  args: string[];
  pid: number;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the CLI process, in MB (null if it died before reporting it). */
  peakMb: number | null;
  seconds: number;
}

/** The CLI's environment: no colours; extra variables from `env`. */
function cliEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, FORCE_COLOR: '0', ...env };
}

/** Runs `liangbang <args>` to the end and measures its peak memory. */
export async function runMeasured(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'liangbang-peak-'));
  const file = join(dir, 'peak');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', peakRss, bin, ...args], {
    cwd: projectRoot,
    env: cliEnv({ ...env, LIANGBANG_PEAK_RSS_FILE: file }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const seconds = (performance.now() - started) / 1000;
  const kb = Number(await readFile(file, 'utf8').catch(() => 'NaN'));
  await rm(dir, { recursive: true, force: true });
  const peakMb = Number.isFinite(kb) ? kb / 1024 : null;
  return { args, pid: child.pid as number, status, stdout, stderr, peakMb, seconds };
}

/** Starts `liangbang <args>` as the leader of a new process group (see killGroup). */
export function startDetached(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    cwd: projectRoot,
    env: cliEnv(env),
    detached: true,
    stdio: 'ignore',
  });
}

/** The processes of group `pgid` that are still alive (zombies waiting to be reaped are not). */
export async function liveMembers(pgid: number): Promise<number[]> {
  const live: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') live.push(Number(entry));
  }
  return live;
}

/** SIGKILLs every process of the group `child` leads, and waits until none is left alive. */
export async function killGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid as number;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on('exit', () => resolve());
  });
  process.kill(-pgid, 'SIGKILL');
  await exited;
  for (let i = 0; i < 100 && (await liveMembers(pgid)).length > 0; i++) await sleep(50);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** sha256 of every file below `dir`, by path relative to it. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes.set(
      relative(dir, path),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return new Map([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The files that differ between two trees: changed, only in `a`, only in `b`. */
export function treeDifferences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, hash] of a) {
    if (!b.has(path)) out.push(`only in the first: ${path}`);
    else if (b.get(path) !== hash) out.push(`differs: ${path}`);
  }
  for (const path of b.keys()) if (!a.has(path)) out.push(`only in the second: ${path}`);
  return out;
}

/** Generates the demo data (scripts/generate-demo.ts) into `out`. */
export async function generateDemo(out: string, members: number, months: number): Promise<void> {
  const script = fileURLToPath(new URL('../../scripts/generate-demo.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [script, '--members', String(members), '--months', String(months), '--out', out],
    { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`generate-demo failed (${code}): ${stderr}`);
}
