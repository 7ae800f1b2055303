import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAnalytics } from '../analytics/run.ts';
import { removeOrphans, replaceDir } from '../atomic.ts';
import { applyAudience } from '../audience/apply.ts';
import type { CliOptions } from '../cli.ts';
import { openIngested, refuseRejects, resolveDataDir } from '../pipeline.ts';
import { buildSite } from '../site/astro-build.ts';
import { writeExploreData } from '../tables/explore-data.ts';
import { writeScreenData } from '../tables/screen-data.ts';
import { writeSiteData } from '../tables/site-data.ts';

const AUDIENCE_LABELS = { public: '公开版', committee: '党委版' } as const;

/** `liangbang build`: the static site, swapped into place only when it is complete. */
export async function build(opts: CliOptions): Promise<number> {
  const outDir = resolve(opts.out ?? 'dist');
  const { conn, scheme, result, close } = await openIngested(await resolveDataDir(opts.data));
  // Named with the process id, so that a build killed before it could remove its folder has it
  // removed by the next one.
  await removeOrphans(tmpdir(), /^liangbang-site-(\d+)-/);
  const siteDataDir = await mkdtemp(join(tmpdir(), `liangbang-site-${process.pid}-`));
  try {
    refuseRejects(result, opts.allowRejects);
    await runAnalytics(conn);
    // Before any writer: what the audience may not see is gone from the tables they read.
    await applyAudience(conn, { audience: opts.audience, publicNames: scheme.privacy.publicNames });
    const info = { organization: scheme.organization, audience: opts.audience };
    await writeSiteData(conn, info, siteDataDir);
    await writeScreenData(conn, info, siteDataDir);
    await replaceDir(outDir, (staging) =>
      buildSite({ siteDataDir, outDir: staging, alongside: () => writeExploreData(conn, siteDataDir) }),
    );
  } finally {
    close();
    await rm(siteDataDir, { recursive: true, force: true });
  }
  console.log(`网站已生成（${AUDIENCE_LABELS[opts.audience]}）：${outDir}`);
  return 0;
}
