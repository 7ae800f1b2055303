import { describe, expect, it } from 'vitest';
import { analyse, SCHEME } from './fixture.ts';

describe('month points (SPEC §2.1–2.4)', () => {
  it('clamps item sums to the item bounds, then category sums to the category bounds', async () => {
    const a = await analyse({
      categories: [
        { id: 'basic', min: 0, max: 60 },
        { id: 'duty' },
        { id: 'incentive', min: -20, max: 20 },
        { id: 'veto', veto: true },
      ],
      items: [
        { code: 'B01', category: 'basic', max: 10 },
        { code: 'I01', category: 'incentive', min: -5 },
      ],
      members: [
        { id: 'a', dept: 'd1' },
        { id: 'b', dept: 'd1' },
      ],
      rows: [
        // a: B01 6 + 7 = 13 → item max 10; custom B02 55 → basic 65 → category max 60
        { member: 'a', month: '2026-01', category: 'basic', item: 'B01', points: 6 },
        { member: 'a', month: '2026-01', category: 'basic', item: 'B01', points: 7 },
        { member: 'a', month: '2026-01', category: 'basic', item: 'B02', points: 55 },
        // duty: a custom item and a wide-form cell (no item) add up: 4.75
        { member: 'a', month: '2026-01', category: 'duty', item: '夜间抢修', points: '3.50' },
        { member: 'a', month: '2026-01', category: 'duty', item: null, points: '1.25' },
        // incentive: I01 −4 − 3 = −7 → item min −5; custom −18 → −23 → category min −20
        { member: 'a', month: '2026-01', category: 'incentive', item: 'I01', points: -4 },
        { member: 'a', month: '2026-01', category: 'incentive', item: 'I01', points: -3 },
        { member: 'a', month: '2026-01', category: 'incentive', item: 'I99', points: -18 },
        // b: only +25 incentive → category max 20; basic and duty are 0
        { member: 'b', month: '2026-01', category: 'incentive', item: 'I98', points: 25 },
      ],
    });
    expect(await a.rows('category_points', 'member_id, category_id, points', "period = '2026-01'")).toEqual([
      { member_id: 'a', category_id: 'basic', points: '60.00' },
      { member_id: 'a', category_id: 'duty', points: '4.75' },
      { member_id: 'a', category_id: 'incentive', points: '-20.00' },
      { member_id: 'b', category_id: 'basic', points: '0.00' },
      { member_id: 'b', category_id: 'duty', points: '0.00' },
      { member_id: 'b', category_id: 'incentive', points: '20.00' },
    ]);
    expect(await a.rows('standings', 'member_id, points, vetoed', "period = '2026-01'")).toEqual([
      { member_id: 'a', points: '44.75', vetoed: false },
      { member_id: 'b', points: '20.00', vetoed: false },
    ]);
    a.close();
  });

  it('keeps negative points down to the floor and lets a month total be negative', async () => {
    const a = await analyse({
      categories: [
        { id: 'basic', min: 0, max: 60 },
        { id: 'incentive', min: -20, max: 20 },
      ],
      members: [{ id: 'a', dept: 'd1' }],
      rows: [
        { member: 'a', month: '2026-01', category: 'basic', points: -5 }, // floor 0
        { member: 'a', month: '2026-01', category: 'incentive', points: '-7.5' },
        { member: 'a', month: '2026-02', category: 'incentive', points: -30 }, // floor −20
      ],
    });
    expect(await a.rows('standings', 'period, points', "member_id = 'a'")).toEqual([
      { period: '2026', points: '-27.50' },
      { period: '2026-01', points: '-7.50' },
      { period: '2026-02', points: '-20.00' },
      { period: '2026-Q1', points: '-27.50' },
    ]);
    a.close();
  });

  it('weights category points and rounds the month total half away from zero', async () => {
    const a = await analyse({
      categories: [
        { id: 'basic', weight: '0.5' },
        { id: 'duty', weight: '0.5' },
        { id: 'incentive', weight: '1.25' },
      ],
      members: ['c', 'd', 'e', 'f', 'g'].map((id) => ({ id, dept: 'd1' })),
      rows: [
        // 0.5 × 1.25 = 0.625 → 0.63, and −0.625 → −0.63
        { member: 'c', month: '2026-01', category: 'basic', points: '1.25' },
        { member: 'd', month: '2026-01', category: 'basic', points: '-1.25' },
        // the total is rounded, not each category: 0.005 + 0.005 = 0.01 (not 0.02)
        { member: 'e', month: '2026-01', category: 'basic', points: '0.01' },
        { member: 'e', month: '2026-01', category: 'duty', points: '0.01' },
        // 1.25 × 0.01 = 0.0125 → 0.01; 1.25 × −0.02 = −0.025 → −0.03
        { member: 'f', month: '2026-01', category: 'incentive', points: '0.01' },
        { member: 'g', month: '2026-01', category: 'incentive', points: '-0.02' },
        // a quarter sums the rounded month points: 0.63 + 0.63 = 1.26
        { member: 'c', month: '2026-02', category: 'basic', points: '1.25' },
      ],
    });
    expect(await a.rows('standings', 'period, member_id, points', "period_type <> 'year'")).toEqual([
      { period: '2026-01', member_id: 'c', points: '0.63' },
      { period: '2026-01', member_id: 'd', points: '-0.63' },
      { period: '2026-01', member_id: 'e', points: '0.01' },
      { period: '2026-01', member_id: 'f', points: '0.01' },
      { period: '2026-01', member_id: 'g', points: '-0.03' },
      { period: '2026-02', member_id: 'c', points: '0.63' },
      { period: '2026-Q1', member_id: 'c', points: '1.26' },
      { period: '2026-Q1', member_id: 'd', points: '-0.63' },
      { period: '2026-Q1', member_id: 'e', points: '0.01' },
      { period: '2026-Q1', member_id: 'f', points: '0.01' },
      { period: '2026-Q1', member_id: 'g', points: '-0.03' },
    ]);
    // category points are unweighted
    expect(
      await a.rows('category_points', 'category_id, points', "period = '2026-01' AND member_id = 'c'"),
    ).toEqual([
      { category_id: 'basic', points: '1.25' },
      { category_id: 'duty', points: '0.00' },
      { category_id: 'incentive', points: '0.00' },
    ]);
    a.close();
  });

  it('marks a veto row as vetoed and gives it no points; the member is still scored', async () => {
    const a = await analyse({
      ...SCHEME,
      members: [
        { id: 'a', dept: 'd1' },
        { id: 'b', dept: 'd1' },
      ],
      rows: [
        { member: 'a', month: '2026-01', category: 'basic', points: 10 },
        { member: 'a', month: '2026-01', category: 'veto', item: 'V01', points: 100 },
        { member: 'b', month: '2026-01', category: 'veto', item: 'V01', points: 0 },
      ],
    });
    expect(
      await a.rows('standings', 'member_id, points, vetoed, rank_dept, rank_company', "period = '2026-01'"),
    ).toEqual([
      { member_id: 'a', points: '10.00', vetoed: true, rank_dept: null, rank_company: null },
      { member_id: 'b', points: '0.00', vetoed: true, rank_dept: null, rank_company: null },
    ]);
    // no category_points row for the veto category
    expect(await a.rows('category_points', 'DISTINCT category_id')).toEqual([
      { category_id: 'basic' },
      { category_id: 'duty' },
    ]);
    a.close();
  });

  it('sums a repeated item before clamping it, however many items the catalogue has', async () => {
    // 70 bounded items in one category: items past the 64th take the item-by-item path
    const items = Array.from({ length: 70 }, (_, i) => ({
      code: `B${String(i).padStart(2, '0')}`,
      category: 'basic',
      max: 10,
    }));
    const a = await analyse({
      categories: [{ id: 'basic' }, { id: 'duty' }],
      items,
      members: ['a', 'b', 'c'].map((id) => ({ id, dept: 'd1' })),
      rows: [
        // a: B00 once over its max (→ 10), B01 once (4): the fast path — 14
        { member: 'a', month: '2026-01', category: 'basic', item: 'B00', points: 15 },
        { member: 'a', month: '2026-01', category: 'basic', item: 'B01', points: 4 },
        // b: B68 twice, 6 + 7 → 10, with a custom item (not clamped) and a wide-form cell: 10 + 12 + 1 = 23
        { member: 'b', month: '2026-01', category: 'basic', item: 'B68', points: 6 },
        { member: 'b', month: '2026-01', category: 'basic', item: 'B68', points: 7 },
        { member: 'b', month: '2026-01', category: 'basic', item: '自定义', points: 12 },
        { member: 'b', month: '2026-01', category: 'basic', item: null, points: 1 },
        // c: B02 twice (6 + 7 → 10) and B03 twice (−2 + 5 = 3): 13; B69 once over its max (→ 10)
        { member: 'c', month: '2026-01', category: 'basic', item: 'B02', points: 6 },
        { member: 'c', month: '2026-01', category: 'basic', item: 'B02', points: 7 },
        { member: 'c', month: '2026-01', category: 'basic', item: 'B03', points: -2 },
        { member: 'c', month: '2026-01', category: 'basic', item: 'B03', points: 5 },
        { member: 'c', month: '2026-02', category: 'basic', item: 'B69', points: 11 },
      ],
    });
    expect(
      await a.values(
        'category_points',
        'period, member_id, points',
        "category_id = 'basic' AND period_type = 'month'",
      ),
    ).toEqual([
      ['2026-01', 'a', '14.00'],
      ['2026-01', 'b', '23.00'],
      ['2026-01', 'c', '13.00'],
      ['2026-02', 'c', '10.00'],
    ]);
    a.close();
  });
});
