// Node-only: writes the small JSON documents the activity-room screens (/screen/) poll.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ORGANIZATION_DATA, SCREEN_INDEX_FILE, type ScreenIndex } from '../screen/build-data.ts';
import { SCHEMA } from '../screen/client/doc.ts';

/** Most ranks a document holds per board; `?top=` is clamped to it. */
export const MAX_ROWS = 100;

const QUERIES = ['functions', 'scopes', 'boards', 'risers', 'depts', 'exemplars'] as const;
const TABLES = ['options', 'scopes', 'periods', 'board', 'risers', 'depts', 'exemplars'];
const MACROS = ['points', 'prev_period', 'mean'];

function readSql(name: string): Promise<string> {
  return readFile(new URL(`./screen/${name}.sql`, import.meta.url), 'utf8');
}

/**
 * A department id becomes a folder and a file name; an id that could escape them or that a
 * URL cannot carry plainly gets no screen.
 */
export function isPathSafe(id: string): boolean {
  if (id === '' || id === '.' || id === '..' || id.trim() !== id || /[/\\?#%]/.test(id)) return false;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** The site path (below the site root) of a screen's data document. */
export function screenDataPath(deptId: string | null): string {
  return deptId === null ? ORGANIZATION_DATA : `screen/data/dept/${deptId}.json`;
}

interface Document {
  deptId: string | null;
  name: string | null;
  body: Record<string, unknown>;
}

async function queryDocuments(conn: DuckDBConnection): Promise<Document[]> {
  const reader = await conn.runAndReadAll(await readSql('documents'));
  return reader.getRowObjectsJS().map((row) => ({
    deptId: row.scope_id === null ? null : String(row.scope_id),
    name: row.name === null ? null : String(row.name),
    body: JSON.parse(String(row.doc)) as Record<string, unknown>,
  }));
}

async function writeFileIn(root: string, path: string, text: string): Promise<void> {
  const file = join(root, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/**
 * Writes, below `dir`: `public/screen/data/all.json` and `public/screen/data/dept/<dept_id>.json`
 * (one ScreenDoc each), `public/version.json` (their content hash and the export month) and
 * `screen.json` (the ScreenIndex for the pages). Reads the SPEC §3 tables and the contract
 * tables on `conn`; leaves nothing behind on it. Same data → byte-identical files. Names are
 * published as the tables hold them: the audience step (src/audience/) has masked them already.
 */
export async function writeScreenData(
  conn: DuckDBConnection,
  info: { organization: string },
  dir: string,
): Promise<void> {
  await conn.run('CREATE OR REPLACE TEMP TABLE screen_options AS SELECT $1::INTEGER AS max_rows', [MAX_ROWS]);
  let documents: Document[];
  try {
    for (const name of QUERIES) await conn.run(await readSql(name));
    documents = (await queryDocuments(conn)).filter((d) => d.deptId === null || isPathSafe(d.deptId));
  } finally {
    for (const table of TABLES) await conn.run(`DROP TABLE IF EXISTS temp.screen_${table}`);
    for (const macro of MACROS) await conn.run(`DROP MACRO IF EXISTS temp.screen_${macro}`);
  }

  const hash = createHash('sha256');
  for (const d of documents) hash.update(`${screenDataPath(d.deptId)}\n${JSON.stringify(d.body)}\n`);
  hash.update(info.organization);
  const version = hash.digest('hex').slice(0, 16);

  const publicDir = join(dir, 'public');
  let asOf: string | null = null;
  for (const d of documents) {
    asOf = (d.body.asOf as string | null) ?? null;
    const doc = { schema: SCHEMA, version, organization: info.organization, ...d.body };
    await writeFileIn(publicDir, screenDataPath(d.deptId), JSON.stringify(doc));
  }
  // version.json last: a screen that sees the new version finds the new documents in place.
  await writeFileIn(publicDir, 'version.json', JSON.stringify({ schema: SCHEMA, version, asOf }));

  const index: ScreenIndex = {
    organization: info.organization,
    departments: documents.flatMap((d) =>
      d.deptId === null ? [] : [{ id: d.deptId, name: d.name ?? d.deptId, data: screenDataPath(d.deptId) }],
    ),
  };
  await writeFile(join(dir, SCREEN_INDEX_FILE), JSON.stringify(index));
}
