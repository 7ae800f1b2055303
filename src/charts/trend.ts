// A department's trend, drawn by hand like a member's chart (./member.ts): it is on every
// department page.
import { COLORS, monthTicks } from './style.ts';
import { esc, linear, linePath, n, nice, ordinalBottom, points, svg, ticks, WIDTH, yAxis } from './svg.ts';

export interface TrendPoint {
  period: string;
  dept_avg: number | null;
  company_avg: number | null;
}

const tick = (v: number): string => {
  const text = String(Math.round(Math.abs(v) * 100) / 100);
  return v < 0 ? `−${text}` : text;
};

/** A department's average points per month against the company's (two lines, labelled by the page's legend). */
export function trendChart(rows: readonly TrendPoint[]): string {
  const height = 240;
  const left = 44;
  const right = WIDTH - 20;
  const top = 20;
  const bottom = height - 40;
  const values = rows.flatMap((r) => [r.dept_avg, r.company_avg]).filter((v): v is number => v !== null);
  const lo = values.length > 0 ? Math.min(...values) : 0;
  const hi = values.length > 0 ? Math.max(...values) : 1;
  const [y0, y1] = lo === hi ? [lo - 1, hi + 1] : nice(lo, hi, 10);
  const y = linear([y0, y1], [bottom, top]);
  const count = (bottom - top) / 35;
  const xs = points(rows.length, left + 12, right - 12);
  const { ticks: shown, format } = monthTicks(rows.map((r) => r.period));
  const at = new Map(rows.map((r, i) => [r.period, xs[i] ?? 0]));
  const series = [
    { key: 'dept_avg', color: COLORS.subject },
    { key: 'company_avg', color: COLORS.company },
  ] as const;
  // Lines break where a value is missing.
  const lines = series.map(
    (s) =>
      `<path d="${linePath(rows.map((r, i) => ({ x: xs[i] ?? 0, y: r[s.key] === null ? null : y(r[s.key] as number) })))}" fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>`,
  );
  const dots = series.map((s) => {
    const circles = rows
      .map((r, i) => {
        const v = r[s.key];
        return v === null ? '' : `<circle cx="${n(xs[i] ?? 0)}" cy="${n(y(v))}" r="3.5"/>`;
      })
      .join('');
    return `<g fill="${s.color}">${circles}</g>`;
  });
  return svg(
    height,
    yAxis(y, ticks(y0, y1, count), left, right, tick) +
      `<text x="3" y="3" dy="0.71em" text-anchor="start">↑ ${esc('平均积分')}</text>` +
      ordinalBottom(
        shown.map((p) => ({ x: at.get(p) ?? 0, text: format(p) })),
        bottom,
      ) +
      lines.join('') +
      dots.join(''),
  );
}
