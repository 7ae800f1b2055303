// Browser-only: the panel's charts, drawn by Observable Plot into the page's DOM. Names and labels
// reach the SVG as DOM text (Plot never parses them as markup).
import * as Plot from '@observablehq/plot';
import { COLORS as SITE_COLORS } from '../charts/style.ts';
import { formatPoints, periodShort } from '../site/format.ts';

/** The site's palette, and grey for members without a rank. */
export const COLORS = { ...SITE_COLORS, muted: '#b9bfc7' } as const;

const STYLE = { fontSize: '13px', fontFamily: 'inherit', overflow: 'visible' } as const;

/** Plot's class on every chart and legend (`explore-plot`, `explore-plot-swatches`, …). */
const CLASS_NAME = 'explore-plot';

/**
 * Plot.plot without the <style> elements Plot puts in each chart and legend: the page's
 * Content-Security-Policy refuses inline style elements (and reports each one). explore.css
 * holds the same rules for CLASS_NAME. Plot's `style` option is applied through the CSSOM,
 * which the policy allows.
 */
function plot(options: Plot.PlotOptions): Element {
  const chart = Plot.plot({ ...options, className: CLASS_NAME });
  for (const style of chart.querySelectorAll('style')) style.remove();
  return chart;
}

export interface Bar {
  key: string;
  label: string;
  value: number | null;
  /** Drawn grey: members without a rank (vetoed, exempt). */
  muted?: boolean;
}

/** About the width of a label in 13 px CJK text, capped. */
function labelWidth(labels: readonly string[]): number {
  const longest = Math.max(2, ...labels.map((l) => [...l].length));
  return Math.min(170, 14 + longest * 13);
}

const shorten = (label: string, max = 12): string => {
  const chars = [...label];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
};

/**
 * Horizontal bars, one per row in the given order, the value at the end of each. Clicking (or
 * Enter on) a bar calls `onSelect` with its key.
 */
export function barChart(
  bars: readonly Bar[],
  options: { width: number; onSelect?: (key: string) => void; describe: (bar: Bar) => string },
): Element {
  const labels = new Map(bars.map((b) => [b.key, shorten(b.label)]));
  const values = bars.map((b) => b.value ?? 0);
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const chart = plot({
    width: options.width,
    height: 34 + bars.length * 26,
    marginLeft: labelWidth([...labels.values()]),
    marginRight: 48,
    style: STYLE,
    x: { domain: [min, max === min ? min + 1 : max], nice: true, grid: true, label: null },
    y: { domain: bars.map((b) => b.key), label: null, tickFormat: (key: string) => labels.get(key) ?? key },
    marks: [
      Plot.barX(bars, {
        x: (b: Bar) => b.value ?? 0,
        y: 'key',
        fill: (b: Bar) => (b.muted ? COLORS.muted : COLORS.subject),
        title: options.describe,
        insetTop: 3,
        insetBottom: 3,
      }),
      Plot.ruleX([0]),
      Plot.text(bars, {
        x: (b: Bar) => b.value ?? 0,
        y: 'key',
        text: (b: Bar) => formatPoints(b.value),
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
      }),
    ],
  });
  const onSelect = options.onSelect;
  if (onSelect) {
    for (const rect of chart.querySelectorAll('g[aria-label="bar"] rect')) {
      const bar = bars[(rect as unknown as { __data__: number }).__data__];
      if (!bar) continue;
      rect.setAttribute('tabindex', '0');
      rect.setAttribute('role', 'button');
      rect.setAttribute('aria-label', options.describe(bar));
      rect.setAttribute('data-key', bar.key);
      rect.addEventListener('click', () => onSelect(bar.key));
      rect.addEventListener('keydown', (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          onSelect(bar.key);
        }
      });
    }
  }
  return chart;
}

export interface StackedItem {
  period: string;
  category: string;
  label: string;
  value: number;
}

/**
 * A member's items by month: one column per month, the items stacked and coloured by category
 * (negative items below zero), and the official month points as a black tick.
 */
export function itemsChart(
  items: readonly StackedItem[],
  months: readonly { period: string; value: number }[],
  options: { width: number; categories: readonly string[]; total: string },
): Element {
  const periods = months.map((m) => m.period);
  return plot({
    width: options.width,
    height: 300,
    marginLeft: 44,
    style: STYLE,
    x: { domain: periods, label: null, tickFormat: (p: string) => periodShort(p) },
    y: { grid: true, label: null },
    color: { domain: [...options.categories], range: [...COLORS.categories], legend: true },
    marks: [
      Plot.barY(
        items,
        Plot.stackY({
          x: 'period',
          y: 'value',
          fill: 'category',
          title: (d: StackedItem) => `${d.label}：${formatPoints(d.value)}`,
          insetLeft: 4,
          insetRight: 4,
        }),
      ),
      Plot.ruleY([0]),
      Plot.tickY(months, {
        x: 'period',
        y: 'value',
        stroke: 'currentColor',
        strokeWidth: 2,
        title: (m: { value: number }) => `${options.total}：${formatPoints(m.value)}`,
      }),
    ],
  });
}

export interface Series {
  label: string;
  color: string;
  points: readonly { period: string; value: number | null }[];
  dashed?: boolean;
}

/** Month-over-month lines: the subject against the exemplars and the company. */
export function compareChart(
  series: readonly Series[],
  options: { width: number; periods: readonly string[] },
): Element {
  const rows = series.flatMap((s) =>
    s.points.filter((p) => p.value !== null).map((p) => ({ ...p, series: s.label })),
  );
  return plot({
    width: options.width,
    height: 280,
    marginLeft: 44,
    style: STYLE,
    x: { domain: [...options.periods], label: null, tickFormat: (p: string) => periodShort(p) },
    y: { grid: true, label: null },
    color: { domain: series.map((s) => s.label), range: series.map((s) => s.color) },
    marks: [
      ...series.map((s) =>
        Plot.line(
          rows.filter((r) => r.series === s.label),
          {
            x: 'period',
            y: 'value',
            stroke: s.color,
            strokeWidth: 2,
            ...(s.dashed ? { strokeDasharray: '5,4' } : {}),
          },
        ),
      ),
      Plot.dot(rows, {
        x: 'period',
        y: 'value',
        fill: 'series',
        r: 3.5,
        title: (r: { series: string; value: number; period: string }) =>
          `${r.series}：${formatPoints(r.value)}`,
      }),
    ],
  });
}
