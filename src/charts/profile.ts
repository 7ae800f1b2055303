// A department's category profile, drawn by hand like a member's charts (./member.ts): it is
// on every department page.
import { COLORS } from './style.ts';
import { bands, esc, linear, n, nice, svg, ticks, WIDTH, xAxis } from './svg.ts';

export interface ProfileRow {
  name: string;
  dept_avg: number | null;
  company_avg: number | null;
  exemplar_avg: number | null;
}

export const PROFILE_SERIES = ['本组织', '全公司', '先进典型'] as const;
const SERIES_COLORS = [COLORS.subject, COLORS.company, COLORS.exemplar] as const;

const plain = (v: number): string => String(Math.round(v * 100) / 100);
const tick = (v: number): string => (v < 0 ? `−${plain(-v)}` : plain(v));

/**
 * A department's average per category against the company's and the exemplars' (grouped bars):
 * one band per category, three bars in it, each with its value.
 */
export function profileChart(rows: readonly ProfileRow[]): string {
  const longest = Math.max(4, ...rows.map((r) => r.name.length));
  const height = 24 + rows.length * 66;
  const left = Math.min(14 * longest + 12, 150);
  const right = WIDTH - 44;
  const top = 20;
  const bottom = height - 24;
  const values = rows
    .flatMap((r) => [r.dept_avg, r.company_avg, r.exemplar_avg])
    .filter((v): v is number => v !== null);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const [x0, x1] = lo === hi ? [0, 1] : nice(lo, hi, 10);
  const x = linear([x0, x1], [left, right]);
  // Facets as Plot lays them out: no outer padding, 15 % between categories.
  const step = Math.floor((bottom - top) / Math.max(1, rows.length - 0.15));
  const facet = Math.round(step * 0.85);
  const first = Math.round(top + (bottom - top - step * (rows.length - 0.15)) / 2);
  const inner = bands(3, 0, facet, 0.1);
  const grid = ticks(x0, x1, (right - left) / 80);
  const zero = x(0);
  let body = '';
  rows.forEach((r, i) => {
    const y0 = first + i * step;
    const bars = [r.dept_avg, r.company_avg, r.exemplar_avg];
    body +=
      `<g stroke="currentColor" stroke-opacity="0.1" aria-hidden="true">${grid.map((v) => `<path d="M${n(x(v))},${n(y0)}v${n(facet)}"/>`).join('')}</g>` +
      `<text x="${n(left - 9)}" y="${n(y0 + facet / 2)}" dy="0.32em" text-anchor="end">${esc(r.name)}</text>` +
      bars
        .map((v, j) => {
          if (v === null) return '';
          const from = Math.min(zero, x(v));
          const yj = y0 + (inner.starts[j] ?? 0);
          return (
            `<rect x="${n(from)}" y="${n(yj)}" width="${n(Math.abs(x(v) - zero))}" height="${n(inner.width)}" fill="${SERIES_COLORS[j]}"/>` +
            `<text x="${n(x(Math.max(v, 0)) + 3)}" y="${n(yj + inner.width / 2)}" dy="0.32em" text-anchor="start" font-size="12" font-variant="tabular-nums">${esc(plain(v))}</text>`
          );
        })
        .join('') +
      `<path d="M${n(zero)},${n(y0)}v${n(facet)}" stroke="currentColor"/>`;
  });
  // The axis under the last category only.
  const last = first + (rows.length - 1) * step;
  return svg(height, body + xAxis(x, grid, null, last + facet, tick));
}
