import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { heatClass, heatExtent, heatStrong, RD_BU } from '../../src/charts/heatmap.ts';
import { categoryStackChart, gapChart, memberPointsChart } from '../../src/charts/member.ts';
import { profileChart } from '../../src/charts/profile.ts';
import { nice, ticks } from '../../src/charts/svg.ts';
import { trendChart } from '../../src/charts/trend.ts';

const svg = (markup: string) =>
  parseHTML(`<html><body>${markup}</body></html>`).document.querySelector('svg');

const months = [
  { period: '2026-01', points: 70, ranked: true },
  { period: '2026-02', points: 64.5, ranked: false },
  { period: '2026-03', points: 81, ranked: true },
];
const company = [
  { period: '2026-01', average: 71 },
  { period: '2026-02', average: 69.25 },
  { period: '2026-03', average: null },
];

test('charts are SVG with a viewBox and no fixed size, so they scale with the page', () => {
  const charts = [
    trendChart([{ period: '2026-01', dept_avg: 70, company_avg: 72 }]),
    memberPointsChart(months, company),
    categoryStackChart([{ period: '2026-01', category: '基础', points: 40 }], ['基础']),
    gapChart([{ name: '基础', gap: 2 }]),
    profileChart([{ name: '基础', dept_avg: 1, company_avg: 2, exemplar_avg: 3 }]),
  ];
  for (const markup of charts) {
    const chart = svg(markup);
    expect(chart?.getAttribute('viewBox')).toMatch(/^0 0 420 \d+(\.\d)?$/);
    expect(chart?.hasAttribute('width')).toBe(false);
    expect(chart?.hasAttribute('height')).toBe(false);
  }
});

test('text reaches the SVG escaped: a name with HTML stays text', () => {
  const markups = [
    gapChart([{ name: '<b>王</b>', gap: 1 }]),
    profileChart([{ name: '<b>王</b>', dept_avg: 1, company_avg: 2, exemplar_avg: null }]),
    categoryStackChart([{ period: '2026-01', category: '<i>x</i>', points: 4 }], ['<i>x</i>']),
  ];
  for (const markup of markups) {
    expect(markup).not.toMatch(/<b>|<i>/);
    expect(svg(markup)?.querySelectorAll('b, i')).toHaveLength(0);
  }
  expect(markups[0]).toContain('&lt;b&gt;王&lt;/b&gt;');
  expect(gapChart([{ name: '<script>', gap: 1 }])).not.toContain('<script>');
});

test('axes and labels are Chinese or absent, never the field names', () => {
  const markups = [
    trendChart([{ period: '2026-01', dept_avg: 70, company_avg: 72 }]),
    memberPointsChart(months, company),
    gapChart([{ name: '基础', gap: 2 }]),
    profileChart([{ name: '基础', dept_avg: 1, company_avg: 2, exemplar_avg: 3 }]),
  ];
  for (const markup of markups) {
    const text = svg(markup)?.textContent ?? '';
    expect(text).not.toMatch(/period|dept_avg|value|points|gap|series|Jan|NaN|undefined/);
  }
});

test("a member's points chart: a filled dot per ranked month, a hollow one otherwise, the line broken at a gap", () => {
  const chart = svg(memberPointsChart(months, company));
  expect(chart?.querySelectorAll('g[fill="#c8161d"] circle')).toHaveLength(2);
  expect(chart?.querySelectorAll('g[fill="white"] circle')).toHaveLength(1);
  const gap = svg(
    memberPointsChart(
      [
        { period: '2026-01', points: 70, ranked: true },
        { period: '2026-03', points: 81, ranked: true },
      ],
      company,
    ),
  );
  const own = [...(gap?.querySelectorAll('path[stroke="#c8161d"]') ?? [])].map((p) => p.getAttribute('d'));
  expect(own.join('').match(/M/g)).toHaveLength(2); // two pieces: February is missing
});

test('stacked categories: positive points stack up from zero, negative points down', () => {
  const chart = svg(
    categoryStackChart(
      [
        { period: '2026-01', category: 'a', points: 40 },
        { period: '2026-01', category: 'b', points: 20 },
        { period: '2026-01', category: 'c', points: -5 },
      ],
      ['a', 'b', 'c'],
    ),
  );
  const rect = (fill: string) => chart?.querySelector(`g[fill="${fill}"] rect`);
  const [a, b, c] = ['#c8161d', '#e07b39', '#b7791f'].map((fill) => ({
    y: Number(rect(fill)?.getAttribute('y')),
    h: Number(rect(fill)?.getAttribute('height')),
  }));
  expect(Math.abs((b?.y ?? 0) + (b?.h ?? 0) - (a?.y ?? 0))).toBeLessThan(0.2); // b sits on a
  expect(Math.abs((a?.y ?? 0) + (a?.h ?? 0) - (c?.y ?? 0))).toBeLessThan(0.2); // c hangs below zero
  expect((a?.h ?? 0) / (c?.h ?? 1)).toBeCloseTo(8, 0);
});

test('round axis domains and ticks, as d3 makes them', () => {
  expect(nice(51.5, 80, 10)).toEqual([50, 80]);
  expect(nice(0, 7.45, 10)).toEqual([0, 8]);
  expect(nice(-15.55, 6.45, 10)).toEqual([-16, 8]);
  expect(ticks(50, 80, 5)).toEqual([50, 55, 60, 65, 70, 75, 80]);
  expect(ticks(0, 0.5, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
});

test('the heat map classes run red (below) through white to blue (above), strong cells take white text', () => {
  const extent = heatExtent([{ std_gap: -1.5 }, { std_gap: 0.4 }, { std_gap: null }]);
  expect(extent).toBe(1.5);
  expect(heatExtent([{ std_gap: 0.2 }])).toBe(1);
  expect(heatClass(-1.5, extent)).toBe(0);
  expect(heatClass(0, extent)).toBe(5);
  expect(heatClass(0.14, extent)).toBe(5);
  expect(heatClass(0.16, extent)).toBe(6);
  expect(heatClass(1.5, extent)).toBe(10);
  expect(heatClass(-9, extent)).toBe(0); // clamped
  expect(heatStrong(-1.2, extent)).toBe(true);
  expect(heatStrong(0.3, extent)).toBe(false);
});

test("the stylesheet's heat classes and legend are the RdBu colours of heatmap.ts", () => {
  const css = readFileSync(new URL('../../src/styles/base.css', import.meta.url), 'utf8').replace(
    /\s+/g,
    ' ',
  );
  RD_BU.forEach((colour, i) => {
    expect(css, `h${i}`).toContain(`table.heat td.h${i} { background: ${colour}; }`);
  });
  expect(css).toContain(`linear-gradient( to right, ${RD_BU.join(', ')} )`);
});
