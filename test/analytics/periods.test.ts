import { describe, expect, it } from 'vitest';
import { analyse, type Fixture, SCHEME } from './fixture.ts';

const rows: Fixture['rows'] = [
  // a: Q1 = 10 + 20 = 30, Q2 not scored, Q3 = 15.5 → average over 2 quarters 22.75
  { member: 'a', month: '2026-01', category: 'duty', points: 10 },
  { member: 'a', month: '2026-02', category: 'duty', points: 20 },
  { member: 'a', month: '2026-08', category: 'duty', points: '15.5' },
  // b: Q1 1.00, Q2 0.01 → 0.505 → 0.51 (half away from zero)
  { member: 'b', month: '2026-03', category: 'duty', points: 1 },
  { member: 'b', month: '2026-04', category: 'duty', points: '0.01' },
  // c: Q1 −1.00, Q2 −0.01 → −0.505 → −0.51
  { member: 'c', month: '2026-03', category: 'duty', points: -1 },
  { member: 'c', month: '2026-04', category: 'duty', points: '-0.01' },
  // d: 10 + 10 + 10.01 over 3 quarters = 10.00333… → 10.00; basic 1 + 0 + 0 → 0.33
  { member: 'd', month: '2026-01', category: 'duty', points: 9 },
  { member: 'd', month: '2026-01', category: 'basic', points: 1 },
  { member: 'd', month: '2026-05', category: 'duty', points: 10 },
  { member: 'd', month: '2026-09', category: 'duty', points: '10.01' },
];
const members = ['a', 'b', 'c', 'd'].map((id) => ({ id, dept: 'd1' }));

describe('quarter and year points (SPEC §2.5)', () => {
  it('sums months into quarters and, by default, into the year', async () => {
    const a = await analyse({ ...SCHEME, members, rows });
    expect(await a.rows('standings', 'period, member_id, points', "period_type <> 'month'")).toEqual([
      { period: '2026', member_id: 'a', points: '45.50' },
      { period: '2026', member_id: 'b', points: '1.01' },
      { period: '2026', member_id: 'c', points: '-1.01' },
      { period: '2026', member_id: 'd', points: '30.01' },
      { period: '2026-Q1', member_id: 'a', points: '30.00' },
      { period: '2026-Q1', member_id: 'b', points: '1.00' },
      { period: '2026-Q1', member_id: 'c', points: '-1.00' },
      { period: '2026-Q1', member_id: 'd', points: '10.00' },
      { period: '2026-Q2', member_id: 'b', points: '0.01' },
      { period: '2026-Q2', member_id: 'c', points: '-0.01' },
      { period: '2026-Q2', member_id: 'd', points: '10.00' },
      { period: '2026-Q3', member_id: 'a', points: '15.50' },
      { period: '2026-Q3', member_id: 'd', points: '10.01' },
    ]);
    a.close();
  });

  it('averages the quarters in which the member was scored for quarter_average', async () => {
    const a = await analyse({ ...SCHEME, members, rows, yearPoints: 'quarter_average' });
    expect(await a.rows('standings', 'member_id, points, rank_company', "period = '2026'")).toEqual([
      { member_id: 'a', points: '22.75', rank_company: 1 },
      { member_id: 'b', points: '0.51', rank_company: 3 },
      { member_id: 'c', points: '-0.51', rank_company: 4 },
      { member_id: 'd', points: '10.00', rank_company: 2 },
    ]);
    expect(await a.rows('category_points', 'member_id, category_id, points', "period = '2026'")).toEqual([
      { member_id: 'a', category_id: 'basic', points: '0.00' },
      { member_id: 'a', category_id: 'duty', points: '22.75' },
      { member_id: 'b', category_id: 'basic', points: '0.00' },
      { member_id: 'b', category_id: 'duty', points: '0.51' },
      { member_id: 'c', category_id: 'basic', points: '0.00' },
      { member_id: 'c', category_id: 'duty', points: '-0.51' },
      { member_id: 'd', category_id: 'basic', points: '0.33' },
      { member_id: 'd', category_id: 'duty', points: '9.67' },
    ]);
    // quarters themselves are still sums
    expect(await a.rows('standings', 'points', "period = '2026-Q1' AND member_id = 'a'")).toEqual([
      { points: '30.00' },
    ]);
    a.close();
  });

  it('lists every period touched by data, a quarter in progress included', async () => {
    const a = await analyse({
      ...SCHEME,
      members: [{ id: 'a', dept: 'd1' }],
      rows: [
        { member: 'a', month: '2025-12', category: 'duty', points: 1 },
        { member: 'a', month: '2026-04', category: 'duty', points: 1 },
      ],
    });
    expect(await a.rows('standings', 'period_type, period')).toEqual([
      { period_type: 'month', period: '2025-12' },
      { period_type: 'month', period: '2026-04' },
      { period_type: 'quarter', period: '2025-Q4' },
      { period_type: 'quarter', period: '2026-Q2' },
      { period_type: 'year', period: '2025' },
      { period_type: 'year', period: '2026' },
    ]);
    a.close();
  });
});
