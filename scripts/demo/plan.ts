/**
 * Everything about the demo that is decided once, before any row is written: months, tree,
 * roster, exemplars, exempt members, the two members who move, veto findings, tier thresholds.
 * Pure: the same options give the same plan.
 */
import { ITEMS, type ItemDef } from './catalogue.ts';
import { addMonths, type Month } from './month.ts';
import { buildDepartments, buildMembers, type Department, type Member } from './org.ts';
import { mixSeed, mulberry32, type Random, randInt, shuffled } from './random.ts';

export interface DemoOptions {
  /** Roster size. */
  readonly members: number;
  /** Number of consecutive monthly exports. */
  readonly months: number;
  /** PRNG seed (unsigned 32-bit). */
  readonly seed: number;
  /** First month. */
  readonly start: Month;
}

export interface TierThresholds {
  /** 优秀 also needs to be in the top 30 %. */
  readonly excellent: number;
  readonly pass: number;
  readonly basicPass: number;
}

export interface DemoPlan {
  readonly options: DemoOptions;
  readonly months: readonly Month[];
  /** The tree in file order (root first). */
  readonly departments: readonly Department[];
  readonly branches: readonly Department[];
  /** The roster in id order. */
  readonly members: readonly Member[];
  /** Veto findings: key `month index × members + member index`. */
  readonly vetoes: ReadonlyMap<number, ItemDef>;
  readonly tiers: TierThresholds;
}

/** Stream numbers for `mixSeed`, so that each part of the demo has its own random sequence. */
export const STREAM = { tree: 1, roster: 2, roles: 3, vetoes: 4, month: 5 } as const;

/** Members per branch on average (a branch holds 3–50). */
const MEMBERS_PER_BRANCH = 32;

/**
 * Year-point thresholds per month of the longest year in the data. Generated month totals have
 * a median near 70 (5th–95th percentile about 50–88), so 优秀 is bound by its 30 % quota, about
 * 5 % of members fall to 基本合格 and 1–2 % to 不合格.
 */
export const TIER_POINTS_PER_MONTH = { excellent: 70, pass: 57, basicPass: 53 } as const;

export function planDemo(options: DemoOptions): DemoPlan {
  const { seed } = options;
  const months = Array.from({ length: options.months }, (_, i) => addMonths(options.start, i));
  const branchCount = Math.max(1, Math.round(options.members / MEMBERS_PER_BRANCH));
  const departments = buildDepartments(mulberry32(mixSeed(seed, STREAM.tree)), branchCount);
  const branches = departments.filter((d) => d.kind === '党支部');
  const members = buildMembers(mulberry32(mixSeed(seed, STREAM.roster)), branches, options.members);
  assignRoles(mulberry32(mixSeed(seed, STREAM.roles)), members, branches, months.length);
  const vetoes = planVetoes(mulberry32(mixSeed(seed, STREAM.vetoes)), members, months.length);
  return { options, months, departments, branches, members, vetoes, tiers: tierThresholds(months) };
}

/** ~1 designated exemplar per 80 members (from the strongest), ≥ 2 exempt, 2 members who move. */
function assignRoles(rng: Random, members: Member[], branches: readonly Department[], months: number): void {
  const n = members.length;
  const exemplars = n >= 10 ? Math.max(1, Math.round(n / 80)) : 0;
  const strongest = members.slice().sort((a, b) => b.level - a.level || a.index - b.index);
  for (const m of shuffled(rng, strongest.slice(0, exemplars * 3)).slice(0, exemplars)) m.exemplar = true;

  const others = shuffled(
    rng,
    members.filter((m) => !m.exemplar),
  );
  const exempt = n >= 20 ? Math.max(2, Math.round(n / 400)) : 0;
  for (const m of others.slice(0, exempt)) m.exempt = true;

  if (n < 20 || branches.length < 2 || months < 2) return;
  const sizes = new Map<Department, number>();
  for (const m of members) sizes.set(m.dept, (sizes.get(m.dept) ?? 0) + 1);
  const half = Math.floor(months / 2);
  const moveMonths = [half, Math.min(months - 1, half + 2)];
  moveMonths.forEach((moveMonth, i) => {
    const mover = others[exempt + i];
    if (!mover) return;
    const start = randInt(rng, branches.length);
    for (let k = 0; k < branches.length; k++) {
      const target = branches[(start + k) % branches.length];
      if (!target || target === mover.dept || (sizes.get(target) ?? 0) >= 50) continue;
      sizes.set(target, (sizes.get(target) ?? 0) + 1);
      mover.firstDept = mover.dept;
      mover.dept = target;
      mover.moveMonth = moveMonth;
      return;
    }
  });
}

/** A handful of veto findings (about one per 2,000 member-months, at least 2), never on exemplars or exempt members. */
function planVetoes(rng: Random, members: readonly Member[], months: number): Map<number, ItemDef> {
  const vetoes = new Map<number, ItemDef>();
  const n = members.length;
  const candidates = members.filter((m) => !m.exemplar && !m.exempt && m.moveMonth === 0 && m.level < 0);
  if (n < 20 || candidates.length === 0) return vetoes;
  const count = Math.max(2, Math.round((n * months) / 2000));
  for (let tries = 0; vetoes.size < count && tries < count * 20; tries++) {
    const member = candidates[randInt(rng, candidates.length)];
    if (!member) continue;
    const key = randInt(rng, months) * n + member.index;
    const u = rng();
    if (!vetoes.has(key)) vetoes.set(key, u < 0.7 ? ITEMS.V01 : u < 0.9 ? ITEMS.V03 : ITEMS.V02);
  }
  return vetoes;
}

/** Thresholds scaled to the longest calendar year in the data, rounded to tens. */
export function tierThresholds(months: readonly Month[]): TierThresholds {
  const perYear = new Map<number, number>();
  for (const m of months) perYear.set(m.year, (perYear.get(m.year) ?? 0) + 1);
  const longest = Math.max(1, ...perYear.values());
  const scale = (perMonth: number) => Math.round((perMonth * longest) / 10) * 10;
  return {
    excellent: scale(TIER_POINTS_PER_MONTH.excellent),
    pass: scale(TIER_POINTS_PER_MONTH.pass),
    basicPass: scale(TIER_POINTS_PER_MONTH.basicPass),
  };
}
