// The site fixture (test/site/fixture.ts) with the drill-down's data: the contract table
// scheme_items (absent from that fixture: no catalogue, every item custom) and writeExploreData,
// then built as `liangbang build` does.
import type { DuckDBConnection } from '@duckdb/node-api';
import { type ExploreOptions, type ExploreSummary, writeExploreData } from '../../src/tables/explore-data.ts';
import { buildFixtureSite, type FixtureSite } from '../site/fixture.ts';

/** A catalogue item with a bound, and an accepted row above it, so that `counted` differs from `points`. */
export const CLAMPED = {
  member: 'M05',
  month: '2026-03',
  code: 'B99',
  name: '理论学习（封顶）',
  max: 5,
  points: 8,
} as const;

/** Adds what the explore data needs beyond the site fixture's tables. */
export async function addExploreInputs(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
CREATE TABLE IF NOT EXISTS scheme_items (item_code VARCHAR, name VARCHAR, category_id VARCHAR,
  min_points DECIMAL(18,2), max_points DECIMAL(18,2));
INSERT INTO scheme_items VALUES ('${CLAMPED.code}', '${CLAMPED.name}', 'basic', NULL, ${CLAMPED.max});
INSERT INTO accepted_rows
SELECT 'exports/${CLAMPED.month}.csv', 999, member_id, dept_id, DATE '${CLAMPED.month}-01', '${CLAMPED.code}', '${CLAMPED.name}',
  'basic', ${CLAMPED.points}, NULL, '机密备注SECRET-NOTE', '书记', NULL
FROM members WHERE member_id = '${CLAMPED.member}';`);
}

export interface ExploreSite extends FixtureSite {
  summary: ExploreSummary;
}

/** Builds the fixture site with the drill-down under `base`. */
export function buildExploreSite(base = '/liangbang/', options: ExploreOptions = {}): Promise<ExploreSite> {
  return buildFixtureSite(base, async (conn, siteDataDir) => {
    await addExploreInputs(conn);
    return { summary: await writeExploreData(conn, siteDataDir, { precompress: false, ...options }) };
  });
}
