import { describe, expect, it } from 'vitest';
import { analyse, type Fixture, SCHEME } from './fixture.ts';

const basic = (member: string, points: number | string, month = '2026-01'): Fixture['rows'][number] => ({
  member,
  month,
  category: 'basic',
  points,
});

describe('exemplars and gaps (SPEC §2.10)', () => {
  it('takes the top ceil(p % × N) ranks with the tie at the line, and measures every scored member', async () => {
    const points = [50, 45, 40, 40, 30, 20, 20, 10, 5, 0];
    const ids = points.map((_, i) => `m${String(i + 1).padStart(2, '0')}`);
    const a = await analyse({
      ...SCHEME,
      exemplars: { mode: 'top_percent', percent: 25 },
      members: [
        ...ids.map((id) => ({ id, dept: 'd1' })),
        { id: 'x', dept: 'd1', exempt: true },
        { id: 'v', dept: 'd1' },
      ],
      rows: [
        ...points.map((p, i) => basic(ids[i] ?? '', p)),
        basic('x', 55), // exempt: not ranked, not an exemplar, not counted in N, but has a gap
        basic('v', 60),
        { member: 'v', month: '2026-01', category: 'veto', points: 0 },
      ],
    });
    // N = 10, line = ceil(2.5) = 3; ranks 1, 2, 3, 3 → four exemplars; mean (50+45+40+40)/4 = 43.75
    expect(
      await a.rows('standings', 'member_id, rank_company, is_exemplar', "period = '2026-01' AND is_exemplar"),
    ).toEqual([
      { member_id: 'm01', rank_company: 1, is_exemplar: true },
      { member_id: 'm02', rank_company: 2, is_exemplar: true },
      { member_id: 'm03', rank_company: 3, is_exemplar: true },
      { member_id: 'm04', rank_company: 3, is_exemplar: true },
    ]);
    const who = "period = '2026-01' AND member_id IN ('m01', 'm05', 'm10', 'x', 'v')";
    expect(await a.values('gaps', 'member_id, category_id, member_points, exemplar_avg, gap', who)).toEqual([
      ['m01', '_total', '50.00', '43.75', '-6.25'],
      ['m01', 'basic', '50.00', '43.75', '-6.25'],
      ['m01', 'duty', '0.00', '0.00', '0.00'],
      ['m05', '_total', '30.00', '43.75', '13.75'],
      ['m05', 'basic', '30.00', '43.75', '13.75'],
      ['m05', 'duty', '0.00', '0.00', '0.00'],
      ['m10', '_total', '0.00', '43.75', '43.75'],
      ['m10', 'basic', '0.00', '43.75', '43.75'],
      ['m10', 'duty', '0.00', '0.00', '0.00'],
      ['v', '_total', '60.00', '43.75', '-16.25'], // vetoed: scored, so measured
      ['v', 'basic', '60.00', '43.75', '-16.25'],
      ['v', 'duty', '0.00', '0.00', '0.00'],
      ['x', '_total', '55.00', '43.75', '-11.25'], // exempt: scored, so measured
      ['x', 'basic', '55.00', '43.75', '-11.25'],
      ['x', 'duty', '0.00', '0.00', '0.00'],
    ]);
    a.close();
  });

  it('uses the ranked designated exemplars and rounds their mean half away from zero', async () => {
    const a = await analyse({
      ...SCHEME,
      exemplars: { mode: 'designated' },
      members: [
        { id: 'e1', dept: 'd1', exemplar: true },
        { id: 'e2', dept: 'd1', exemplar: true },
        { id: 'ev', dept: 'd1', exemplar: true }, // vetoed in January: not an exemplar then
        { id: 'w', dept: 'd1' },
      ],
      rows: [
        basic('e1', 10),
        basic('e2', '10.01'),
        basic('ev', 60),
        { member: 'ev', month: '2026-01', category: 'veto', points: 0 },
        basic('w', 0),
        basic('w', 5, '2026-02'), // February: no exemplar is scored
      ],
    });
    // mean (10 + 10.01) / 2 = 10.005 → 10.01; the gap is the published mean − the member's points
    expect(
      await a.rows(
        'gaps',
        'period, member_id, exemplar_avg, gap',
        "category_id = '_total' AND period_type = 'month'",
      ),
    ).toEqual([
      { period: '2026-01', member_id: 'e1', exemplar_avg: '10.01', gap: '0.01' },
      { period: '2026-01', member_id: 'e2', exemplar_avg: '10.01', gap: '0.00' },
      { period: '2026-01', member_id: 'ev', exemplar_avg: '10.01', gap: '-49.99' },
      { period: '2026-01', member_id: 'w', exemplar_avg: '10.01', gap: '10.01' },
      { period: '2026-02', member_id: 'w', exemplar_avg: null, gap: null },
    ]);
    expect(await a.rows('standings', 'member_id, is_exemplar', "period = '2026-01'")).toEqual([
      { member_id: 'e1', is_exemplar: true },
      { member_id: 'e2', is_exemplar: true },
      { member_id: 'ev', is_exemplar: false },
      { member_id: 'w', is_exemplar: false },
    ]);
    a.close();
  });
});
