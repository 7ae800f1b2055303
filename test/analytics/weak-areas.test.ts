import { describe, expect, it } from 'vitest';
import { analyse, type Fixture, SCHEME } from './fixture.ts';

const scores = (month: string, list: [string, number, number][]): Fixture['rows'] =>
  list.flatMap(([member, basic, duty]) => [
    { member, month, category: 'basic', points: basic },
    { member, month, category: 'duty', points: duty },
  ]);

describe('weak areas (SPEC §2.11)', () => {
  it('compares each department with the company per quarter and category', async () => {
    const a = await analyse({
      categories: [{ id: 'basic' }, { id: 'duty' }, { id: 'veto', veto: true }],
      departments: [
        { id: 'P', name: '党总支' },
        { id: 'd1', name: '一支部', parent: 'P' },
        { id: 'd2', name: '二支部', parent: 'P' },
        { id: 'd3', name: '三支部', parent: 'P' },
      ],
      members: [
        { id: 'a', dept: 'd1' },
        { id: 'b', dept: 'd1' },
        { id: 'g', dept: 'd1' },
        { id: 'c', dept: 'd2' },
        { id: 'd', dept: 'd2' },
        { id: 'e', dept: 'd3', exempt: true },
        { id: 'f', dept: 'P' },
      ],
      rows: [
        // Q1: basic 10 20 | 30 40 | 50 → company mean 30, population σ = √200 ≈ 14.142;
        // duty all 5 → σ = 0. e is exempt and g vetoed: neither counts; d3 has no row.
        ...scores('2026-01', [
          ['a', 10, 5],
          ['b', 20, 5],
          ['c', 30, 5],
          ['d', 40, 5],
          ['e', 99, 5],
          ['f', 50, 5],
          ['g', 100, 5],
        ]),
        { member: 'g', month: '2026-01', category: 'veto', points: 0 },
        // Q2: everyone equal in both categories → every std_gap none, no weakest
        ...scores('2026-04', [
          ['a', 10, 5],
          ['b', 10, 5],
          ['c', 10, 5],
          ['d', 10, 5],
          ['f', 10, 5],
        ]),
        // Q3: both categories spread alike → both weakest (a tie); f is not scored, P has no row
        ...scores('2026-07', [
          ['a', 10, 10],
          ['b', 20, 20],
          ['c', 30, 30],
          ['d', 40, 40],
        ]),
      ],
    });
    const columns =
      'period, dept_id, category_id, members, dept_avg, company_avg, diff, std_gap, weakest, prev_dept_avg, change';
    expect(await a.values('weak_areas', columns)).toEqual([
      // P: its own member f only (50), not d1's or d2's: 20 ÷ 14.142 = 1.414 → 1.41
      ['2026-Q1', 'P', 'basic', 1, '50.00', '30.00', '20.00', '1.41', true, null, null],
      ['2026-Q1', 'P', 'duty', 1, '5.00', '5.00', '0.00', null, null, null, null],
      // −15 ÷ 14.142 = −1.061 → −1.06
      ['2026-Q1', 'd1', 'basic', 2, '15.00', '30.00', '-15.00', '-1.06', true, null, null],
      ['2026-Q1', 'd1', 'duty', 2, '5.00', '5.00', '0.00', null, null, null, null],
      // 5 ÷ 14.142 = 0.354 → 0.35
      ['2026-Q1', 'd2', 'basic', 2, '35.00', '30.00', '5.00', '0.35', true, null, null],
      ['2026-Q1', 'd2', 'duty', 2, '5.00', '5.00', '0.00', null, null, null, null],
      ['2026-Q2', 'P', 'basic', 1, '10.00', '10.00', '0.00', null, null, '50.00', '-40.00'],
      ['2026-Q2', 'P', 'duty', 1, '5.00', '5.00', '0.00', null, null, '5.00', '0.00'],
      ['2026-Q2', 'd1', 'basic', 2, '10.00', '10.00', '0.00', null, null, '15.00', '-5.00'],
      ['2026-Q2', 'd1', 'duty', 2, '5.00', '5.00', '0.00', null, null, '5.00', '0.00'],
      ['2026-Q2', 'd2', 'basic', 2, '10.00', '10.00', '0.00', null, null, '35.00', '-25.00'],
      ['2026-Q2', 'd2', 'duty', 2, '5.00', '5.00', '0.00', null, null, '5.00', '0.00'],
      // Q3: mean 25, σ = √125 ≈ 11.180; ∓10 ÷ 11.180 = ∓0.894 → ∓0.89 in both categories
      ['2026-Q3', 'd1', 'basic', 2, '15.00', '25.00', '-10.00', '-0.89', true, '10.00', '5.00'],
      ['2026-Q3', 'd1', 'duty', 2, '15.00', '25.00', '-10.00', '-0.89', true, '5.00', '10.00'],
      ['2026-Q3', 'd2', 'basic', 2, '35.00', '25.00', '10.00', '0.89', true, '10.00', '25.00'],
      ['2026-Q3', 'd2', 'duty', 2, '35.00', '25.00', '10.00', '0.89', true, '5.00', '30.00'],
    ]);
    a.close();
  });

  it('rounds each mean once and takes diff and change from the rounded means', async () => {
    const a = await analyse({
      ...SCHEME,
      members: [
        { id: 'a', dept: 'd1' },
        { id: 'b', dept: 'd1' },
        { id: 'c', dept: 'd1' },
        { id: 'x', dept: 'd2' },
      ],
      rows: [
        { member: 'a', month: '2026-01', category: 'basic', points: 1 },
        { member: 'b', month: '2026-01', category: 'basic', points: 1 },
        { member: 'c', month: '2026-01', category: 'basic', points: '1.01' },
        { member: 'x', month: '2026-01', category: 'basic', points: 0 },
      ],
    });
    // d1: 3.01 / 3 = 1.00333 → 1.00; company 3.01 / 4 = 0.7525 → 0.75; diff 1.00 − 0.75 = 0.25
    expect(
      await a.rows('weak_areas', 'dept_id, dept_avg, company_avg, diff', "category_id = 'basic'"),
    ).toEqual([
      { dept_id: 'd1', dept_avg: '1.00', company_avg: '0.75', diff: '0.25' },
      { dept_id: 'd2', dept_avg: '0.00', company_avg: '0.75', diff: '-0.75' },
    ]);
    a.close();
  });
});
