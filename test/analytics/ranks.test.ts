import { describe, expect, it } from 'vitest';
import { analyse, type Fixture, SCHEME } from './fixture.ts';

const duty = (member: string, month: string, points: number | string): Fixture['rows'][number] => ({
  member,
  month,
  category: 'duty',
  points,
});

describe('ranks (SPEC §2.8)', () => {
  it('gives equal points a shared competition rank and skips the next ("1224")', async () => {
    const a = await analyse({
      ...SCHEME,
      members: [
        { id: 'a', dept: 'd1' },
        { id: 'b', dept: 'd1' },
        { id: 'c', dept: 'd1' },
        { id: 'd', dept: 'd1' },
        { id: 'e', dept: 'd2' },
      ],
      rows: [
        duty('a', '2026-01', 10),
        duty('b', '2026-01', 8),
        duty('c', '2026-01', 8),
        duty('d', '2026-01', 5),
      ].concat([duty('e', '2026-01', '8.00')]),
    });
    expect(await a.rows('standings', 'member_id, rank_dept, rank_company', "period = '2026-01'")).toEqual([
      { member_id: 'a', rank_dept: 1, rank_company: 1 },
      { member_id: 'b', rank_dept: 2, rank_company: 2 },
      { member_id: 'c', rank_dept: 2, rank_company: 2 },
      { member_id: 'd', rank_dept: 4, rank_company: 5 },
      { member_id: 'e', rank_dept: 1, rank_company: 2 },
    ]);
    a.close();
  });

  it('breaks ties on the tie_break categories in order, and leaves a full tie shared', async () => {
    const rows: Fixture['rows'] = [
      ['p', 6, 4, 0],
      ['q', 7, 3, 0],
      ['r', 5, 4, 1],
      ['s', 6, 4, 0],
    ].flatMap(([member, basic, d, incentive]) => [
      { member: String(member), month: '2026-01', category: 'basic', points: Number(basic) },
      { member: String(member), month: '2026-01', category: 'duty', points: Number(d) },
      { member: String(member), month: '2026-01', category: 'incentive', points: Number(incentive) },
    ]);
    const a = await analyse({
      categories: [{ id: 'basic' }, { id: 'duty' }, { id: 'incentive' }],
      tieBreak: ['duty', 'incentive'],
      members: ['p', 'q', 'r', 's'].map((id) => ({ id, dept: 'd1' })),
      rows,
    });
    // all have 10 points; duty then incentive: r (4, 1), p and s (4, 0), q (3, 0)
    expect(await a.rows('standings', 'member_id, points, rank_company', "period = '2026-01'")).toEqual([
      { member_id: 'p', points: '10.00', rank_company: 2 },
      { member_id: 'q', points: '10.00', rank_company: 4 },
      { member_id: 'r', points: '10.00', rank_company: 1 },
      { member_id: 's', points: '10.00', rank_company: 2 },
    ]);
    a.close();
  });

  it('removes a vetoed member from the ranks of the month, its quarter and year', async () => {
    const a = await analyse({
      ...SCHEME,
      members: ['a', 'b', 'c'].map((id) => ({ id, dept: 'd1' })),
      rows: [
        duty('a', '2026-01', 30),
        duty('b', '2026-01', 20),
        duty('c', '2026-01', 10),
        duty('a', '2026-02', 30),
        { member: 'a', month: '2026-02', category: 'veto', points: 0 },
        duty('b', '2026-02', 20),
      ],
    });
    expect(await a.rows('standings', 'period, member_id, vetoed, rank_dept, rank_company')).toEqual([
      { period: '2026', member_id: 'a', vetoed: true, rank_dept: null, rank_company: null },
      { period: '2026', member_id: 'b', vetoed: false, rank_dept: 1, rank_company: 1 },
      { period: '2026', member_id: 'c', vetoed: false, rank_dept: 2, rank_company: 2 },
      { period: '2026-01', member_id: 'a', vetoed: false, rank_dept: 1, rank_company: 1 },
      { period: '2026-01', member_id: 'b', vetoed: false, rank_dept: 2, rank_company: 2 },
      { period: '2026-01', member_id: 'c', vetoed: false, rank_dept: 3, rank_company: 3 },
      { period: '2026-02', member_id: 'a', vetoed: true, rank_dept: null, rank_company: null },
      { period: '2026-02', member_id: 'b', vetoed: false, rank_dept: 1, rank_company: 1 },
      { period: '2026-Q1', member_id: 'a', vetoed: true, rank_dept: null, rank_company: null },
      { period: '2026-Q1', member_id: 'b', vetoed: false, rank_dept: 1, rank_company: 1 },
      { period: '2026-Q1', member_id: 'c', vetoed: false, rank_dept: 2, rank_company: 2 },
    ]);
    a.close();
  });

  it('scores an exempt member but does not rank them', async () => {
    const a = await analyse({
      ...SCHEME,
      members: [
        { id: 'a', dept: 'd1', exempt: true },
        { id: 'b', dept: 'd1' },
      ],
      rows: [duty('a', '2026-01', 50), duty('b', '2026-01', 10)],
    });
    expect(
      await a.rows('standings', 'member_id, points, exempt, rank_dept, rank_company', "period = '2026-01'"),
    ).toEqual([
      { member_id: 'a', points: '50.00', exempt: true, rank_dept: null, rank_company: null },
      { member_id: 'b', points: '10.00', exempt: false, rank_dept: 1, rank_company: 1 },
    ]);
    a.close();
  });

  it("ranks a quarter in the department of the member's latest month there", async () => {
    const a = await analyse({
      ...SCHEME,
      members: [
        { id: 'm', dept: 'd2' },
        { id: 'x', dept: 'd1' },
        { id: 'y', dept: 'd2' },
      ],
      rows: [
        { ...duty('m', '2026-01', 30), dept: 'd1' },
        { ...duty('m', '2026-02', 30), dept: 'd1' },
        duty('m', '2026-03', 30),
        duty('x', '2026-01', 40),
        duty('x', '2026-02', 20),
        duty('x', '2026-03', 20),
        duty('y', '2026-03', 40),
      ],
    });
    const columns =
      'period, member_id, dept_id, rank_dept, rank_company, rank_dept_change, rank_company_change';
    expect(await a.values('standings', columns, "period_type <> 'year'")).toEqual([
      ['2026-01', 'm', 'd1', 2, 2, null, null],
      ['2026-01', 'x', 'd1', 1, 1, null, null],
      ['2026-02', 'm', 'd1', 1, 1, 1, 1],
      ['2026-02', 'x', 'd1', 2, 2, -1, -1],
      // m moved to d2 in March: no department rank change; the company change stays
      ['2026-03', 'm', 'd2', 2, 2, null, -1],
      ['2026-03', 'x', 'd1', 1, 3, 1, -1],
      ['2026-03', 'y', 'd2', 1, 1, null, null],
      // Q1: m is in d2 (its March department), so m is ranked against y, not x
      ['2026-Q1', 'm', 'd2', 1, 1, null, null],
      ['2026-Q1', 'x', 'd1', 1, 2, null, null],
      ['2026-Q1', 'y', 'd2', 2, 3, null, null],
    ]);
    a.close();
  });
});

