/** The demo organisation: the tree of Party organisations and the roster of members. */
import type { CustomItem } from './catalogue.ts';
import { CUSTOM_ITEMS } from './catalogue.ts';
import { personName } from './names.ts';
import { gauss, type Random } from './random.ts';

export type DeptKind = '党委' | '党总支' | '党支部';

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly parent: Department | null;
  readonly kind: DeptKind;
  /** Position among its siblings, from 1. */
  readonly sort: number;
  /** A production unit (车间, 运行部): more repairs and safety items than an office branch. */
  readonly field: boolean;
  /** Per-category offsets on the quality scale: the branch's strong and weak areas. */
  readonly profile: { readonly basic: number; readonly duty: number; readonly incentive: number };
  /** The branch's own item (自定义积分项), if it has one. */
  readonly custom: CustomItem | null;
}

export const COMMITTEE_NAME = '辽河石化公司党委';

const GENERALS = ['炼油运行部党总支', '化工运行部党总支', '仪电运行部党总支'];

/** Named branches: [name, index into GENERALS or -1 for directly under the committee, production unit]. */
const BRANCHES: readonly (readonly [string, number, boolean])[] = [
  ['炼油一部党支部', 0, true],
  ['化工一部党支部', 1, true],
  ['仪表车间党支部', 2, true],
  ['机关第一党支部', -1, false],
  ['炼油二部党支部', 0, true],
  ['芳烃车间党支部', 1, true],
  ['电气车间党支部', 2, true],
  ['机关第二党支部', -1, false],
  ['储运部党支部', -1, true],
  ['炼油三部党支部', 0, true],
  ['聚丙烯车间党支部', 1, true],
  ['热电车间党支部', 2, true],
  ['质量检验中心党支部', -1, false],
  ['常减压车间党支部', 0, true],
  ['维修中心党支部', -1, true],
  ['机关第三党支部', -1, false],
  ['催化裂化车间党支部', 0, true],
  ['沥青车间党支部', 1, true],
  ['计量检测站党支部', 2, false],
  ['安全环保监督站党支部', -1, false],
  ['加氢车间党支部', 0, true],
  ['消防支队党支部', -1, true],
  ['研究院党支部', -1, false],
  ['物资供应中心党支部', -1, false],
  ['销售分公司党支部', -1, false],
];

/** Name stems for branches beyond the named ones (large rosters): 炼油十二车间党支部 … */
const EXTRA_STEMS: readonly (readonly [string, boolean])[] = [
  ['炼油', true],
  ['化工', true],
  ['储运', true],
  ['动力', true],
  ['检维修', true],
  ['仪表', true],
  ['电气', true],
  ['机关', false],
];

const DIGITS = '〇一二三四五六七八九';

/** Chinese numeral for 1–999 (十二, 一百零五); larger numbers in Arabic digits. */
export function chineseNumber(n: number): string {
  if (n >= 1000 || n < 1) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const d = (i: number) => DIGITS.charAt(i);
  if (h === 0) return `${t === 0 ? '' : t === 1 ? '十' : `${d(t)}十`}${u === 0 ? '' : d(u)}`;
  const rest = t === 0 ? (u === 0 ? '' : `零${d(u)}`) : `${d(t)}十${u === 0 ? '' : d(u)}`;
  return `${d(h)}百${rest}`;
}

interface BranchSpec {
  index: number;
  name: string;
  group: number;
  field: boolean;
}

function branchSpecs(count: number, generals: number): BranchSpec[] {
  const specs: BranchSpec[] = [];
  for (let i = 0; i < count; i++) {
    const named = BRANCHES[i];
    if (named) {
      const [name, group, field] = named;
      specs.push({ index: i, name, group: group < generals ? group : -1, field });
      continue;
    }
    const j = i - BRANCHES.length;
    const [stem, field] = EXTRA_STEMS[j % EXTRA_STEMS.length] ?? ['炼油', true];
    const k = Math.floor(j / EXTRA_STEMS.length) + 1;
    const unit = field ? `${stem}${chineseNumber(k)}车间` : `${stem}第${chineseNumber(k + 3)}`;
    specs.push({ index: i, name: `${unit}党支部`, group: (j % (generals + 1)) - 1, field });
  }
  return specs;
}

function generalName(i: number): string {
  return GENERALS[i] ?? `第${chineseNumber(i + 1)}运行部党总支`;
}

/**
 * The tree: one 党委, some 党总支 (about one per nine branches, none under four branches) and
 * `branches` 党支部, some under a 党总支, the rest directly under the 党委. Ids in tree order.
 */
