// Node-only: pages call these at build time; they read what src/tables/site-data.ts wrote.
// site.json is read once per build; every other document is read by its one page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Rows in the period; `rows` holds the first 50 when there are more than 100. */
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

export interface MemberPeriod extends Standing {
  period_type: PeriodType;
  period: string;
  prev_points: number | null;
  /** category_id → points */
  categories: Record<string, number>;
}

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
  periods: MemberPeriod[];
  /** The gaps of the latest month, quarter and year, biggest first, `_total` included. */
  gaps: Partial<Record<PeriodType, { period: string; rows: GapRow[] }>>;
  tiers: { period: string; tier: string | null; points: number; rank_company: number | null }[];
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
export const memberDoc = (id: string): MemberDoc => readDocument('member', `${slug(id)}.json`);
export const committeeDoc = (quarter: string): CommitteeDoc =>
  readDocument('committee', `${slug(quarter)}.json`);
