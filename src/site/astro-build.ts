// Node-only: runs Astro's static build of src/pages over the site data folder.
import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Pages read their data through src/site/data.ts from `siteDataDir`; files the table writers put
 * in `siteDataDir/public/` (JSON for screens, Arrow for the drill-down) are copied to the site root.
 * `base` is the URL path the site is served from (default `/`; e.g. `/liangbang/` for a sub-folder
 * of an intranet server): every link and asset honours it.
 */
export async function buildSite(options: { siteDataDir: string; outDir: string; base?: string }): Promise<void> {
  process.env.LIANGBANG_SITE_DATA = options.siteDataDir;
  await build({
    root: projectRoot,
    outDir: options.outDir,
    logLevel: 'warn',
    ...(options.base === undefined ? {} : { base: options.base }),
  });
  const shipped = join(options.siteDataDir, 'public');
  if (await stat(shipped).catch(() => null)) await cp(shipped, options.outDir, { recursive: true });
}
