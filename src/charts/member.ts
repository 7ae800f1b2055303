// A member's charts, drawn by hand (./svg.ts) rather than by Plot: they are on every member
// page, thousands per build. Same look as the Plot charts of the other pages.
import { COLORS, monthTicks } from './style.ts';
import {
  bands,
  esc,
  linear,
  linePath,
  n,
  nice,
  ordinalBottom,
  points,
  svg,
  ticks,
  WIDTH,
  xAxis,
  yAxis,
} from './svg.ts';

export interface MemberMonth {
  period: string;
  points: number;
  ranked: boolean;
}

const MARGIN_RIGHT = 20;
const MARGIN_TOP = 20;

const plain = (v: number): string => String(Math.round(v * 100) / 100);
/** Axis numbers, with a true minus sign as Plot prints them. */
const tick = (v: number): string => (v < 0 ? `−${plain(-v)}` : plain(v));

/** The "↑ 积分" label above a vertical axis, where Plot puts it. */
const yLabel = (text: string): string =>
  `<text x="3" y="3" dy="0.71em" text-anchor="start">↑ ${esc(text)}</text>`;

/**
 * A member's points per month (a red line; a hollow dot where the month was not ranked: vetoed
 * or exempt) against the company's average of ranked members (grey, dashed).
 */
export function memberPointsChart(
  months: readonly MemberMonth[],
  company: readonly { period: string; average: number | null }[],
): string {
  const height = 240;
  const left = 44;
  const bottom = height - 40;
  const domain = [...new Set([...company.map((c) => c.period), ...months.map((m) => m.period)])].sort();
  const own = new Map(months.map((m) => [m.period, m]));
  const average = new Map(company.map((c) => [c.period, c.average]));
  const values = [
    ...months.map((m) => m.points),
    ...company.flatMap((c) => (c.average === null ? [] : [c.average])),
  ];
  const lo = values.length > 0 ? Math.min(...values) : 0;
  const hi = values.length > 0 ? Math.max(...values) : 1;
  const count = (bottom - MARGIN_TOP) / 35;
  // Plot's `nice: true` rounds the domain to about ten ticks' steps.
  const [y0, y1] = lo === hi ? [lo - 1, hi + 1] : nice(lo, hi, 10);
  const y = linear([y0, y1], [bottom, MARGIN_TOP]);
  const xs = points(domain.length, left + 12, WIDTH - MARGIN_RIGHT - 12);
  const at = new Map(domain.map((p, i) => [p, xs[i] ?? 0]));
  const { ticks: monthsShown, format } = monthTicks(domain);
  const companyLine = linePath(
    domain.flatMap((p) => {
      const a = average.get(p);
      return a === null || a === undefined ? [] : [{ x: at.get(p) ?? 0, y: y(a) }];
    }),
  );
  const ownLine = linePath(
    domain.map((p) => {
      const m = own.get(p);
      return { x: at.get(p) ?? 0, y: m ? y(m.points) : null };
    }),
  );
  const dot = (m: MemberMonth) => `cx="${n(at.get(m.period) ?? 0)}" cy="${n(y(m.points))}"`;
  const ranked = months.filter((m) => m.ranked).map((m) => `<circle ${dot(m)} r="4"/>`);
  const unranked = months.filter((m) => !m.ranked).map((m) => `<circle ${dot(m)} r="4.5"/>`);
  return svg(
    height,
    yAxis(y, ticks(y0, y1, count), left, WIDTH - MARGIN_RIGHT, tick) +
      yLabel('积分') +
      ordinalBottom(
        monthsShown.map((p) => ({ x: at.get(p) ?? 0, text: format(p) })),
        bottom,
      ) +
      `<path d="${companyLine}" fill="none" stroke="${COLORS.company}" stroke-width="1.5" stroke-dasharray="4 3" stroke-linecap="round" stroke-linejoin="round"/>` +
      `<path d="${ownLine}" fill="none" stroke="${COLORS.subject}" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>` +
      `<g fill="${COLORS.subject}">${ranked.join('')}</g>` +
      `<g fill="white" stroke="${COLORS.subject}" stroke-width="2">${unranked.join('')}</g>`,
  );
}

export interface CategoryMonth {
  period: string;
  category: string;
  points: number;
}

