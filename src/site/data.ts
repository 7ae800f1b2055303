// Node-only: pages call these at build time; they read what src/tables/site-data.ts wrote.
// site.json is read once per build; every other document is read by its one page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audience } from '../audience/audience.ts';
import { slug } from './slug.ts';
import type { Department } from './tree.ts';

export type PeriodType = 'month' | 'quarter' | 'year';

export interface Category {
  category_id: string;
  name: string;
}

export interface MemberRef {
  member_id: string;
  name: string;
  dept_name: string | null;
}

export interface SiteData {
  organization: string;
  /** Who the site is for (src/audience/): only the committee's has the downloads page. */
  audience: Audience;
  latest: { month: string | null; quarter: string | null; year: string | null };
  /** The latest export month with accepted data, e.g. `2026-10` (null when there is none). */
  latestMonth: string | null;
  headline: {
    period: string | null;
    scored: number;
    ranked: number;
    vetoed: number;
    exempt: number;
    average: number | null;
    prevAverage: number | null;
    top: (MemberRef & { points: number; rank: number; shared: number })[];
    movers: (MemberRef & { change: number; rank: number })[];
  };
  /** The average points of ranked members per month, company-wide. */
  companyTrend: { period: string; average: number | null }[];
  departments: Department[];
  memberCounts: Record<string, number>;
  categories: Category[];
  /** Quarters with data, latest first. */
  quarters: string[];
  memberIds: string[];
}

/** A standings row (SPEC §3) with the number of members sharing each rank and the ranked counts. */
export interface Standing {
  points: number;
  vetoed: boolean;
  exempt: boolean;
  dept_id: string;
  dept_name: string | null;
  rank_dept: number | null;
  rank_dept_shared: number | null;
  dept_ranked: number;
  rank_company: number | null;
  rank_company_shared: number | null;
  company_ranked: number;
  points_change: number | null;
  rank_dept_change: number | null;
  rank_company_change: number | null;
}

export interface BoardRow extends Standing {
  member_id: string;
  name: string;
}

export interface Board {
  period: string;
  /** Rows in the period; `rows` holds the first 30 when there are more than 100. */
  total: number;
  rows: BoardRow[];
}

export interface DeptRef {
  dept_id: string;
  name: string;
}

export interface WeakArea {
  category_id: string;
  name: string | null;
  members: number;
  dept_avg: number | null;
  company_avg: number | null;
  diff: number | null;
  std_gap: number | null;
  weakest: boolean | null;
  prev_dept_avg: number | null;
  change: number | null;
}

export interface DeptDoc {
  dept: Department & { parent_id: string | null };
  path: DeptRef[];
  children: (DeptRef & { kind: string | null; members: number; ranked: number; average: number | null })[];
  /** The subtree's roster (empty on the root's page). */
  members: (MemberRef & { dept_id: string })[];
  memberCount: number;
  boards: Record<PeriodType, Board | null>;
  trend: { period: string; dept_avg: number | null; dept_ranked: number; company_avg: number | null }[];
  profile: {
    period: string | null;
    rows: {
      category_id: string;
      name: string;
      dept_avg: number | null;
      company_avg: number | null;
      exemplar_avg: number | null;
    }[];
  };
  weak: { period: string | null; prev_period: string | null; depts: (DeptRef & { rows: WeakArea[] })[] };
}

/** A member's standing in one period (member/<id>.json holds it as an array, see MEMBER_PERIOD_FIELDS). */
export interface MemberPeriod extends Omit<Standing, 'dept_id' | 'dept_name'> {
  period_type: PeriodType;
  period: string;
  /** category_id → points */
  categories: Record<string, number>;
}

/** The order of a period's fields in member/<id>.json (src/tables/site/member.sql); the category points follow. */
export const MEMBER_PERIOD_FIELDS = [
  'period_type',
  'period',
  'points',
  'vetoed',
  'exempt',
  'rank_dept',
  'rank_dept_shared',
  'dept_ranked',
  'rank_company',
  'rank_company_shared',
  'company_ranked',
  'points_change',
  'rank_dept_change',
  'rank_company_change',
] as const;

export interface GapRow {
  category_id: string;
  name: string;
  member_points: number;
  exemplar_avg: number | null;
  gap: number | null;
}

export interface MemberDoc {
  member: { member_id: string; name: string; dept_id: string; dept_name: string | null; exempt: boolean };
  path: DeptRef[];
  /** Every standings row of the member, by period type and period. */
  periods: MemberPeriod[];
  /** The gaps of the latest month, quarter and year, biggest first, `_total` included. */
  gaps: Partial<Record<PeriodType, { period: string; rows: GapRow[] }>>;
  tiers: { period: string; tier: string | null; points: number; rank_company: number | null }[];
}

