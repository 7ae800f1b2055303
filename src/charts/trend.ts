import { COLORS, monthTicks, Plot, renderPlot } from './plot.ts';

export interface TrendPoint {
  period: string;
  dept_avg: number | null;
  company_avg: number | null;
}

/** A department's average points per month against the company's (two lines, labelled by the page's legend). */
export function trendChart(points: readonly TrendPoint[]): string {
  const series = points.flatMap((p) => [
    { period: p.period, series: '本组织', value: p.dept_avg },
    { period: p.period, series: '全公司', value: p.company_avg },
  ]);
  const data = series.filter((d) => d.value !== null); // lines break where a value is missing
  const { ticks, format } = monthTicks(points.map((p) => p.period));
  return renderPlot({
    height: 240,
    marginLeft: 44,
    marginBottom: 40,
    x: {
      type: 'point',
      domain: points.map((p) => p.period),
      ticks,
      tickFormat: format,
      label: null,
      inset: 12,
    },
    y: { grid: true, label: '平均积分', nice: true, zero: false },
    color: { domain: ['本组织', '全公司'], range: [COLORS.subject, COLORS.company] },
    marks: [
      Plot.lineY(series, { x: 'period', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2.5 }),
      Plot.dot(data, { x: 'period', y: 'value', fill: 'series', r: 3.5 }),
    ],
  });
}
