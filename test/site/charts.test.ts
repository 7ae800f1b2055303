import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { heatmapChart } from '../../src/charts/heatmap.ts';
import { gapChart, memberPointsChart } from '../../src/charts/member.ts';
import { profileChart } from '../../src/charts/profile.ts';
import { trendChart } from '../../src/charts/trend.ts';

const svg = (markup: string) =>
  parseHTML(`<html><body>${markup}</body></html>`).document.querySelector('svg');

test('charts are SVG with a viewBox and no fixed size, so they scale with the page', () => {
  const chart = svg(trendChart([{ period: '2026-01', dept_avg: 70, company_avg: 72 }]));
  expect(chart?.getAttribute('viewBox')).toMatch(/^0 0 420 \d+$/);
  expect(chart?.hasAttribute('width')).toBe(false);
  expect(chart?.hasAttribute('height')).toBe(false);
});

test('text reaches the SVG escaped: a name with HTML stays text', () => {
  const markup = heatmapChart(
    [{ dept: '<b>王</b>', category: '<i>x</i>', std_gap: -0.5 }],
    ['<b>王</b>'],
    ['<i>x</i>'],
  );
  expect(markup).not.toContain('<b>');
  expect(markup).toContain('&lt;b&gt;王&lt;/b&gt;');
  const doc = svg(markup);
  expect(doc?.querySelectorAll('b, i')).toHaveLength(0);
  expect(gapChart([{ name: '<script>', gap: 1 }])).not.toContain('<script>');
});

test('axes and labels are Chinese or absent, never the field names', () => {
  const markups = [
    trendChart([{ period: '2026-01', dept_avg: 70, company_avg: 72 }]),
    memberPointsChart(
      [{ period: '2026-01', points: 70, ranked: true }],
      [{ period: '2026-01', average: 71 }],
    ),
    gapChart([{ name: '基础', gap: 2 }]),
    profileChart([{ name: '基础', dept_avg: 1, company_avg: 2, exemplar_avg: 3 }]),
  ];
  for (const markup of markups) {
    const text = svg(markup)?.textContent ?? '';
    expect(text).not.toMatch(/period|dept_avg|value|points|gap|series|Jan/);
  }
});

test('the heat map draws one coloured cell per department and category with a value', () => {
  const cells = [
    { dept: 'A', category: 'x', std_gap: -1.2 },
    { dept: 'A', category: 'y', std_gap: null },
    { dept: 'B', category: 'x', std_gap: 0.4 },
    { dept: 'B', category: 'y', std_gap: 0 },
  ];
  const doc = svg(heatmapChart(cells, ['A', 'B'], ['x', 'y']));
  const marks = doc?.querySelectorAll('g[aria-label=cell]') ?? [];
  expect(marks).toHaveLength(2);
  expect(marks[1]?.querySelectorAll('rect')).toHaveLength(3);
});
