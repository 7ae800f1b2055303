// Node-only: runs Astro's static build of src/pages over the site data folder.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeOrphans } from '../atomic.ts';

export interface SiteBuildOptions {
  siteDataDir: string;
  outDir: string;
  /** The URL path the site is served from: `/` (default) or a sub-folder such as `/liangbang/`. */
  base?: string;
  /**
   * Work run while Astro builds, such as writing the drill-down's files into
   * `siteDataDir/public/`: no page reads them, and they are copied to the site after both end.
   */
  alongside?: () => Promise<unknown>;
}

/**
 * Pages read their data through src/site/data.ts from `siteDataDir`; files the table writers put
 * in `siteDataDir/public/` (JSON for screens, Arrow for the drill-down) are copied to the site root.
 * Every link and asset honours `base`.
 *
 * Astro runs in a child process whose working folder is a fresh one below
 * node_modules/.cache/liangbang-astro/: Astro keeps its intermediate files in `<cwd>/.astro/`
 * when outDir lies outside the cwd, so two builds started from the same folder (parallel tests,
 * two people) would otherwise delete each other's; inside the project, they still resolve the
 * project's packages. The folder is named after the process (`<pid>-XXXXXX`): those of a build
 * that was killed are removed by the next one.
 *
 * One Astro process builds every page: sharing the member pages between two (each compiling the
 * site) was measured no faster on a 2-core machine (bench/README.md, "Site"); `alongside` work
 * uses what CPU Astro leaves idle.
 */
export async function buildSite(options: SiteBuildOptions): Promise<void> {
  const scratch = fileURLToPath(new URL('../../node_modules/.cache/liangbang-astro/', import.meta.url));
  await mkdir(scratch, { recursive: true });
  await removeOrphans(scratch, /^(\d+)-/);
  const work = await mkdtemp(join(scratch, `${process.pid}-`));
  const stop = new AbortController();
  try {
    const alongside = options.alongside?.().catch((error: unknown) => {
      stop.abort();
      throw error;
    });
    const [astro, other] = await Promise.allSettled([runChild(work, options, stop.signal), alongside]);
    // The work's own error first: Astro's, when it was stopped for it, says only that.
    if (other.status === 'rejected') throw other.reason;
    if (astro.status === 'rejected') throw astro.reason;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const shipped = join(options.siteDataDir, 'public');
  if (await stat(shipped).catch(() => null)) await cp(shipped, options.outDir, { recursive: true });
}

function runChild(work: string, options: SiteBuildOptions, signal: AbortSignal): Promise<void> {
  const script = fileURLToPath(new URL('./astro-child.ts', import.meta.url));
  // Astro lets process.env override import.meta.env, and a BASE_URL there (vitest sets one)
  // would replace the configured base in every link: the child does not inherit it.
  const { BASE_URL: _, ...env } = process.env;
  const args = JSON.stringify({ outDir: options.outDir, base: options.base, cacheDir: join(work, 'cache') });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, args], {
      cwd: work,
      env: { ...env, LIANGBANG_SITE_DATA: options.siteDataDir },
      stdio: ['ignore', 'inherit', 'pipe'],
      signal,
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
