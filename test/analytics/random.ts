import type { Fixture } from './fixture.ts';

/**
 * Seeded random data for the property and ordering tests: small multiples of 0.25, so ties
 * are common; a 0.5 weight, so rounding half away from zero matters; categories displayed in
 * an order that is not alphabetical.
 */

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CATEGORIES = [
  { id: 'duty', min: undefined, max: undefined, weightBp: 10000 },
  { id: 'basic', min: 0, max: 6, weightBp: 10000 },
  { id: 'incentive', min: -2, max: 2, weightBp: 5000 },
] as const;
export const ITEMS = [
  { code: 'B01', category: 'basic', min: undefined, max: 3 },
  { code: 'I01', category: 'incentive', min: -1, max: undefined },
] as const;
const ITEM_CHOICES: Record<string, (string | null)[]> = {
  basic: ['B01', 'B02', null],
  duty: ['D01', null],
  incentive: ['I01', 'I02', null],
};
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const DEPTS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];

/** About 3,600 accepted rows for 300 members over six months, with many ties. */
export function randomFixture(seed: number): Fixture {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const members = Array.from({ length: 300 }, (_, i) => ({
    id: `m${String(i).padStart(3, '0')}`,
    dept: pick(DEPTS),
    exempt: random() < 0.05,
  }));
  const rows: Fixture['rows'][number][] = [];
  for (const m of members) {
    for (const month of MONTHS) {
      if (random() < 0.2) continue;
      const dept = random() < 0.1 ? pick(DEPTS) : m.dept;
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) {
        const category = pick(CATEGORIES).id;
        const quarters = Math.floor(random() * 13) - 4; // −1.00 … 2.00 in steps of 0.25
        rows.push({
          member: m.id,
          month,
          category,
          item: pick(ITEM_CHOICES[category] ?? []),
          dept,
          points: (quarters / 4).toFixed(2),
        });
      }
      if (random() < 0.02) rows.push({ member: m.id, month, category: 'veto', item: 'V01', dept, points: 0 });
    }
  }
  return {
    categories: [
      ...CATEGORIES.map((c) => ({
        id: c.id,
        weight: (c.weightBp / 10000).toFixed(4),
        min: c.min,
        max: c.max,
      })),
      { id: 'veto', veto: true },
    ].map(
      (c) =>
        Object.fromEntries(
          Object.entries(c).filter(([, v]) => v !== undefined),
        ) as Fixture['categories'][number],
    ),
    items: ITEMS.map(
      (i) =>
        Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)) as NonNullable<
          Fixture['items']
        >[number],
    ),
    tieBreak: ['duty'],
    members,
    rows,
  };
}
