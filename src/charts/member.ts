import { COLORS, monthTicks, Plot, renderPlot } from './plot.ts';

export interface MemberMonth {
  period: string;
  points: number;
  ranked: boolean;
}

/**
 * A member's points per month (a red line; a hollow dot where the month was not ranked: vetoed
 * or exempt) against the company's average of ranked members (grey).
 */
export function memberPointsChart(
  months: readonly MemberMonth[],
  company: readonly { period: string; average: number | null }[],
): string {
  const domain = [...new Set([...company.map((c) => c.period), ...months.map((m) => m.period)])].sort();
  const own = new Map(months.map((m) => [m.period, m]));
  const line = domain.map((period) => ({ period, points: own.get(period)?.points ?? null }));
  const average = company.filter((c) => c.average !== null);
  const { ticks, format } = monthTicks(domain);
  return renderPlot({
    height: 240,
    marginLeft: 44,
    marginBottom: 40,
    x: { type: 'point', domain, ticks, tickFormat: format, label: null, inset: 12 },
    y: { grid: true, label: '积分', nice: true, zero: false },
    marks: [
      Plot.lineY(average, {
        x: 'period',
        y: 'average',
        stroke: COLORS.company,
        strokeDasharray: '4 3',
        strokeWidth: 1.5,
      }),
      Plot.lineY(line, { x: 'period', y: 'points', stroke: COLORS.subject, strokeWidth: 2.5 }),
      Plot.dot(
        months.filter((m) => m.ranked),
        { x: 'period', y: 'points', fill: COLORS.subject, r: 4 },
      ),
      Plot.dot(
        months.filter((m) => !m.ranked),
        { x: 'period', y: 'points', stroke: COLORS.subject, fill: 'white', strokeWidth: 2, r: 4.5 },
      ),
    ],
  });
}

export interface CategoryMonth {
  period: string;
  category: string;
  points: number;
}

/** Category points per month, stacked (negative points stack below zero). */
export function categoryStackChart(rows: readonly CategoryMonth[], categories: readonly string[]): string {
  const domain = [...new Set(rows.map((r) => r.period))].sort();
  const { ticks, format } = monthTicks(domain);
  return renderPlot({
    height: 240,
    marginLeft: 44,
    marginBottom: 40,
    x: { type: 'band', domain, ticks, tickFormat: format, label: null, padding: 0.25 },
    y: { grid: true, label: '积分' },
    color: { domain: [...categories], range: [...COLORS.categories] },
    marks: [
      Plot.barY(rows, Plot.stackY({ x: 'period', y: 'points', fill: 'category', order: [...categories] })),
      Plot.ruleY([0]),
    ],
  });
}

export interface GapBar {
  name: string;
  gap: number;
}

/** The gap to the exemplars per category, biggest first: red bars behind, green ahead, grey level. */
export function gapChart(rows: readonly GapBar[]): string {
  const longest = Math.max(4, ...rows.map((r) => r.name.length));
  const lo = Math.min(0, ...rows.map((r) => r.gap));
  const hi = Math.max(0, ...rows.map((r) => r.gap));
  const by = (test: (gap: number) => boolean) => rows.filter((r) => test(r.gap));
  return renderPlot({
    height: 36 + rows.length * 34,
    marginLeft: Math.min(14 * longest + 12, 150),
    marginRight: 52,
    marginTop: 8,
    marginBottom: 24,
    x: { grid: true, label: null, nice: true, domain: lo === hi ? [-1, 1] : [lo, hi] },
    y: { domain: rows.map((r) => r.name), label: null },
    marks: [
      Plot.barX(
        by((gap) => gap > 0),
        { x: 'gap', y: 'name', fill: COLORS.subject },
      ),
      Plot.barX(
        by((gap) => gap < 0),
        { x: 'gap', y: 'name', fill: COLORS.ahead },
      ),
      Plot.text(rows, {
        x: (d: GapBar) => Math.max(d.gap, 0),
        y: 'name',
        text: (d: GapBar) => (d.gap > 0 ? `+${d.gap}` : String(d.gap)),
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  });
}
