import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Analysed, analyse, type Fixture } from './fixture.ts';

/** The worked example of docs/scoring.md: every number there is checked here. */
const WORKED_EXAMPLE: Fixture = {
  categories: [
    { id: 'basic', name: '基础评价分', min: 0, max: 60 },
    { id: 'duty', name: '履职尽责分' },
    { id: 'incentive', name: '激励约束分', weight: '0.5', min: -20, max: 20 },
    { id: 'veto', name: '一票否决项', veto: true },
  ],
  items: [{ code: 'B01', category: 'basic', max: 10 }],
  tieBreak: ['duty'],
  exemplars: { mode: 'top_percent', percent: 50 },
  tiers: [
    { name: '优秀', topPercent: 34, minPoints: 0 },
    { name: '合格', minPoints: 124 },
    { name: '不合格' },
  ],
  departments: [
    { id: 'D1', name: '一支部' },
    { id: 'D2', name: '二支部' },
  ],
  members: [
    { id: 'A', name: '张伟', dept: 'D1' },
    { id: 'B', name: '王芳', dept: 'D1' },
    { id: 'C', name: '李强', dept: 'D2' },
    { id: 'D', name: '赵敏', dept: 'D2' },
  ],
  rows: [
    ...[
      ['A', 'basic', 'B01', 6],
      ['A', 'basic', 'B01', 7],
      ['A', 'basic', 'B03', 45],
      ['A', 'duty', 'R01', 8],
      ['A', 'incentive', 'J01', 3],
      ['B', 'basic', 'B03', 58],
      ['B', 'basic', 'B01', 5],
      ['B', 'duty', 'R01', 8],
      ['B', 'incentive', 'K01', -7],
      ['C', 'basic', 'B03', 50],
      ['C', 'basic', 'B01', 10],
      ['C', 'duty', 'R01', 6],
      ['D', 'basic', 'B03', 50],
      ['D', 'basic', 'B01', 10],
      ['D', 'duty', 'R01', 5],
      ['D', 'incentive', 'K01', -1],
    ].map(([member, category, item, points]) => ({
      member: String(member),
      month: '2026-04',
      category: String(category),
      item: String(item),
      points: Number(points),
    })),
    ...[
      ['A', 'basic', 'B03', 50],
      ['A', 'duty', 'R01', 10],
      ['A', 'incentive', 'J01', '1.25'],
      ['B', 'basic', 'B03', 55],
      ['B', 'duty', 'R01', 6],
      ['B', 'veto', 'V01', 0],
      ['C', 'basic', 'B03', 58],
      ['C', 'duty', 'R01', 4],
      ['D', 'basic', 'B03', 60],
      ['D', 'duty', 'R01', 9],
      ['D', 'incentive', 'K01', -25],
    ].map(([member, category, item, points]) => ({
      member: String(member),
      month: '2026-05',
      category: String(category),
      item: String(item),
      points: String(points),
    })),
  ],
};

