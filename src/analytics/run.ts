import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The analytics queries in the order they run: each file answers one question of SPEC §2 and
 * creates its table from the ingest contract tables (docs/architecture.md) and the tables
 * made before it. The last ones are the SPEC §3 outputs: standings, category_points, gaps,
 * weak_areas and tiers.
 */
export const ANALYTICS_QUERIES = [
  'functions', // macros: clamping, exact rounding of means, period keys
  'keys', // member_keys, dept_keys, category_keys: integer keys
  'item_points', // month_category_sums: §2.1 item sums, clamped, per category (the one scan of accepted_rows)
  'calendar', // periods: every month, quarter and year with data, its label and the previous period
  'member_month', // month_points: §2.2–2.4 veto and weighted month points
  'category_month', // month_category_points: §2.2 category points, clamped
  'periods', // period_members: §2.5–2.8 points, department, veto, ranked per period
  'category_points', // period_category_points: §2.5 category points per period
  'ranks', // period_ranks: §2.8 competition ranks with tie-break
  'exemplars', // period_exemplars: §2.10
  'changes', // standings (output): §2.9 change from the previous period
  'gaps', // gaps and category_points (outputs): §2.10 gap to the exemplars
  'weak_areas', // weak_areas (output): §2.11
  'tiers', // tiers (output): §2.12
] as const;

let sources: readonly { name: string; sql: string }[] | undefined;

function readQueries(): readonly { name: string; sql: string }[] {
  sources ??= ANALYTICS_QUERIES.map((name) => ({
    name,
    sql: readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8'),
  }));
  return sources;
}

/**
 * Runs `fn` with DuckDB's `preserve_insertion_order` on, restoring the setting afterwards: the
 * output tables are created in their published order (CREATE TABLE … ORDER BY) and written
 * in stored order, which DuckDB keeps only with this setting.
 */
export async function withInsertionOrder<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  const reader = await conn.runAndReadAll("SELECT current_setting('preserve_insertion_order') AS on");
  const on = reader.getRowObjectsJson()[0]?.on === true;
  if (on) return fn();
  await conn.run('SET preserve_insertion_order = true');
  try {
    return await fn();
  } finally {
    await conn.run('SET preserve_insertion_order = false');
  }
}

/** Runs SPEC §2 over the contract tables on `conn`, leaving the SPEC §3 tables beside them. */
export async function runAnalytics(conn: DuckDBConnection): Promise<void> {
  await withInsertionOrder(conn, async () => {
    for (const { name, sql } of readQueries()) {
      try {
        await conn.run(sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`analytics query ${name}.sql failed: ${message}`, { cause: error });
      }
    }
  });
}
