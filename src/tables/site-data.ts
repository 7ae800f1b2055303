// Node-only: writes the JSON documents the Astro pages read at build time (src/site/data.ts).
// Each document is built in DuckDB by one query in ./site/ (see docs/site.md for their shapes).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withInsertionOrder } from '../analytics/run.ts';
import type { Audience } from '../audience/audience.ts';
import { slug } from '../site/slug.ts';
import { OUTPUT_TABLES, outputColumns, writeCsv } from './write.ts';

/**
 * Writes one line per row of `file` into the file `path`: `"<id>"<TAB><document>` (the id as a
 * JSON string, so a tab in an id cannot end it; documents are JSON, with no raw line breaks).
 */
async function writeLines(conn: DuckDBConnection, file: string, path: string): Promise<void> {
  const rows = await queryRows(conn, file);
  await writeFile(path, rows.map(({ id, doc }) => `${JSON.stringify(id)}\t${doc}`).join('\n'));
}

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
 * The downloads page's CSV files, as `liangbang data` writes them (src/tables/write.ts, writeCsv),
 * without the Parquet copies, which the site does not offer.
 */
async function writeDownloads(conn: DuckDBConnection, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await withInsertionOrder(conn, async () => {
    for (const table of OUTPUT_TABLES) {
      const columns = await outputColumns(conn, table.name);
      if (columns.length === 0) continue; // not produced (a fixture without ingest_report, say)
      await writeCsv(conn, table, columns, join(dir, `${table.name}.csv`));
    }
  });
}

/**
 * Writes the site's documents from the SPEC §3 tables on `conn` into `dir`: site.json (with the
 * audience, which the pages read), dept/<id>.json, members.jsonl (a line per member),
 * committee/<quarter>.json (read by the pages at build time), public/search.json (shipped: the
 * home page's member search) and, for the committee only, public/data/NAME.csv (shipped: the
 * downloads page's tables). The tables are published as they are: the audience step
 * (src/audience/) has already taken out what the audience may not see.
 */
export async function writeSiteData(
  conn: DuckDBConnection,
  info: { organization: string; audience: Audience },
  dir: string,
): Promise<void> {
  await conn.run(await readQuery('functions.sql'));
  try {
    const [site] = await queryRows(conn, 'site.sql');
    const doc = JSON.parse(site?.doc ?? '{}') as Record<string, unknown>;
    const head = { organization: info.organization, audience: info.audience };
    await writeFile(join(dir, 'site.json'), JSON.stringify({ ...head, ...doc }));
    await mkdir(join(dir, 'public'), { recursive: true });
    const [search] = await queryRows(conn, 'search.sql');
    await writeFile(join(dir, 'public', 'search.json'), search?.doc ?? '[]');
    await writeDocuments(conn, 'dept.sql', join(dir, 'dept'));
    await writeLines(conn, 'member.sql', join(dir, 'members.jsonl'));
    await writeDocuments(conn, 'committee.sql', join(dir, 'committee'));
    if (info.audience === 'committee') await writeDownloads(conn, join(dir, 'public', 'data'));
  } finally {
    await conn.run(CLEANUP);
  }
}
