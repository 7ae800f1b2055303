// scheme.yaml (SPEC §1.1): one zod schema gives both what people write (`SchemeInput`) and the
// resolved scheme the pipeline uses (`Scheme`). Unknown keys, duplicate ids, dangling
// references and a second veto category are errors naming the file and the key path.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { decodeBytes } from './encoding.ts';
import { formatIssues } from './issues.ts';
import { readConfigBytes } from './read.ts';

export const DEFAULT_APPROVED_STATUSES = ['已审定', '已审核', '审核通过', '通过', 'approved'] as const;

/** A number with at most `places` decimals (points are DECIMAL(18,2), weights DECIMAL(18,4)). */
function decimal(places: number) {
  const scale = 10 ** places;
  return z
    .number()
    .refine((n) => Number.isFinite(n) && Math.abs(n) < 1e15, { error: '数值超出范围' })
    .refine((n) => Math.abs(Math.round(n * scale) - n * scale) < 1e-6, {
      error: `最多 ${places} 位小数`,
    });
}

const categoryId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: '类别 id 应以英文字母开头，只含字母、数字、_ 或 -，如 basic' });
const text = z.string().trim().min(1);
const percent = decimal(4).refine((p) => p > 0 && p <= 100, { error: '百分比应大于 0 且不超过 100，如 10' });

