import { Plot, renderPlot } from './plot.ts';

export interface HeatCell {
  dept: string;
  category: string;
  std_gap: number | null;
}

const label = (c: HeatCell): string => (c.std_gap ?? 0).toFixed(2);

/** The largest |std_gap| (at least 1): the colour scale runs from −extent to +extent. */
export const heatExtent = (cells: readonly HeatCell[]): number =>
  Math.max(1, ...cells.map((c) => Math.abs(c.std_gap ?? 0)));

/** Splits a long category name over two lines so that the columns stay narrow on a phone. */
function wrapName(name: string, width: number): string {
  if (name.length * 13 <= width) return name;
  const half = Math.ceil(name.length / 2);
  return `${name.slice(0, half)}\n${name.slice(half)}`;
}

/**
 * Department × category heat map of std_gap (department average − company average, in company
 * standard deviations): red below the company, blue above, blank where there is no value.
 */
export function heatmapChart(
  cells: readonly HeatCell[],
  depts: readonly string[],
  categories: readonly string[],
): string {
  const longest = Math.max(4, ...depts.map((d) => d.length));
  const marginLeft = Math.min(13 * longest + 10, 160);
  const column = (420 - marginLeft - 10) / Math.max(1, categories.length);
  const extent = heatExtent(cells);
  const valued = cells.filter((c) => c.std_gap !== null);
  return renderPlot({
    height: 56 + depts.length * 30,
    marginLeft,
    marginRight: 10,
    marginTop: 44,
    marginBottom: 8,
    x: {
      domain: [...categories],
      axis: 'top',
      label: null,
      tickFormat: (c: string) => wrapName(c, column - 6),
    },
    y: {
      domain: [...depts],
      label: null,
      tickFormat: (d: string) => (d.length > 12 ? `${d.slice(0, 11)}…` : d),
    },
    color: { type: 'diverging', scheme: 'RdBu', pivot: 0, domain: [-extent, extent] },
    marks: [
      Plot.cell(cells, { x: 'category', y: 'dept', fill: '#f6f7f9', inset: 1 }),
      Plot.cell(valued, { x: 'category', y: 'dept', fill: 'std_gap', inset: 1 }),
      // Dark text on pale cells, white on strong ones.
      Plot.text(
        valued.filter((c) => Math.abs(c.std_gap ?? 0) <= extent * 0.55),
        { x: 'category', y: 'dept', text: label, fill: '#1f2328' },
      ),
      Plot.text(
        valued.filter((c) => Math.abs(c.std_gap ?? 0) > extent * 0.55),
        { x: 'category', y: 'dept', text: label, fill: 'white' },
      ),
    ],
  });
}

/** The CSS gradient of the RdBu scheme, for the page's HTML legend (Plot's ramp legend needs a canvas). */
export const HEAT_GRADIENT =
  'linear-gradient(to right, #67001f, #b2182b, #d6604d, #f4a582, #fddbc7, #f7f7f7, #d1e5f0, #92c5de, #4393c3, #2166ac, #053061)';
