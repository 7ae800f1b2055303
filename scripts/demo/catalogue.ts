/**
 * The demo scoring scheme: categories, the item catalogue (积分项目) and the custom items
 * (自定义积分项) some branches add. The numbers are per member and month.
 */

export type CategoryId = 'basic' | 'duty' | 'incentive' | 'veto';

export interface CategoryDef {
  readonly id: CategoryId;
  readonly name: string;
  readonly weight?: number;
  readonly min?: number;
  readonly max?: number;
  readonly veto?: boolean;
}

export const CATEGORIES: readonly CategoryDef[] = [
  { id: 'basic', name: '基础评价分', weight: 1, min: 0, max: 60 },
  { id: 'duty', name: '履职尽责分', weight: 1, min: 0, max: 40 },
  { id: 'incentive', name: '激励约束分', weight: 1, min: -20, max: 20 },
  { id: 'veto', name: '一票否决项', veto: true },
];

export const CATEGORY_NAMES: Readonly<Record<CategoryId, string>> = {
  basic: '基础评价分',
  duty: '履职尽责分',
  incentive: '激励约束分',
  veto: '一票否决项',
};

export interface ItemDef {
  /** Catalogue code; empty for a custom item. */
  readonly code: string;
  readonly name: string;
  readonly category: CategoryId;
  readonly min?: number;
  readonly max?: number;
}

/** The catalogue, in display order. Deduction items (扣分项) have `min` < 0 and `max` 0. */
export const ITEMS = {
  B01: { code: 'B01', name: '按时参加组织生活', category: 'basic', max: 10 },
  B02: { code: 'B02', name: '按时足额交纳党费', category: 'basic', max: 5 },
  B03: { code: 'B03', name: '参加理论学习', category: 'basic', max: 10 },
  B04: { code: 'B04', name: '参加主题党日活动', category: 'basic', max: 10 },
  B05: { code: 'B05', name: '学习强国学习', category: 'basic', max: 5 },
  B06: { code: 'B06', name: '遵守党章党规', category: 'basic', max: 10 },
  B07: { code: 'B07', name: '佩戴党员徽章亮明身份', category: 'basic', max: 5 },
  B08: { code: 'B08', name: '参加民主评议党员', category: 'basic', max: 5 },
  R01: { code: 'R01', name: '完成岗位任务', category: 'duty', max: 15 },
  R02: { code: 'R02', name: '设备抢修', category: 'duty', max: 10 },
  R03: { code: 'R03', name: '急难险重任务', category: 'duty', max: 10 },
  R04: { code: 'R04', name: '党员责任区管理', category: 'duty', max: 8 },
  R05: { code: 'R05', name: '党员示范岗创建', category: 'duty', max: 8 },
  R06: { code: 'R06', name: '安全生产无事故', category: 'duty', max: 5 },
  R07: { code: 'R07', name: '技术攻关项目', category: 'duty', max: 10 },
  R08: { code: 'R08', name: '导师带徒', category: 'duty', max: 5 },
  R09: { code: 'R09', name: '节能降耗创效', category: 'duty', max: 5 },
  J01: { code: 'J01', name: '技术比武获奖', category: 'incentive', max: 10 },
  J02: { code: 'J02', name: '合理化建议', category: 'incentive', max: 5 },
  J03: { code: 'J03', name: '志愿服务', category: 'incentive', max: 5 },
  J04: { code: 'J04', name: '先进事迹受表彰', category: 'incentive', max: 10 },
  J05: { code: 'J05', name: '发表论文或获得专利', category: 'incentive', max: 8 },
  J06: { code: 'J06', name: '参加公益捐助', category: 'incentive', max: 3 },
  J07: { code: 'J07', name: '宣传报道被采用', category: 'incentive', max: 3 },
  K01: { code: 'K01', name: '违反劳动纪律', category: 'incentive', min: -10, max: 0 },
  K02: { code: 'K02', name: '安全环保违章', category: 'incentive', min: -10, max: 0 },
  K03: { code: 'K03', name: '无故缺席组织生活', category: 'incentive', min: -5, max: 0 },
  K04: { code: 'K04', name: '未按时交纳党费', category: 'incentive', min: -5, max: 0 },
  K05: { code: 'K05', name: '工作失误被通报', category: 'incentive', min: -10, max: 0 },
  K06: { code: 'K06', name: '群众投诉属实', category: 'incentive', min: -5, max: 0 },
  V01: { code: 'V01', name: '受到党纪处分', category: 'veto' },
  V02: { code: 'V02', name: '受到刑事处罚', category: 'veto' },
  V03: { code: 'V03', name: '负有重大安全事故责任', category: 'veto' },
} as const satisfies Record<string, ItemDef>;

export const CATALOGUE: readonly ItemDef[] = Object.values(ITEMS);

/** A branch's own item, not in the catalogue: rows carry the name and category, no code. */
export interface CustomItem extends ItemDef {
  /** Points of one row: integers in [lo, hi]. */
  readonly lo: number;
  readonly hi: number;
}

export const CUSTOM_ITEMS: readonly CustomItem[] = [
  { code: '', name: '党员突击队攻坚', category: 'duty', lo: 2, hi: 6 },
  { code: '', name: '青年创新工作室活动', category: 'incentive', lo: 1, hi: 3 },
  { code: '', name: '结对帮扶困难职工', category: 'incentive', lo: 1, hi: 2 },
  { code: '', name: '清洁生产专项行动', category: 'duty', lo: 1, hi: 4 },
  { code: '', name: '党建课题研究', category: 'basic', lo: 1, hi: 3 },
];

/** Committee-only remarks (备注), by the kind of row they fit. */
export const NOTES = {
  any: [
    '因公出差补登',
    '补录上月积分',
    '经支委会研究',
    '党小组长核实',
    '按季度考核结果折算',
    '休假返岗后补登',
  ],
  repair: ['夜班抢修', '配合装置检修', '大检修期间', '节假日加班抢修'],
  deduction: ['见安全环保部通报', '迟到早退两次', '未按规定佩戴劳保用品', '经本人确认', '班组考核记录'],
  award: ['获公司级表彰', '获集团公司级奖项', '车间推荐', '市级媒体报道'],
} as const;

/** Notes that exercise CSV quoting; each is written exactly once (see rows.ts). */
export const SPECIAL_NOTES = {
  comma: '夜间抢修,连续作业6小时',
  quote: '获评"岗位能手"称号',
  lineBreak: '支委会研究决定\n报党委备案',
} as const;
