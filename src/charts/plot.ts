// Node-only: Observable Plot rendered to an SVG string at build time, on a linkedom document.
// Text reaches the SVG through DOM text nodes, so names are escaped by the serializer.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

const { document } = parseHTML('<!doctype html><html><body></body></html>');

/** The site's chart palette: Party red for the subject, neutral greys and gold for comparisons. */
export const COLORS = {
  subject: '#c8161d',
  company: '#5b6370',
  exemplar: '#b7791f',
  ahead: '#2f7d4f',
  categories: ['#c8161d', '#e07b39', '#b7791f', '#5b6370', '#8a99ad', '#7a4b94'],
} as const;

/**
 * Charts are drawn 420 units wide and scale with their container (`width: 100%` in CSS): a
 * 13-unit font stays about 10 px on a 360 px phone and prints crisply at any size.
 */
export const WIDTH = 420;
const FONT_SIZE = '13px';

export function renderPlot(options: Plot.PlotOptions): string {
  const node = Plot.plot({
    width: WIDTH,
    ...options,
    style: { fontSize: FONT_SIZE, fontFamily: 'inherit', overflow: 'visible' },
    document: document as unknown as Document,
  });
  const svg = node as unknown as Element;
  // Keep the viewBox; let CSS size the chart so that it follows its container.
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  return svg.outerHTML;
}

/** A month axis: "3月", with the year under each January and under the first tick. */
export function monthTicks(periods: readonly string[]): { ticks: string[]; format: (p: string) => string } {
  const step = Math.ceil(periods.length / 7);
  const ticks = periods.filter((_, i) => i % step === 0);
  return {
    ticks,
    format: (p: string) => {
      const [year, month] = p.split('-');
      return p === ticks[0] || month === '01' ? `${Number(month)}月\n${year}` : `${Number(month)}月`;
    },
  };
}

export { Plot };
