// Node-only: the one step that restricts a build to its audience (docs/security.md). It runs on
// the build's connection after the analytics and before any writer, so the writers publish what
// they find and nothing they could publish is left for an audience that may not see it.
import { readFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scheme } from '../config/scheme.ts';
import type { Audience } from './audience.ts';

export interface AudienceOptions {
  audience: Audience;
  /** The scheme's privacy.public_names: `masked` masks names for the public (mask.sql). */
  publicNames: Scheme['privacy']['publicNames'];
}

function readSql(name: string): Promise<string> {
  return readFile(new URL(`./${name}.sql`, import.meta.url), 'utf8');
}

const identifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function objects(conn: DuckDBConnection, query: string): Promise<Record<string, string>[]> {
  const rows = (await conn.runAndReadAll(await readSql(query))).getRowObjectsJS();
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])));
}

const qualified = (o: Record<string, string>): string =>
  [o.database_name, o.schema_name, o.name].map((part) => identifier(part ?? '')).join('.');

/** Loads the masking macros (mask.sql) on `conn`; dropMaskMacros removes them. */
export async function createMaskMacros(conn: DuckDBConnection): Promise<void> {
  await conn.run(await readSql('mask'));
}

export async function dropMaskMacros(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    'DROP MACRO IF EXISTS temp.audience_masked_name; DROP MACRO IF EXISTS temp.audience_surname_length;',
  );
}

/**
 * The public build: accepted rows without record ids, notes, approvers or approval dates;
 * no pending, duplicate or rejected row, no ingest report, nothing else of the ingest's; and,
 * when the scheme masks names, every table with a member's name (name-tables.sql) masked in
 * place (an UPDATE keeps the rows' stored order, which the writers rely on). The committee
 * build keeps everything.
 */
export async function applyAudience(conn: DuckDBConnection, options: AudienceOptions): Promise<void> {
  if (options.audience === 'committee') return;
  await conn.run(await readSql('public-rows'));
  for (const o of await objects(conn, 'ingest-objects')) await conn.run(`DROP ${o.kind} ${qualified(o)}`);
  await conn.run('ALTER TABLE audience_accepted_rows RENAME TO accepted_rows');
  if (options.publicNames !== 'masked') return;
  await createMaskMacros(conn);
  try {
    for (const o of await objects(conn, 'name-tables')) {
      await conn.run(`UPDATE ${qualified(o)} SET name = audience_masked_name(name)`);
    }
  } finally {
    await dropMaskMacros(conn);
  }
}
