import { COLORS, Plot, renderPlot } from './plot.ts';

export interface ProfileRow {
  name: string;
  dept_avg: number | null;
  company_avg: number | null;
  exemplar_avg: number | null;
}

export const PROFILE_SERIES = ['本组织', '全公司', '先进典型'] as const;

/** A department's average per category against the company's and the exemplars' (grouped bars). */
export function profileChart(rows: readonly ProfileRow[]): string {
  const data = rows.flatMap((r) =>
    [r.dept_avg, r.company_avg, r.exemplar_avg].flatMap((value, i) =>
      value === null ? [] : [{ category: r.name, series: PROFILE_SERIES[i], value }],
    ),
  );
  const longest = Math.max(4, ...rows.map((r) => r.name.length));
  return renderPlot({
    height: 24 + rows.length * 66,
    marginLeft: Math.min(14 * longest + 12, 150),
    marginRight: 44,
    marginBottom: 24,
    fy: { domain: rows.map((r) => r.name), label: null, padding: 0.15 },
    y: { domain: [...PROFILE_SERIES], axis: null, padding: 0.1 },
    x: { grid: true, label: null, nice: true },
    color: { domain: [...PROFILE_SERIES], range: [COLORS.subject, COLORS.company, COLORS.exemplar] },
    marks: [
      Plot.barX(data, { x: 'value', y: 'series', fy: 'category', fill: 'series' }),
      Plot.text(data, {
        x: 'value',
        y: 'series',
        fy: 'category',
        text: 'value',
        textAnchor: 'start',
        dx: 3,
        fontSize: 12,
      }),
      Plot.ruleX([0]),
    ],
  });
}