describe('change from the previous period (SPEC §2.9)', () => {
  it('compares with the previous calendar month only: a month without data means no change', async () => {
    const a = await analyse({
      ...SCHEME,
      members: [
        { id: 'a', dept: 'd1' },
        { id: 'b', dept: 'd1' },
      ],
      rows: [
        duty('a', '2026-01', 10),
        duty('b', '2026-01', 20),
        duty('b', '2026-02', 5),
        duty('a', '2026-03', 15),
        duty('b', '2026-03', '7.5'),
      ],
    });
    const columns = 'period, member_id, points, prev_points, points_change, rank_company_change';
    expect(await a.values('standings', columns, "period_type = 'month'")).toEqual([
      ['2026-01', 'a', '10.00', null, null, null],
      ['2026-01', 'b', '20.00', null, null, null],
      ['2026-02', 'b', '5.00', '20.00', '-15.00', 0],
      ['2026-03', 'a', '15.00', null, null, null], // a was not scored in February
      ['2026-03', 'b', '7.50', '5.00', '2.50', -1],
    ]);
    a.close();
  });

  it('compares a quarter with the previous quarter and a year with the previous year', async () => {
    const a = await analyse({
      ...SCHEME,
      members: [
        { id: 'a', dept: 'd1' },
        { id: 'b', dept: 'd1' },
      ],
      rows: [
        duty('a', '2025-12', 10),
        duty('b', '2025-11', 20),
        duty('a', '2026-02', 30),
        duty('b', '2026-01', 25),
        duty('a', '2026-04', 1),
      ],
    });
    const columns = 'period, member_id, prev_points, points_change, rank_company, rank_company_change';
    expect(await a.values('standings', columns, "period_type <> 'month'")).toEqual([
      ['2025', 'a', null, null, 2, null],
      ['2025', 'b', null, null, 1, null],
      ['2025-Q4', 'a', null, null, 2, null],
      ['2025-Q4', 'b', null, null, 1, null],
      ['2026', 'a', '10.00', '21.00', 1, 1],
      ['2026', 'b', '20.00', '5.00', 2, -1],
      ['2026-Q1', 'a', '10.00', '20.00', 1, 1],
      ['2026-Q1', 'b', '20.00', '5.00', 2, -1],
      ['2026-Q2', 'a', '30.00', '-29.00', 1, 0],
    ]);
    a.close();
  });
});
