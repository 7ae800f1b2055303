import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { parseScheme, readScheme } from '../../src/config/scheme.ts';
import { ConfigError } from '../../src/errors.ts';

const MINIMAL = `organization: 测试党委
categories:
  - { id: basic, name: 基础评价分 }
  - { id: veto, name: 一票否决项, veto: true }
`;

/** The ConfigError message lines of parsing `source`. */
function errors(source: string): string[] {
  try {
    parseScheme(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('parseScheme', () => {
  test('fills every default of SPEC §1.1', () => {
    expect(parseScheme(MINIMAL)).toEqual({
      organization: '测试党委',
      categories: [
        { id: 'basic', name: '基础评价分', weight: 1, min: null, max: null, veto: false },
        { id: 'veto', name: '一票否决项', weight: 1, min: null, max: null, veto: true },
      ],
      items: [],
      allowCustomItems: true,
      approvedStatuses: ['已审定', '已审核', '审核通过', '通过', 'approved'],
      tieBreak: [],
      yearPoints: 'sum',
      exemplars: { mode: 'top_percent', percent: 10 },
      tiers: [],
      vetoTier: '不合格',
      privacy: { publicNames: 'full' },
    });
  });

  test('reads the full example of SPEC §1.1', () => {
    const scheme = parseScheme(`organization: 辽河石化公司党委
categories:
  - { id: basic,     name: 基础评价分, weight: 1, min: 0, max: 60 }
  - { id: duty,      name: 履职尽责分, weight: 1 }
  - { id: incentive, name: 激励约束分, weight: 1, min: -20, max: 20 }
  - { id: veto,      name: 一票否决项, veto: true }
items:
  - { code: B01, name: 按时参加组织生活, category: basic, max: 10 }
  - { code: V01, name: 受到党纪处分, category: veto }
allow_custom_items: true
approved_statuses: [已审定, 已审核, 审核通过, 通过, approved]
ranking:
  tie_break: [duty]
year_points: sum
exemplars: { mode: top_percent, percent: 10 }
tiers:
  - { name: 优秀, top_percent: 30, min_points: 0 }
  - { name: 合格, min_points: 600 }
  - { name: 基本合格, min_points: 400 }
  - { name: 不合格 }
veto_tier: 不合格
privacy:
  public_names: masked
`);
    expect(scheme.categories[2]).toEqual({
      id: 'incentive',
      name: '激励约束分',
      weight: 1,
      min: -20,
      max: 20,
      veto: false,
    });
    expect(scheme.items[0]).toEqual({
      code: 'B01',
      name: '按时参加组织生活',
      category: 'basic',
      min: null,
      max: 10,
    });
    expect(scheme.tieBreak).toEqual(['duty']);
    expect(scheme.tiers).toEqual([
      { name: '优秀', topPercent: 30, minPoints: 0 },
      { name: '合格', topPercent: null, minPoints: 600 },
      { name: '基本合格', topPercent: null, minPoints: 400 },
      { name: '不合格', topPercent: null, minPoints: null },
    ]);
    expect(scheme.privacy).toEqual({ publicNames: 'masked' });
  });

  test('a JSON document works', () => {
    const json = JSON.stringify({
      organization: '测试党委',
      categories: [{ id: 'basic', name: '基础评价分', weight: 1.5 }],
      exemplars: { mode: 'designated' },
    });
    const scheme = parseScheme(json);
    expect(scheme.categories[0]?.weight).toBe(1.5);
    expect(scheme.exemplars).toEqual({ mode: 'designated' });
  });

  test('an unknown key is an error naming its path, with a spelling hint', () => {
    expect(errors(`${MINIMAL}rankng: {}\n`)).toEqual([
      'scheme.yaml: rankng: 不认识的键，是不是 ranking？请改正拼写或删除这一项（此处可用的键：organization, categories, items, allow_custom_items, approved_statuses, ranking, year_points, exemplars, tiers, veto_tier, privacy）',
    ]);
    expect(
      errors(`organization: x
categories:
  - { id: basic, name: 基础, wieght: 2 }
`),
    ).toEqual([
      'scheme.yaml: categories[0].wieght: 不认识的键，是不是 weight？请改正拼写或删除这一项（此处可用的键：id, name, weight, min, max, veto）',
    ]);
    expect(errors(`${MINIMAL}exemplars: { mode: designated, percent: 5 }\n`)).toEqual([
      'scheme.yaml: exemplars.percent: 不认识的键，请改正拼写或删除这一项（此处可用的键：mode）',
    ]);
  });

  test('a wrong type names the key path', () => {
    expect(
      errors(`organization: x
categories:
  - { id: a, name: A }
  - { id: b, name: B }
  - { id: c, name: C, weight: heavy }
`),
    ).toEqual(['scheme.yaml: categories[2].weight: 应为数字，实际是文字 "heavy"']);
    expect(errors('categories: [{ id: a, name: A }]\n')).toEqual([
      'scheme.yaml: organization: 缺少必填项，请补上（应为文字）',
    ]);
    expect(errors(`${MINIMAL}year_points: average\n`)).toEqual([
      'scheme.yaml: year_points: 应为 sum 或 quarter_average 之一，实际是文字 "average"',
    ]);
  });

  test('duplicate category ids and item codes are errors', () => {
    expect(
      errors(`organization: x
categories:
  - { id: basic, name: 基础 }
  - { id: basic, name: 履职 }
items:
  - { code: B01, name: 甲, category: basic }
  - { code: B01, name: 乙, category: basic }
`),
    ).toEqual([
      'scheme.yaml: categories[1].id: 类别 id "basic" 与 categories[0] 重复，请改用不同的 id',
      'scheme.yaml: items[1].code: 项目编码 "B01" 与 items[0] 重复，请改用不同的编码',
    ]);
  });

  test('an item naming a missing category is an error', () => {
    expect(
      errors(`${MINIMAL}items:
  - { code: B01, name: 甲, category: duty }
`),
    ).toEqual([
      'scheme.yaml: items[0].category: 类别 "duty" 不在 categories 中；请填写其中一个 id：basic, veto',
    ]);
  });

  test('a second veto category is an error', () => {
    expect(errors(`${MINIMAL}  - { id: veto2, name: 否决二, veto: true }\n`)).toEqual([
      'scheme.yaml: categories[2].veto: 只能有一个一票否决类别，categories[1] 已是一票否决类别；请删除这一项的 veto: true',
    ]);
  });

  test('tie-break categories must exist and carry points', () => {
    expect(errors(`${MINIMAL}ranking: { tie_break: [duty, veto] }\n`)).toEqual([
      'scheme.yaml: ranking.tie_break[0]: 类别 "duty" 不在 categories 中；请填写其中一个 id：basic, veto',
      'scheme.yaml: ranking.tie_break[1]: 一票否决类别 "veto" 没有分数，不能用于并列比较',
    ]);
  });

  test('bounds must be ordered and points have at most two decimals', () => {
    expect(
      errors(`organization: x
categories:
  - { id: a, name: A, min: 10, max: 5 }
  - { id: b, name: B, max: 1.234 }
`),
    ).toEqual([
      'scheme.yaml: categories[0].max: max (5) 不能小于 min (10)',
      'scheme.yaml: categories[1].max: 最多 2 位小数',
    ]);
  });

  test('YAML syntax errors give the line', () => {
    expect(errors('organization: x\norganization: y\n')).toEqual([
      'scheme.yaml:2:1: YAML 格式错误：同一层级中有重复的键；请检查缩进、冒号和引号',
    ]);
    expect(errors('')).toEqual(['scheme.yaml: 文件为空；至少需要 organization 和 categories 两项']);
  });
});

describe('readScheme', () => {
  test('reads a GB18030 file and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'liangbang-scheme-'));
    await writeFile(join(dir, 'scheme.yaml'), iconv.encode(MINIMAL, 'gbk'));
    expect((await readScheme(join(dir, 'scheme.yaml'))).organization).toBe('测试党委');
    await expect(readScheme(join(dir, 'missing.yaml'))).rejects.toThrow(/scheme.yaml: 找不到文件/);
  });
});