function boundsInOrder(
  v: { min?: number | undefined; max?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${v.max}) 不能小于 min (${v.min})` });
  }
}

const categorySchema = z
  .strictObject({
    id: categoryId,
    name: text,
    weight: decimal(4).default(1),
    min: decimal(2).optional(),
    max: decimal(2).optional(),
    veto: z.boolean().default(false),
  })
  .superRefine(boundsInOrder);

const itemSchema = z
  .strictObject({
    code: text,
    name: text,
    category: z.string(),
    min: decimal(2).optional(),
    max: decimal(2).optional(),
  })
  .superRefine(boundsInOrder);

const tierSchema = z.strictObject({
  name: text,
  top_percent: percent.optional(),
  min_points: decimal(2).optional(),
});

const exemplarsSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('top_percent'), percent: percent.default(10) }),
  z.strictObject({ mode: z.literal('designated') }),
]);

const schemeObject = z.strictObject({
  organization: text,
  categories: z.array(categorySchema).min(1),
  items: z.array(itemSchema).default([]),
  allow_custom_items: z.boolean().default(true),
  approved_statuses: z
    .array(text)
    .min(1)
    .default([...DEFAULT_APPROVED_STATUSES]),
  ranking: z.strictObject({ tie_break: z.array(z.string()).default([]) }).prefault({}),
  year_points: z.enum(['sum', 'quarter_average']).default('sum'),
  exemplars: exemplarsSchema.prefault({ mode: 'top_percent' }),
  tiers: z.array(tierSchema).default([]),
  veto_tier: text.default('不合格'),
  privacy: z.strictObject({ public_names: z.enum(['full', 'masked']).default('full') }).prefault({}),
});

/** Keys each object may have, for the "unknown key" hint. */
const ALLOWED_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(schemeObject.shape),
  'categories[]': Object.keys(categorySchema.shape),
  'items[]': Object.keys(itemSchema.shape),
  'tiers[]': Object.keys(tierSchema.shape),
  ranking: ['tie_break'],
  exemplars: ['mode', 'percent'],
  'exemplars:designated': ['mode'],
  privacy: ['public_names'],
};

function firstSeen<T>(
  values: readonly T[],
  key: (v: T) => string,
  onRepeat: (index: number, first: number) => void,
) {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const k = key(v);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else onRepeat(i, first);
  });
}

/** Checks that span keys: unique ids and names, references to categories, one veto category. */
function crossCheck(s: z.output<typeof schemeObject>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  firstSeen(
    s.categories,
    (c) => c.id.toLowerCase(),
    (i, first) =>
      issue(
        ['categories', i, 'id'],
        `类别 id "${s.categories[i]?.id}" 与 categories[${first}] 重复，请改用不同的 id`,
      ),
  );
  firstSeen(
    s.categories,
    (c) => c.name,
    (i, first) =>
      issue(
        ['categories', i, 'name'],
        `类别名称 "${s.categories[i]?.name}" 与 categories[${first}] 重复，请改用不同的名称`,
      ),
  );
  const vetoes = s.categories.flatMap((c, i) => (c.veto ? [i] : []));
  for (const i of vetoes.slice(1)) {
    issue(
      ['categories', i, 'veto'],
      `只能有一个一票否决类别，categories[${vetoes[0]}] 已是一票否决类别；请删除这一项的 veto: true`,
    );
  }
  if (vetoes.length === s.categories.length) {
    issue(['categories'], '至少需要一个计分的（非一票否决）类别');
  }
  const ids = new Map(s.categories.map((c) => [c.id, c]));
  const idList = [...ids.keys()].join(', ');
  firstSeen(
    s.items,
    (it) => it.code.toLowerCase(),
    (i, first) =>
      issue(['items', i, 'code'], `项目编码 "${s.items[i]?.code}" 与 items[${first}] 重复，请改用不同的编码`),
  );
  firstSeen(
    s.items,
    (it) => it.name,
    (i, first) =>
      issue(['items', i, 'name'], `项目名称 "${s.items[i]?.name}" 与 items[${first}] 重复，请改用不同的名称`),
  );
  s.items.forEach((it, i) => {
    if (!ids.has(it.category)) {
      issue(
        ['items', i, 'category'],
        `类别 "${it.category}" 不在 categories 中；请填写其中一个 id：${idList}`,
      );
    }
  });
  s.ranking.tie_break.forEach((id, i) => {
    const category = ids.get(id);
    if (!category)
      issue(['ranking', 'tie_break', i], `类别 "${id}" 不在 categories 中；请填写其中一个 id：${idList}`);
    else if (category.veto)
      issue(['ranking', 'tie_break', i], `一票否决类别 "${id}" 没有分数，不能用于并列比较`);
  });
}

export interface Category {
  id: string;
  name: string;
  weight: number;
  min: number | null;
  max: number | null;
  veto: boolean;
}

export interface Item {
  code: string;
  name: string;
  category: string;
  min: number | null;
  max: number | null;
}

export interface Tier {
  name: string;
  topPercent: number | null;
  minPoints: number | null;
}

export type Exemplars = { mode: 'top_percent'; percent: number } | { mode: 'designated' };

/** The resolved scheme: every default filled in. */
export interface Scheme {
  organization: string;
  /** In display order. */
  categories: Category[];
  items: Item[];
  allowCustomItems: boolean;
  approvedStatuses: string[];
  /** Category ids compared in order when points are equal. */
  tieBreak: string[];
  yearPoints: 'sum' | 'quarter_average';
  exemplars: Exemplars;
  /** First matching tier wins. */
  tiers: Tier[];
  vetoTier: string;
  privacy: { publicNames: 'full' | 'masked' };
}

const schemeSchema = schemeObject.superRefine(crossCheck).transform(
  (s): Scheme => ({
    organization: s.organization,
    categories: s.categories.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      min: c.min ?? null,
      max: c.max ?? null,
      veto: c.veto,
    })),
    items: s.items.map((it) => ({
      code: it.code,
      name: it.name,
      category: it.category,
      min: it.min ?? null,
      max: it.max ?? null,
    })),
    allowCustomItems: s.allow_custom_items,
    approvedStatuses: s.approved_statuses,
    tieBreak: s.ranking.tie_break,
    yearPoints: s.year_points,
    exemplars: s.exemplars,
    tiers: s.tiers.map((t) => ({
      name: t.name,
      topPercent: t.top_percent ?? null,
      minPoints: t.min_points ?? null,
    })),
    vetoTier: s.veto_tier,
    privacy: { publicNames: s.privacy.public_names },
  }),
);

/** What people write in scheme.yaml. */
export type SchemeInput = z.input<typeof schemeSchema>;

/**
 * Parses scheme.yaml text (YAML 1.2; a JSON document is valid YAML). Pure. Throws ConfigError
 * with one line per problem.
 */
export function parseScheme(source: string, fileLabel = 'scheme.yaml'): Scheme {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors
        .map((e) => {
          const at = e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
          const what =
            e.code === 'DUPLICATE_KEY' ? '同一层级中有重复的键' : e.message.split(/ at line |\n/)[0];
          return `${fileLabel}${at}: YAML 格式错误：${what}；请检查缩进、冒号和引号`;
        })
        .join('\n'),
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw new ConfigError(`${fileLabel}: 文件为空；至少需要 organization 和 categories 两项`);
  }
  const result = schemeSchema.safeParse(data, { reportInput: true });
  if (!result.success)
    throw new ConfigError(formatIssues(result.error.issues, fileLabel, ALLOWED_KEYS).join('\n'));
  return result.data;
}

/** Reads and parses `<dataDir>/scheme.yaml`. */
export async function readScheme(path: string, fileLabel = 'scheme.yaml'): Promise<Scheme> {
  const bytes = await readConfigBytes(
    path,
    fileLabel,
    `${fileLabel}: 找不到文件 ${path}；数据文件夹中需要 scheme.yaml（积分方案）`,
  );
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new ConfigError(`${fileLabel}: ${decoded.problem}`);
  return parseScheme(decoded.text, fileLabel);
}
