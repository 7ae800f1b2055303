// Node-only: writes the JSON documents the Astro pages read at build time (src/site/data.ts).
// Each document is built in DuckDB by one query in ./site/ (see docs/site.md for their shapes).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withInsertionOrder } from '../analytics/run.ts';
import { slug } from '../site/slug.ts';
import { OUTPUT_TABLES, orderedRows } from './write.ts';

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

const identifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The downloads page's CSV files, as `liangbang data` writes them (src/tables/write.ts: rows in
 * the published order, UTF-8 with a BOM for Excel, the BOM in the first header name so that the
 * file is never rewritten), without the Parquet copies, which the site does not offer.
 */
async function writeDownloads(conn: DuckDBConnection, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await withInsertionOrder(conn, async () => {
    for (const table of OUTPUT_TABLES) {
      const reader = await conn.runAndReadAll(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table.name],
      );
      const columns = reader.getRowObjectsJson().map((row) => String(row.column_name));
      if (columns.length === 0) continue; // not produced (the fixture has no ingest_report, say)
      const select = columns
        .map((c, i) => (i === 0 ? `t.${identifier(c)} AS ${identifier(`\uFEFF${c}`)}` : `t.${identifier(c)}`))
        .join(', ');
      const file = literal(join(dir, `${table.name}.csv`));
      await conn.run(`COPY (${orderedRows(table, select)}) TO ${file} (FORMAT csv, HEADER true)`);
    }
  });
}

/**
 * Writes the site's documents from the SPEC §3 tables on `conn` into `dir`: site.json,
 * dept/<id>.json, members.jsonl (a line per member), committee/<quarter>.json (read by the pages
 * at build time),
 * public/search.json (shipped: the home page's member search) and public/data/NAME.csv (shipped:
 * the downloads page's tables).
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
    await writeLines(conn, 'member.sql', join(dir, 'members.jsonl'));
    await writeDocuments(conn, 'committee.sql', join(dir, 'committee'));
    await writeDownloads(conn, join(dir, 'public', 'data'));
  } finally {
    await conn.run(CLEANUP);
  }
}
