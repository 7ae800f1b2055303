// Builds the whole site (main pages and screens) from the screen fixture into a temp folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/site/astro-build.ts';
import { writeScreenData } from '../../src/tables/screen-data.ts';
import { writeSiteData } from '../../src/tables/site-data.ts';
import { ORGANIZATION, openScreenFixture } from './fixture.ts';

export interface BuiltSite {
  /** Holds siteData/ (the writers' output) and dist/ (the built site). */
  work: string;
  siteData: string;
  dist: string;
}

export async function buildScreenSite(prefix = 'liangbang-screen-'): Promise<BuiltSite> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  const siteData = join(work, 'site-data');
  const dist = join(work, 'dist');
  const db = await openScreenFixture();
  try {
    await import('node:fs/promises').then((fs) => fs.mkdir(siteData, { recursive: true }));
    await writeSiteData(db.conn, { organization: ORGANIZATION, audience: 'public' }, siteData);
    await writeScreenData(db.conn, { organization: ORGANIZATION }, siteData);
  } finally {
    db.close();
  }
  await buildSite({ siteDataDir: siteData, outDir: dist });
  return { work, siteData, dist };
}
