// Node-only: runs Astro's static build of src/pages over the site data folder.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeOrphans } from '../atomic.ts';
import { UserError } from '../errors.ts';

export interface SiteBuildOptions {
  siteDataDir: string;
  outDir: string;
  /** The URL path the site is served from: `/` (default) or a sub-folder such as `/liangbang/`. */
  base?: string;
  /**
   * How many Astro processes share the member pages; default: LIANGBANG_SHARDS if set, else one
   * per CPU (at most 2) from SHARD_MEMBERS members on, else 1. The site is the same either way.
   */
  shards?: number;
}

/** From this many members on, the member pages are shared out between processes. */
export const SHARD_MEMBERS = 1000;

/**
 * Pages read their data through src/site/data.ts from `siteDataDir`; files the table writers put
 * in `siteDataDir/public/` (JSON for screens, Arrow for the drill-down) are copied to the site root.
 * Every link and asset honours `base`.
 *
 * Astro runs in a child process whose working folder is a fresh one below
 * node_modules/.cache/liangbang-astro/: Astro keeps its intermediate files in `<cwd>/.astro/`
 * when outDir lies outside the cwd, so two builds started from the same folder (parallel tests,
 * two people) would otherwise delete each other's; inside the project, they still resolve the
 * project's packages.
 *
 * Astro renders pages one after the other on one core. A large organisation's member pages
 * (5,000 of them are nine pages in ten) are therefore shared out: each of `shards` processes
 * builds the site with every n-th member page (LIANGBANG_SHARD=i/n, read by the member route);
 * the first writes into `outDir`, the others' member pages are moved in after them. Each process
 * compiles the same sources, so the assets are the same; any the first lacks are copied too.
 * test/trust/reproducible.test.ts builds with one and with two processes and compares every byte.
 *
 * A working folder is named after the process (`<pid>-XXXXXX`): those of a build that was killed
 * are removed by the next one.
 */
export async function buildSite(options: SiteBuildOptions): Promise<void> {
  const scratch = fileURLToPath(new URL('../../node_modules/.cache/liangbang-astro/', import.meta.url));
  await mkdir(scratch, { recursive: true });
  await removeOrphans(scratch, /^(\d+)-/);
  const shards = options.shards ?? shardsFromEnv() ?? (await defaultShards(options.siteDataDir));
  const works: string[] = [];
  try {
    for (let i = 0; i < shards; i++) works.push(await mkdtemp(join(scratch, `${process.pid}-`)));
    const outs = works.map((work, i) => (i === 0 ? options.outDir : join(work, 'out')));
    await Promise.all(
      works.map((work, i) =>
        runChild(
          work,
          { ...options, outDir: outs[i] ?? options.outDir },
          shards > 1 ? `${i}/${shards}` : null,
        ),
      ),
    );
    for (const out of outs.slice(1)) await mergeMembers(out, options.outDir);
  } finally {
    await Promise.all(works.map((work) => rm(work, { recursive: true, force: true })));
  }
  const shipped = join(options.siteDataDir, 'public');
  if (await stat(shipped).catch(() => null)) await cp(shipped, options.outDir, { recursive: true });
}

/** LIANGBANG_SHARDS: the number of Astro processes, to use more cores or fewer, or to test. */
function shardsFromEnv(): number | null {
  const text = process.env['LIANGBANG_SHARDS'];
  if (text === undefined || text === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new UserError(`环境变量 LIANGBANG_SHARDS 应为 1 到 16 的整数，实际是“${text}”。`, 2);
  return n;
}

async function defaultShards(siteDataDir: string): Promise<number> {
  const site = JSON.parse(await readFile(join(siteDataDir, 'site.json'), 'utf8')) as {
    memberIds?: unknown[];
  };
  const members = site.memberIds?.length ?? 0;
  return members >= SHARD_MEMBERS ? Math.max(1, Math.min(2, availableParallelism())) : 1;
}

/** Moves a shard's member pages into `outDir` and copies any asset `outDir` lacks. */
async function mergeMembers(shard: string, outDir: string): Promise<void> {
  // The base path puts the pages one or more folders down: find the folder holding member/.
  const root = await findMemberRoot(shard);
  if (root === null) return;
  const target = join(outDir, root.relative);
  await mkdir(join(target, 'member'), { recursive: true });
  for (const entry of await readdir(join(root.path, 'member'))) {
    if (await stat(join(target, 'member', entry)).catch(() => null)) continue; // built by the first shard
    await rename(join(root.path, 'member', entry), join(target, 'member', entry));
  }
  const assets = join(root.path, '_assets');
  if (await stat(assets).catch(() => null))
    await cp(assets, join(target, '_assets'), { recursive: true, force: false, errorOnExist: false });
}

async function findMemberRoot(
  dir: string,
  relative = '',
): Promise<{ path: string; relative: string } | null> {
  if (await stat(join(dir, 'member')).catch(() => null)) return { path: dir, relative };
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
    const found = await findMemberRoot(join(dir, entry.name), join(relative, entry.name));
    if (found) return found;
  }
  return null;
}

function runChild(work: string, options: SiteBuildOptions, shard: string | null): Promise<void> {
  const script = fileURLToPath(new URL('./astro-child.ts', import.meta.url));
  // Astro lets process.env override import.meta.env, and a BASE_URL there (vitest sets one)
  // would replace the configured base in every link: the child does not inherit it.
  const { BASE_URL: _, LIANGBANG_SHARD: __, ...env } = process.env;
  const args = JSON.stringify({ outDir: options.outDir, base: options.base, cacheDir: join(work, 'cache') });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, args], {
      cwd: work,
      env: {
        ...env,
        LIANGBANG_SITE_DATA: options.siteDataDir,
        ...(shard === null ? {} : { LIANGBANG_SHARD: shard }),
      },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        if (stderr) process.stderr.write(stderr);
        resolve();
      } else {
        reject(
          new Error(`site build failed (exit ${code}):\n${stderr.trim().split('\n').slice(-30).join('\n')}`),
        );
      }
    });
  });
}