/** Category points per month, stacked in category order (negative points stack below zero). */
export function categoryStackChart(rows: readonly CategoryMonth[], categories: readonly string[]): string {
  const height = 240;
  const left = 44;
  const bottom = height - 40;
  const domain = [...new Set(rows.map((r) => r.period))].sort();
  const order = new Map(categories.map((c, i) => [c, i]));
  const sorted = [...rows].sort((a, b) => (order.get(a.category) ?? 0) - (order.get(b.category) ?? 0));
  // Each bar segment: [from, to] on the points axis, positives up from zero, negatives down.
  const segments: { period: string; category: string; from: number; to: number }[] = [];
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  for (const r of sorted) {
    const stack = r.points >= 0 ? up : down;
    const from = stack.get(r.period) ?? 0;
    stack.set(r.period, from + r.points);
    if (r.points !== 0) segments.push({ period: r.period, category: r.category, from, to: from + r.points });
  }
  const lo = Math.min(0, ...down.values());
  const hi = Math.max(0, ...up.values());
  const count = (bottom - MARGIN_TOP) / 35;
  // Like Plot's stacked bars: the domain is the data's extent, not rounded out.
  const [y0, y1] = lo === hi ? [0, 1] : [lo, hi];
  const y = linear([y0, y1], [bottom, MARGIN_TOP]);
  const band = bands(domain.length, left, WIDTH - MARGIN_RIGHT, 0.25);
  const start = new Map(domain.map((p, i) => [p, band.starts[i] ?? 0]));
  const { ticks: monthsShown, format } = monthTicks(domain);
  const fills = categories.map((c, i) => {
    const rects = segments
      .filter((s) => s.category === c)
      .map((s) => {
        const top = y(Math.max(s.from, s.to));
        return `<rect x="${n(start.get(s.period) ?? 0)}" y="${n(top)}" width="${n(band.width)}" height="${n(y(Math.min(s.from, s.to)) - top)}"/>`;
      });
    return rects.length === 0
      ? ''
      : `<g fill="${COLORS.categories[i % COLORS.categories.length] ?? COLORS.company}">${rects.join('')}</g>`;
  });
  return svg(
    height,
    yAxis(y, ticks(y0, y1, count), left, WIDTH - MARGIN_RIGHT, tick) +
      yLabel('积分') +
      ordinalBottom(
        monthsShown.map((p) => ({ x: (start.get(p) ?? 0) + band.width / 2, text: format(p) })),
        bottom,
      ) +
      fills.join('') +
      `<path d="M${left},${n(y(0))}H${WIDTH - MARGIN_RIGHT}" stroke="currentColor"/>`,
  );
}

export interface GapBar {
  name: string;
  gap: number;
}

/** The gap to the exemplars per category, biggest first: red bars behind, green ahead. */
export function gapChart(rows: readonly GapBar[]): string {
  const longest = Math.max(4, ...rows.map((r) => r.name.length));
  const height = 36 + rows.length * 34;
  const left = Math.min(14 * longest + 12, 150);
  const right = WIDTH - 52;
  const top = 8;
  const bottom = height - 24;
  const lo = Math.min(0, ...rows.map((r) => r.gap));
  const hi = Math.max(0, ...rows.map((r) => r.gap));
  const count = (right - left) / 80;
  const [x0, x1] = lo === hi ? [-1, 1] : nice(lo, hi, 10);
  const x = linear([x0, x1], [left, right]);
  const band = bands(rows.length, top, bottom, 0.1);
  const bars = (test: (gap: number) => boolean) =>
    rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => test(r.gap))
      .map(({ r, i }) => {
        const from = x(Math.min(0, r.gap));
        return `<rect x="${n(from)}" y="${n(band.starts[i] ?? 0)}" width="${n(x(Math.max(0, r.gap)) - from)}" height="${n(band.width)}"/>`;
      })
      .join('');
  const mid = (i: number) => (band.starts[i] ?? 0) + band.width / 2;
  const names = rows
    .map((r, i) => `<text x="${n(left - 9)}" y="${n(mid(i))}" dy="0.32em">${esc(r.name)}</text>`)
    .join('');
  const marks = rows.map((_, i) => `<path d="M${n(left - 6)},${n(mid(i))}h6"/>`).join('');
  const values = rows
    .map(
      (r, i) =>
        `<text x="${n(x(Math.max(r.gap, 0)) + 4)}" y="${n(mid(i))}" dy="0.32em">${esc(r.gap > 0 ? `+${plain(r.gap)}` : plain(r.gap))}</text>`,
    )
    .join('');
  return svg(
    height,
    xAxis(x, ticks(x0, x1, count), top, bottom, tick) +
      `<g stroke="currentColor" fill="none" aria-hidden="true">${marks}</g>` +
      `<g text-anchor="end">${names}</g>` +
      `<g fill="${COLORS.subject}">${bars((gap) => gap > 0)}</g>` +
      `<g fill="${COLORS.ahead}">${bars((gap) => gap < 0)}</g>` +
      `<g text-anchor="start">${values}</g>` +
      `<path d="M${n(x(0))},${top}V${bottom}" stroke="currentColor"/>`,
  );
}
