/** The demo's scheme.yaml (SPEC §1.1), written as text so that it reads like a hand-kept file. */
import { CATALOGUE, CATEGORIES, type CategoryDef, type ItemDef } from './catalogue.ts';
import { COMMITTEE_NAME } from './org.ts';
import { type DemoPlan, TIER_POINTS_PER_MONTH } from './plan.ts';

function flow(entries: readonly (readonly [string, string | number | boolean | undefined])[]): string {
  const parts = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  return `{ ${parts.join(', ')} }`;
}

function categoryLine(c: CategoryDef): string {
  return `  - ${flow([
    ['id', c.id],
    ['name', c.name],
    ['weight', c.weight],
    ['min', c.min],
    ['max', c.max],
    ['veto', c.veto],
  ])}`;
}

function itemLine(item: ItemDef): string {
  return `  - ${flow([
    ['code', item.code],
    ['name', item.name],
    ['category', item.category],
    ['min', item.min],
    ['max', item.max],
  ])}`;
}

/** `command` is the generator command line, recorded in the header comment. */
export function schemeYaml(plan: DemoPlan, command: string): string {
  const { tiers } = plan;
  const p = TIER_POINTS_PER_MONTH;
  return [
    `# 演示数据，由脚本生成，请勿手工修改。重新生成：${command}`,
    `organization: ${COMMITTEE_NAME}`,
    'categories:',
    ...CATEGORIES.map(categoryLine),
    '# 积分项目：每人每月每项的得分先按上下限截取（扣分项 min 为负）',
    'items:',
    ...CATALOGUE.map(itemLine),
    'allow_custom_items: true',
    'approved_statuses: [已审定, 已审核, 审核通过, 通过, approved]',
    'ranking:',
    '  tie_break: [duty]',
    'year_points: sum',
    'exemplars: { mode: designated }',
    `# 年度等次：门槛 = 每月 ${p.excellent}/${p.pass}/${p.basicPass} 分 × 数据中最长一个自然年的月数`,
    'tiers:',
    `  - ${flow([
      ['name', '优秀'],
      ['top_percent', 30],
      ['min_points', tiers.excellent],
    ])}`,
    `  - ${flow([
      ['name', '合格'],
      ['min_points', tiers.pass],
    ])}`,
    `  - ${flow([
      ['name', '基本合格'],
      ['min_points', tiers.basicPass],
    ])}`,
    '  - { name: 不合格 }',
    'veto_tier: 不合格',
    'privacy:',
    '  public_names: full',
    '',
  ].join('\n');
}