/** member/<id>.json as written: periods as arrays, gap rows as [category_id, member_points, exemplar_avg, gap], unordered. */
export interface MemberFile {
  member: MemberDoc['member'];
  path: DeptRef[];
  periods: unknown[][];
  gaps: Partial<
    Record<PeriodType, { period: string; rows: [string, number, number | null, number | null][] }>
  >;
  tiers: MemberDoc['tiers'];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A member's document as the page reads it, from the compact file: periods as objects by period
 * type and period; gap rows named (`_total` is 总积分) and ordered biggest gap first (none last),
 * then in the categories' display order; tiers by period.
 */
export function decodeMemberDoc(file: MemberFile, categories: readonly Category[]): MemberDoc {
  // Field by field rather than through MEMBER_PERIOD_FIELDS: this runs for every period of
  // thousands of members.
  const periods = file.periods.map(
    (r): MemberPeriod => ({
      period_type: r[0] as PeriodType,
      period: r[1] as string,
      points: r[2] as number,
      vetoed: r[3] as boolean,
      exempt: r[4] as boolean,
      rank_dept: r[5] as number | null,
      rank_dept_shared: r[6] as number | null,
      dept_ranked: r[7] as number,
      rank_company: r[8] as number | null,
      rank_company_shared: r[9] as number | null,
      company_ranked: r[10] as number,
      points_change: r[11] as number | null,
      rank_dept_change: r[12] as number | null,
      rank_company_change: r[13] as number | null,
      categories: (r[14] ?? {}) as Record<string, number>,
    }),
  );
  periods.sort((a, b) => byText(a.period_type, b.period_type) || byText(a.period, b.period));
  const order = new Map(categories.map((c, i) => [c.category_id, i]));
  const name = new Map(categories.map((c) => [c.category_id, c.name]));
  const gaps: MemberDoc['gaps'] = {};
  for (const [type, g] of Object.entries(file.gaps) as [
    PeriodType,
    NonNullable<MemberFile['gaps'][PeriodType]>,
  ][]) {
    const rows = g.rows.map(([category_id, member_points, exemplar_avg, gap]) => ({
      category_id,
      name: name.get(category_id) ?? (category_id === '_total' ? '总积分' : category_id),
      member_points,
      exemplar_avg,
      gap,
    }));
    rows.sort(
      (a, b) =>
        (a.gap === null ? 1 : 0) - (b.gap === null ? 1 : 0) ||
        (b.gap ?? 0) - (a.gap ?? 0) ||
        (order.get(a.category_id) ?? Number.MAX_SAFE_INTEGER) -
          (order.get(b.category_id) ?? Number.MAX_SAFE_INTEGER) ||
        byText(a.category_id, b.category_id),
    );
    gaps[type] = { period: g.period, rows };
  }
  const tiers = [...file.tiers].sort((a, b) => byText(a.period, b.period));
  return { member: file.member, path: file.path, periods, gaps, tiers };
}

export interface CommitteeMember {
  member_id: string;
  name: string;
  dept_id: string;
  dept_name: string | null;
  points: number;
  rank_company: number | null;
  rank_company_shared: number | null;
  prev_points: number | null;
  points_change: number | null;
  rank_company_change: number | null;
  /** Bottom-two-quarters rows: the previous quarter's company rank. */
  prev_rank_company?: number | null;
}

export interface CommitteeDoc {
  period: string;
  prev_period: string;
  as_of: string | null;
  months: string[];
  counts: { scored: number; ranked: number; vetoed: number; exempt: number; tenth: number };
  areas: (WeakArea & { dept_id: string; dept_name: string | null; category_name: string | null })[];
  member_declines: CommitteeMember[];
  bottom_two: (CommitteeMember & { ranked: number; prev_ranked: number })[];
  red: CommitteeMember[];
  yellow: CommitteeMember[];
}

function dataDir(): string {
  const dir = process.env.LIANGBANG_SITE_DATA;
  if (!dir) throw new Error('LIANGBANG_SITE_DATA is not set: build the site with `liangbang build`');
  return dir;
}

/**
 * The member documents: members.jsonl holds one line per member, `"<id>"<TAB><document>` (one
 * file rather than thousands: writing and opening 5,000 small files was a noticeable part of a
 * build). Split into lines once per build; each document is parsed by its page.
 */
let members: Map<string, string> | undefined;

function memberLine(id: string): string {
  if (!members) {
    members = new Map();
    for (const line of readFileSync(join(dataDir(), 'members.jsonl'), 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) members.set(JSON.parse(line.slice(0, tab)) as string, line.slice(tab + 1));
    }
  }
  const line = members.get(id);
  if (line === undefined) throw new Error(`no document for member ${id} in members.jsonl`);
  return line;
}

function readDocument<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(dataDir(), ...path), 'utf8')) as T;
}

let cached: SiteData | undefined;

/** The folder is passed by `liangbang build` in LIANGBANG_SITE_DATA. */
export function siteData(): SiteData {
  cached ??= readDocument<SiteData>('site.json');
  return cached;
}

export const deptDoc = (id: string): DeptDoc => readDocument('dept', `${slug(id)}.json`);
export const memberDoc = (id: string): MemberDoc =>
  decodeMemberDoc(JSON.parse(memberLine(id)) as MemberFile, siteData().categories);
export const committeeDoc = (quarter: string): CommitteeDoc =>
  readDocument('committee', `${slug(quarter)}.json`);
