import { describe, expect, it } from 'vitest';
import { analyse, type Fixture, SCHEME } from './fixture.ts';

const points: [string, number][] = [
  ['m01', 900],
  ['m02', 800],
  ['m03', 700],
  ['m04', 700],
  ['m05', 650],
  ['m06', 500],
  ['m07', 500],
  ['m08', 300],
  ['m09', -10],
  ['m10', 200],
  ['m11', 1000], // vetoed
  ['m12', 950], // exempt
];

const fixture = (tiers: NonNullable<Fixture['tiers']>): Fixture => ({
  ...SCHEME,
  tiers,
  vetoTier: '不合格（一票否决）',
  members: points.map(([id]) => ({ id, dept: 'd1', exempt: id === 'm12' })),
  rows: [
    ...points.map(([member, p]) => ({ member, month: '2026-03', category: 'duty', points: p })),
    { member: 'm11', month: '2026-05', category: 'veto', points: 0 },
  ],
});

const SCHEME_TIERS = [
  { name: '优秀', topPercent: 30, minPoints: 0 },
  { name: '合格', minPoints: 600 },
  { name: '基本合格', minPoints: 400 },
  { name: '不合格' },
];

describe('tiers (SPEC §2.12)', () => {
  it('gives the first matching tier and leaves a tie straddling the quota out whole', async () => {
    const a = await analyse(fixture(SCHEME_TIERS));
    // N = 10 ranked, quota floor(30 % × 10) = 3: m03 and m04 share rank 3 and would be 3 + 2 − 1 = 4
    expect(await a.values('tiers', 'period, member_id, points, rank_company, tier, quota_left_out')).toEqual([
      ['2026', 'm01', '900.00', 1, '优秀', null],
      ['2026', 'm02', '800.00', 2, '优秀', null],
      ['2026', 'm03', '700.00', 3, '合格', '优秀'],
      ['2026', 'm04', '700.00', 3, '合格', '优秀'],
      ['2026', 'm05', '650.00', 5, '合格', null],
      ['2026', 'm06', '500.00', 6, '基本合格', null],
      ['2026', 'm07', '500.00', 6, '基本合格', null],
      ['2026', 'm08', '300.00', 8, '不合格', null],
      ['2026', 'm09', '-10.00', 10, '不合格', null],
      ['2026', 'm10', '200.00', 9, '不合格', null],
      ['2026', 'm11', '1000.00', null, '不合格（一票否决）', null], // vetoed
      ['2026', 'm12', '950.00', null, null, null], // exempt
    ]);
    a.close();
  });

  it('includes a tie that fits the quota exactly, and checks min_points too', async () => {
    const a = await analyse(
      fixture([
        { name: '优秀', topPercent: 40, minPoints: 750 },
        { name: '合格', minPoints: 600 },
        { name: '其他' },
      ]),
    );
    // quota floor(40 % × 10) = 4: m03 and m04 end at 4 and fit, but have fewer than 750 points
    expect(
      await a.rows('tiers', 'member_id, tier', "member_id IN ('m01', 'm02', 'm03', 'm04', 'm05')"),
    ).toEqual([
      { member_id: 'm01', tier: '优秀' },
      { member_id: 'm02', tier: '优秀' },
      { member_id: 'm03', tier: '合格' },
      { member_id: 'm04', tier: '合格' },
      { member_id: 'm05', tier: '合格' },
    ]);
    const b = await analyse(
      fixture([
        { name: '优秀', topPercent: 40 },
        { name: '合格', minPoints: 600 },
      ]),
    );
    expect(await b.rows('tiers', 'member_id, tier', "member_id IN ('m03', 'm04', 'm05', 'm06')")).toEqual([
      { member_id: 'm03', tier: '优秀' },
      { member_id: 'm04', tier: '优秀' },
      { member_id: 'm05', tier: '合格' },
      { member_id: 'm06', tier: null }, // no tier matches
    ]);
    a.close();
    b.close();
  });

  it('leaves every tier empty when the scheme has no tiers, vetoed members included', async () => {
    const a = await analyse(fixture([]));
    expect(await a.rows('tiers', 'DISTINCT tier')).toEqual([{ tier: null }]);
    expect(await a.rows('tiers', 'count(*)::INTEGER AS n')).toEqual([{ n: 12 }]);
    a.close();
  });
});