describe('the worked example in docs/scoring.md', () => {
  let a: Analysed;
  beforeAll(async () => {
    a = await analyse(WORKED_EXAMPLE);
  });
  afterAll(() => a.close());

  it('computes the category points and month points', async () => {
    expect(
      await a.values('category_points', 'period, member_id, category_id, points', "period_type = 'month'"),
    ).toEqual([
      ['2026-04', 'A', 'basic', '55.00'],
      ['2026-04', 'A', 'duty', '8.00'],
      ['2026-04', 'A', 'incentive', '3.00'],
      ['2026-04', 'B', 'basic', '60.00'],
      ['2026-04', 'B', 'duty', '8.00'],
      ['2026-04', 'B', 'incentive', '-7.00'],
      ['2026-04', 'C', 'basic', '60.00'],
      ['2026-04', 'C', 'duty', '6.00'],
      ['2026-04', 'C', 'incentive', '0.00'],
      ['2026-04', 'D', 'basic', '60.00'],
      ['2026-04', 'D', 'duty', '5.00'],
      ['2026-04', 'D', 'incentive', '-1.00'],
      ['2026-05', 'A', 'basic', '50.00'],
      ['2026-05', 'A', 'duty', '10.00'],
      ['2026-05', 'A', 'incentive', '1.25'],
      ['2026-05', 'B', 'basic', '55.00'],
      ['2026-05', 'B', 'duty', '6.00'],
      ['2026-05', 'B', 'incentive', '0.00'],
      ['2026-05', 'C', 'basic', '58.00'],
      ['2026-05', 'C', 'duty', '4.00'],
      ['2026-05', 'C', 'incentive', '0.00'],
      ['2026-05', 'D', 'basic', '60.00'],
      ['2026-05', 'D', 'duty', '9.00'],
      ['2026-05', 'D', 'incentive', '-20.00'],
    ]);
  });

  it('ranks, flags exemplars and compares with the previous month', async () => {
    const columns =
      'period, member_id, points, vetoed, rank_dept, rank_company, is_exemplar, points_change, rank_company_change';
    expect(await a.values('standings', columns)).toEqual([
      ['2026', 'A', '125.13', false, 1, 2, true, null, null],
      ['2026', 'B', '125.50', true, null, null, false, null, null],
      ['2026', 'C', '128.00', false, 1, 1, true, null, null],
      ['2026', 'D', '123.50', false, 2, 3, false, null, null],
      ['2026-04', 'A', '64.50', false, 1, 2, true, null, null],
      ['2026-04', 'B', '64.50', false, 1, 2, true, null, null],
      ['2026-04', 'C', '66.00', false, 1, 1, true, null, null],
      ['2026-04', 'D', '64.50', false, 2, 4, false, null, null],
      ['2026-05', 'A', '60.63', false, 1, 2, true, '-3.87', 0],
      ['2026-05', 'B', '61.00', true, null, null, false, '-3.50', null],
      ['2026-05', 'C', '62.00', false, 1, 1, true, '-4.00', 0],
      ['2026-05', 'D', '59.00', false, 2, 3, false, '-5.50', 1],
      ['2026-Q2', 'A', '125.13', false, 1, 2, true, null, null],
      ['2026-Q2', 'B', '125.50', true, null, null, false, null, null],
      ['2026-Q2', 'C', '128.00', false, 1, 1, true, null, null],
      ['2026-Q2', 'D', '123.50', false, 2, 3, false, null, null],
    ]);
  });

  it("measures D's gap to April's exemplars", async () => {
    expect(
      await a.values(
        'gaps',
        'category_id, member_points, exemplar_avg, gap',
        "period = '2026-04' AND member_id = 'D'",
      ),
    ).toEqual([
      ['_total', '64.50', '65.00', '0.50'],
      ['basic', '60.00', '58.33', '-1.67'],
      ['duty', '5.00', '7.33', '2.33'],
      ['incentive', '-1.00', '-1.33', '-0.33'],
    ]);
  });

  it('compares the branches in the quarter and places the year tiers', async () => {
    expect(
      await a.values(
        'weak_areas',
        'dept_id, category_id, members, dept_avg, company_avg, diff, std_gap, weakest',
      ),
    ).toEqual([
      ['D1', 'basic', 1, '105.00', '114.33', '-9.33', '-1.40', true],
      ['D1', 'duty', 1, '18.00', '14.00', '4.00', '1.22', false],
      ['D1', 'incentive', 1, '4.25', '-5.58', '9.83', '0.89', false],
      ['D2', 'basic', 2, '119.00', '114.33', '4.67', '0.70', false],
      ['D2', 'duty', 2, '12.00', '14.00', '-2.00', '-0.61', true],
      ['D2', 'incentive', 2, '-10.50', '-5.58', '-4.92', '-0.45', false],
    ]);
    expect(await a.values('tiers', 'member_id, points, rank_company, tier')).toEqual([
      ['A', '125.13', 2, '合格'],
      ['B', '125.50', null, '不合格'],
      ['C', '128.00', 1, '优秀'],
      ['D', '123.50', 3, '不合格'],
    ]);
  });
});
