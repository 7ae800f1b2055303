// Rewrites zod issues into one friendly Chinese line each: the file, the key path, what is
// wrong and how to fix it, e.g. `scheme.yaml: categories[2].weight: 应为数字，例如 weight: 1`.
import type { z } from 'zod';

/** `categories[2].weight` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（如 [a, b] 或每行一个 “- …”）',
  object: '键值对（key: value）',
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return '空值';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'string') return `文字 "${value}"`;
  if (typeof value === 'number') return `数字 ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return '键值对';
  return typeof value;
}

/** Levenshtein distance, for "did you mean" on misspelt keys. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

function suggestion(key: string, allowed: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? `是不是 ${best}？` : '';
}

/**
 * One line per problem. `allowedKeys` maps a path with indices removed (`categories[]`) to
 * the keys an object there may have, for the "unknown key" hint.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  fileLabel: string,
  allowedKeys: Readonly<Record<string, readonly string[]>>,
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const at = formatPath(issue.path);
    const prefix = at === '' ? `${fileLabel}: ` : `${fileLabel}: ${at}: `;
    if (issue.code === 'unrecognized_keys') {
      const shape = formatPath(issue.path).replace(/\[\d+\]/g, '[]');
      const input = issue.input as Record<string, unknown> | undefined;
      // An object whose keys depend on a `mode`: allowedKeys has `path:mode` entries.
      const allowed = allowedKeys[`${shape}:${String(input?.['mode'])}`] ?? allowedKeys[shape] ?? [];
      for (const key of issue.keys) {
        const where = at === '' ? key : `${at}.${key}`;
        const hint = suggestion(key, allowed);
        lines.push(
          `${fileLabel}: ${where}: 不认识的键，${hint}请改正拼写或删除这一项（此处可用的键：${allowed.join(', ')}）`,
        );
      }
      continue;
    }
    lines.push(prefix + describeIssue(issue));
  }
  return lines;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `缺少必填项，请补上（应为${want}）`;
      return `应为${want}，实际是${describe(issue.input)}`;
    }
    case 'invalid_value':
      return `应为 ${issue.values.map(String).join(' 或 ')} 之一，实际是${describe(issue.input)}`;
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
        const input = issue.input as Record<string, unknown> | undefined;
        const value = input?.[issue.discriminator];
        return `应为 ${issue.options.map(String).join(' 或 ')} 之一，实际是${describe(value)}`;
      }
      return issue.message;
    case 'too_small':
      if (issue.origin === 'array') return '至少需要一项';
      if (issue.origin === 'string') return '不能为空';
      return `应${issue.inclusive ? '≥' : '>'} ${issue.minimum}，实际是${describe(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') return issue.message;
      return `应${issue.inclusive ? '≤' : '<'} ${issue.maximum}，实际是${describe(issue.input)}`;
    default:
      return issue.message;
  }
}
