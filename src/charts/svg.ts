// The site's charts are drawn by hand as SVG strings at build time: Observable Plot on a DOM shim
// (linkedom) cost 6–14 ms per chart and most of a 5,000-member build's time, these well under
// one. They keep Plot's look and layout (the first version used Plot): 420 units wide and sized
// by CSS, 13-unit text in the page's font, faint grid, 6-unit tick marks, d3's round ticks and
// Plot's band and point scales. Every text goes through `esc`.

export const WIDTH = 420;

/** Escapes text for SVG/HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** A coordinate with at most one decimal (keeps the markup small; 0.1 unit is invisible). */
export const n = (x: number): string => String(Math.round(x * 10) / 10);

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/** d3's tick increment: a 1, 2 or 5 × 10^k step giving about `count` ticks (negative: 1/step). */
function tickIncrement(start: number, stop: number, count: number): number {
  const step = (stop - start) / Math.max(1, count);
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor;
}

/** Extends [lo, hi] to round tick values, as d3's scale.nice() does. */
export function nice(lo: number, hi: number, count: number): [number, number] {
  if (!(hi > lo)) return [lo, hi];
  let start = lo;
  let stop = hi;
  let previous: number | undefined;
  for (let i = 0; i < 10; i++) {
    const step = tickIncrement(start, stop, count);
    if (step === previous || step === 0 || !Number.isFinite(step)) break;
    if (step > 0) {
      start = Math.floor(start / step) * step;
      stop = Math.ceil(stop / step) * step;
    } else {
      start = Math.ceil(start * step) / step;
      stop = Math.floor(stop * step) / step;
    }
    previous = step;
  }
  return [start, stop];
}

/** Round tick values within [lo, hi], about `count` of them (d3's ticks). */
export function ticks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const step = tickIncrement(lo, hi, count);
  const out: number[] = [];
  if (step > 0) {
    for (let i = Math.ceil(lo / step); i <= Math.floor(hi / step); i++) out.push(i * step);
  } else {
    const inv = -step;
    for (let i = Math.ceil(lo * inv); i <= Math.floor(hi * inv); i++) out.push(i / inv);
  }
  return out;
}

export interface Linear {
  (value: number): number;
  domain: [number, number];
}

/** A linear scale from `domain` to `range`. */
export function linear(domain: [number, number], range: [number, number]): Linear {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + (value - d0) * k)) as Linear;
  scale.domain = domain;
  return scale;
}

/**
 * Plot's point scale (padding 0.5, rounded): the x position of each of `count` points within
 * [start, stop].
 */
export function points(count: number, start: number, stop: number): number[] {
  if (count === 0) return [];
  if (count === 1) return [Math.round((start + stop) / 2)];
  const step = Math.floor((stop - start) / count);
  const offset = Math.round(start + (stop - start - step * (count - 1)) / 2);
  return Array.from({ length: count }, (_, i) => offset + i * step);
}

/** Plot's band scale (rounded): the start of each of `count` bands and their width. */
export function bands(
  count: number,
  start: number,
  stop: number,
  padding: number,
): { starts: number[]; width: number; step: number } {
  if (count === 0) return { starts: [], width: 0, step: 0 };
  const step = Math.floor((stop - start) / Math.max(1, count - padding + padding * 2));
  const width = Math.round(step * (1 - padding));
  const offset = Math.round(start + (stop - start - (step * count - step * padding)) / 2);
  return { starts: Array.from({ length: count }, (_, i) => offset + i * step), width, step };
}

/** A text that may span several lines (`\n`), like Plot's tick labels. `dy` is the first line's. */
export function label(
  text: string,
  x: number,
  y: number,
  attrs = '',
  dy = '0.71em',
  lineHeight = '1em',
): string {
  const lines = text.split('\n');
  if (lines.length === 1) return `<text x="${n(x)}" y="${n(y)}" dy="${dy}"${attrs}>${esc(text)}</text>`;
  const spans = lines
    .map((line, i) => `<tspan x="${n(x)}" dy="${i === 0 ? dy : lineHeight}">${esc(line)}</tspan>`)
    .join('');
  return `<text y="${n(y)}"${attrs}>${spans}</text>`;
}

/**
 * The SVG element: a viewBox and no size, so that CSS sizes the chart with its container (and
 * lets labels overflow it: no style attribute, which the Content-Security-Policy refuses).
 */
export function svg(height: number, body: string, title = ''): string {
  return (
    `<svg viewBox="0 0 ${WIDTH} ${n(height)}" font-size="13" text-anchor="middle" fill="currentColor">` +
    `${title ? `<title>${esc(title)}</title>` : ''}${body}</svg>`
  );
}

/** Horizontal grid lines and the left axis (tick marks and labels) of a vertical linear scale. */
export function yAxis(
  y: Linear,
  values: readonly number[],
  left: number,
  right: number,
  format: (v: number) => string,
): string {
  const grid = values.map((v) => `<path d="M${n(left)},${n(y(v))}H${n(right)}"/>`).join('');
  const marks = values.map((v) => `<path d="M${n(left - 6)},${n(y(v))}h6"/>`).join('');
  const labels = values
    .map((v) => `<text x="${n(left - 9)}" y="${n(y(v))}" dy="0.32em">${esc(format(v))}</text>`)
    .join('');
  return (
    `<g stroke="currentColor" stroke-opacity="0.1" aria-hidden="true">${grid}</g>` +
    `<g stroke="currentColor" fill="none" aria-hidden="true">${marks}</g>` +
    `<g text-anchor="end" font-variant="tabular-nums">${labels}</g>`
  );
}

/** Vertical grid lines (from `top`, unless `top` is null) and the bottom axis of a horizontal linear scale. */
export function xAxis(
  x: Linear,
  values: readonly number[],
  top: number | null,
  bottom: number,
  format: (v: number) => string,
): string {
  const grid =
    top === null ? '' : values.map((v) => `<path d="M${n(x(v))},${n(top)}V${n(bottom)}"/>`).join('');
  const marks = values.map((v) => `<path d="M${n(x(v))},${n(bottom)}v6"/>`).join('');
  const labels = values.map((v) => label(format(v), x(v), bottom + 9)).join('');
  return (
    (grid ? `<g stroke="currentColor" stroke-opacity="0.1" aria-hidden="true">${grid}</g>` : '') +
    `<g stroke="currentColor" fill="none" aria-hidden="true">${marks}</g>` +
    `<g font-variant="tabular-nums">${labels}</g>`
  );
}

/** Tick marks and (possibly two-line) labels below an ordinal axis at the given positions. */
export function ordinalBottom(positions: readonly { x: number; text: string }[], bottom: number): string {
  const marks = positions.map((p) => `<path d="M${n(p.x)},${n(bottom)}v6"/>`).join('');
  const labels = positions.map((p) => label(p.text, p.x, bottom + 9)).join('');
  return `<g stroke="currentColor" fill="none" aria-hidden="true">${marks}</g><g>${labels}</g>`;
}

/** A path through the points, broken where a value is missing (as Plot's line breaks on null). */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${n(p.x)},${n(p.y)}`;
    pen = true;
  }
  return d;
}
