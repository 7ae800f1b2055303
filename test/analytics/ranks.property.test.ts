import { describe, expect, it } from 'vitest';
import { analyse, type Fixture } from './fixture.ts';
import { CATEGORIES, ITEMS, randomFixture } from './random.ts';

/**
 * Property: on random data with many ties, the month and quarter ranks agree with a plain
 * TypeScript reading of SPEC §2 (written from the SPEC, not from the SQL). Points are
 * multiples of 0.25 with a 0.5 weight, so rounding half away from zero is exercised too.
 */

interface Standing {
  member: string;
  dept: string;
  points: number; // cents
  duty: number; // cents
  vetoed: boolean;
  lastMonth: string;
}

/** Clamps cents `x` to bounds given in points; undefined = no bound. */
const clamp = (x: number, min: number | undefined, max: number | undefined): number =>
  Math.min(
    max === undefined ? Number.POSITIVE_INFINITY : max * 100,
    Math.max(min === undefined ? x : min * 100, x),
  );

/** Rounds v / 10000 to an integer, half away from zero. */
const roundBp = (v: number): number => Math.sign(v) * Math.floor((Math.abs(v) + 5000) / 10000);

/** SPEC §2.1–2.9 for months and quarters: period → member → standing, then ranks. */
function expected(
  f: Fixture,
): Map<string, { points: number; rank_dept: number | null; rank_company: number | null }> {
  const exempt = new Set(f.members.filter((m) => m.exempt).map((m) => m.id));
  // item sums per member-month
  const byMonth = new Map<string, { dept: string; vetoed: boolean; items: Map<string, number> }>();
  for (const r of f.rows) {
    const key = `${r.month}|${r.member}`;
    const entry = byMonth.get(key) ?? { dept: r.dept ?? '', vetoed: false, items: new Map<string, number>() };
    byMonth.set(key, entry);
    if (r.category === 'veto') {
      entry.vetoed = true;
      continue;
    }
    // a wide-form cell (no item) is its own unclamped piece
    const item =
      r.item === null || r.item === undefined
        ? `${r.category}|cell|${entry.items.size}`
        : `${r.category}|${r.item}`;
    entry.items.set(item, (entry.items.get(item) ?? 0) + Math.round(Number(r.points) * 100));
  }
  const months = new Map<string, Standing[]>();
  for (const [key, entry] of byMonth) {
    const [month = '', member = ''] = key.split('|');
    const categories = new Map<string, number>();
    for (const [item, sum] of entry.items) {
      const [category = '', code = ''] = item.split('|');
      const def = ITEMS.find((i) => i.code === code && i.category === category);
      categories.set(category, (categories.get(category) ?? 0) + (def ? clamp(sum, def.min, def.max) : sum));
    }
    let weighted = 0;
    let duty = 0;
    for (const c of CATEGORIES) {
      const points = categories.has(c.id) ? clamp(categories.get(c.id) ?? 0, c.min, c.max) : 0;
      weighted += points * c.weightBp;
      if (c.id === 'duty') duty = points;
    }
    const list = months.get(month) ?? [];
    months.set(month, list);
    list.push({
      member,
      dept: entry.dept,
      points: roundBp(weighted),
      duty,
      vetoed: entry.vetoed,
      lastMonth: month,
    });
  }
  const periods = new Map<string, Standing[]>(months);
  const quarters = new Map<string, Map<string, Standing>>();
  for (const [month, list] of months) {
    const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
    const members = quarters.get(quarter) ?? new Map<string, Standing>();
    quarters.set(quarter, members);
    for (const s of list) {
      const q = members.get(s.member);
      if (!q) members.set(s.member, { ...s });
      else {
        q.points += s.points;
        q.duty += s.duty;
        q.vetoed ||= s.vetoed;
        if (s.lastMonth > q.lastMonth) {
          q.lastMonth = s.lastMonth;
          q.dept = s.dept;
        }
      }
    }
  }
  for (const [quarter, members] of quarters) periods.set(quarter, [...members.values()]);

  const result = new Map<string, { points: number; rank_dept: number | null; rank_company: number | null }>();
  const ahead = (x: Standing, y: Standing): boolean =>
    x.points > y.points || (x.points === y.points && x.duty > y.duty);
  for (const [period, list] of periods) {
    const ranked = list.filter((s) => !s.vetoed && !exempt.has(s.member));
    for (const s of list) {
      const isRanked = ranked.includes(s);
      result.set(`${period}|${s.member}`, {
        points: s.points,
        rank_company: isRanked ? 1 + ranked.filter((o) => ahead(o, s)).length : null,
        rank_dept: isRanked ? 1 + ranked.filter((o) => o.dept === s.dept && ahead(o, s)).length : null,
      });
    }
  }
  return result;
}

describe('ranks on random data (property)', () => {
  for (const seed of [1, 2, 3]) {
    it(`agree with an independent re-computation (seed ${seed})`, async () => {
      const fixture = randomFixture(seed);
      const want = expected(fixture);
      const a = await analyse(fixture);
      const rows = await a.rows(
        'standings',
        'period, member_id, points, rank_dept, rank_company',
        "period_type <> 'year'",
      );
      a.close();
      const got = new Map(
        rows.map((r) => [
          `${r.period}|${r.member_id}`,
          {
            points: Math.round(Number(r.points) * 100),
            rank_dept: r.rank_dept,
            rank_company: r.rank_company,
          },
        ]),
      );
      expect(got.size).toBe(want.size);
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
      // the data really has ties that the tie-break resolves and ties that stay
      const ranks = rows
        .filter((r) => r.period === '2026-01' && r.rank_company !== null)
        .map((r) => r.rank_company);
      expect(new Set(ranks).size).toBeLessThan(ranks.length);
    });
  }
});