export function buildDepartments(rng: Random, branches: number): Department[] {
  const generals = branches >= 4 ? Math.max(1, Math.round(branches / 9)) : 0;
  const specs = branchSpecs(branches, generals);
  const total = 1 + generals + branches;
  const width = Math.max(2, String(total).length);
  const out: Department[] = [];
  const id = () => `D${String(out.length + 1).padStart(width, '0')}`;
  const profile = () => ({ basic: gauss(rng) * 0.3, duty: gauss(rng) * 0.35, incentive: gauss(rng) * 0.35 });
  let customs = 0;
  const branch = (spec: BranchSpec, parent: Department, sort: number): Department => {
    // Every eighth branch, from the fourth, has an item of its own.
    const custom = spec.index % 8 === 3 ? (CUSTOM_ITEMS[customs++ % CUSTOM_ITEMS.length] ?? null) : null;
    return {
      id: id(),
      name: spec.name,
      parent,
      kind: '党支部',
      sort,
      field: spec.field,
      profile: profile(),
      custom,
    };
  };
  const root: Department = {
    id: id(),
    name: COMMITTEE_NAME,
    parent: null,
    kind: '党委',
    sort: 1,
    field: false,
    profile: { basic: 0, duty: 0, incentive: 0 },
    custom: null,
  };
  out.push(root);
  let rootChildren = 0;
  for (let g = 0; g < generals; g++) {
    const general: Department = {
      id: id(),
      name: generalName(g),
      parent: root,
      kind: '党总支',
      sort: ++rootChildren,
      field: true,
      profile: { basic: 0, duty: 0, incentive: 0 },
      custom: null,
    };
    out.push(general);
    let sort = 0;
    for (const spec of specs) if (spec.group === g) out.push(branch(spec, general, ++sort));
  }
  for (const spec of specs) if (spec.group === -1) out.push(branch(spec, root, ++rootChildren));
  return out;
}

export interface Member {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  /** The roster's department (the latest one for a member who moved). */
  dept: Department;
  /** The department before the move; the same as `dept` for everyone else. */
  firstDept: Department;
  /** Index of the first month spent in `dept` (0 = all months). */
  moveMonth: number;
  exemplar: boolean;
  exempt: boolean;
  /** Persistent standing on the quality scale, about N(0, 1). */
  readonly level: number;
  /** Drift of the standing per month: some members improve, some slip. */
  readonly slope: number;
  /** Per-category aptitude added to the level. */
  readonly aptitude: { readonly basic: number; readonly duty: number; readonly incentive: number };
  /** Holds a 党员示范岗 (demonstration post). */
  readonly post: boolean;
  /** Works on a 技术攻关 project. */
  readonly tech: boolean;
  /** Trains an apprentice (导师带徒). */
  readonly mentor: boolean;
}

/** Branch sizes summing to `n`: 3 to 50 each (as far as `n` allows), uneven. */
export function branchSizes(rng: Random, n: number, k: number): number[] {
  const floor = Math.min(3, Math.floor(n / k));
  const cap = Math.max(50, Math.ceil(n / k));
  const weights = Array.from({ length: k }, () => 0.15 + rng() * 1.7);
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = n - floor * k;
  const sizes = weights.map((w) => Math.min(cap, floor + Math.floor((rest * w) / total)));
  let left = n - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % k) {
    const size = sizes[i] ?? cap;
    if (size < cap) {
      sizes[i] = size + 1;
      left--;
    }
  }
  return sizes;
}

/** `n` members spread over the branches, ids `M0001`… in branch order, names unique within a branch. */
export function buildMembers(rng: Random, branches: readonly Department[], n: number): Member[] {
  const sizes = branchSizes(rng, n, branches.length);
  const width = Math.max(4, String(n).length);
  const members: Member[] = [];
  branches.forEach((dept, b) => {
    const names = new Set<string>();
    for (let j = 0; j < (sizes[b] ?? 0); j++) {
      let name = personName(rng);
      for (let tries = 0; names.has(name) && tries < 20; tries++) name = personName(rng);
      names.add(name);
      const index = members.length;
      members.push({
        index,
        id: `M${String(index + 1).padStart(width, '0')}`,
        name,
        dept,
        firstDept: dept,
        moveMonth: 0,
        exemplar: false,
        exempt: false,
        level: gauss(rng),
        slope: gauss(rng) * 0.035,
        aptitude: { basic: gauss(rng) * 0.3, duty: gauss(rng) * 0.35, incentive: gauss(rng) * 0.35 },
        post: rng() < 0.3,
        tech: rng() < (dept.field ? 0.12 : 0.05),
        mentor: rng() < 0.15,
      });
    }
  });
  return members;
}
