import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAnalytics } from '../analytics/run.ts';
import { replaceDir } from '../atomic.ts';
import type { CliOptions } from '../cli.ts';
import { openIngested, refuseRejects, resolveDataDir } from '../pipeline.ts';
import { buildSite } from '../site/astro-build.ts';
import { writeExploreData } from '../tables/explore-data.ts';
import { writeScreenData } from '../tables/screen-data.ts';
import { writeSiteData } from '../tables/site-data.ts';

/** `liangbang build`: the static site, swapped into place only when it is complete. */
export async function build(opts: CliOptions): Promise<number> {
  const outDir = resolve(opts.out ?? 'dist');
  const { conn, scheme, result, close } = await openIngested(await resolveDataDir(opts.data));
  const siteDataDir = await mkdtemp(join(tmpdir(), 'liangbang-site-'));
  try {
    refuseRejects(result, opts.allowRejects);
    await runAnalytics(conn);
    const info = { organization: scheme.organization, publicNames: scheme.privacy.publicNames };
    await writeSiteData(conn, info, siteDataDir);
    await writeScreenData(conn, info, siteDataDir);
    await writeExploreData(conn, siteDataDir, { publicNames: info.publicNames });
    close();
    await replaceDir(outDir, (staging) => buildSite({ siteDataDir, outDir: staging }));
  } finally {
    close();
    await rm(siteDataDir, { recursive: true, force: true });
  }
  console.log(`网站已生成：${outDir}`);
  return 0;
}
