// Node-only: writes the JSON documents the Astro pages read at build time (src/site/data.ts).
// Each document is built in DuckDB by one query in ./site/ (see docs/site.md for their shapes).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { slug } from '../site/slug.ts';

/** Drops what functions.sql creates, so that the connection is left as it was found. */
const CLEANUP = `
DROP TABLE IF EXISTS temp.site_standings; DROP TABLE IF EXISTS temp.site_subtree;
DROP VIEW IF EXISTS temp.site_categories; DROP VIEW IF EXISTS temp.site_latest;
DROP MACRO IF EXISTS temp.site_mean; DROP MACRO IF EXISTS temp.site_prev_period; DROP MACRO IF EXISTS temp.site_quarter_of;`;

function readQuery(file: string): Promise<string> {
  return readFile(new URL(`./site/${file}`, import.meta.url), 'utf8');
}

async function queryRows(conn: DuckDBConnection, file: string): Promise<{ id: string; doc: string }[]> {
  const sql = await readQuery(file);
  try {
    const rows = await (await conn.runAndReadAll(sql)).getRowObjectsJS();
    return rows.map((row) => ({ id: String(row.id ?? ''), doc: String(row.doc) }));
  } catch (error) {
    throw new Error(`site query ${file} failed: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
}

/** Writes one document per row of `file` as `<dir>/<slug(id)>.json`, a few at a time. */
async function writeDocuments(conn: DuckDBConnection, file: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const rows = await queryRows(conn, file);
  for (let i = 0; i < rows.length; i += 64) {
    await Promise.all(
      rows.slice(i, i + 64).map(({ id, doc }) => writeFile(join(dir, `${slug(id)}.json`), doc)),
    );
  }
}

/**
 * Writes the site's documents from the SPEC §3 tables on `conn` into `dir`: site.json,
 * dept/<id>.json, member/<id>.json, committee/<quarter>.json (read by the pages at build time),
 * and public/search.json (shipped: the home page's member search).
 */
export async function writeSiteData(
  conn: DuckDBConnection,
  info: { organization: string },
  dir: string,
): Promise<void> {
  await conn.run(await readQuery('functions.sql'));
  try {
    const [site] = await queryRows(conn, 'site.sql');
    const doc = JSON.parse(site?.doc ?? '{}') as Record<string, unknown>;
    await writeFile(join(dir, 'site.json'), JSON.stringify({ organization: info.organization, ...doc }));
    await mkdir(join(dir, 'public'), { recursive: true });
    const [search] = await queryRows(conn, 'search.sql');
    await writeFile(join(dir, 'public', 'search.json'), search?.doc ?? '[]');
    await writeDocuments(conn, 'dept.sql', join(dir, 'dept'));
    await writeDocuments(conn, 'member.sql', join(dir, 'member'));
    await writeDocuments(conn, 'committee.sql', join(dir, 'committee'));
  } finally {
    await conn.run(CLEANUP);
  }
}
