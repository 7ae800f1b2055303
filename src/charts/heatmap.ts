// The committee page's department × category heat map of std_gap is an HTML table whose cells
// are classed here (src/components/HeatTable.astro): a table stays small with 170 departments
// (an SVG with a text per cell does not), prints well and reads cell by cell with a screen reader.

export interface HeatCell {
  std_gap: number | null;
}

/** The largest |std_gap| (at least 1): the colour scale runs from −extent to +extent. */
export const heatExtent = (cells: readonly HeatCell[]): number =>
  Math.max(1, ...cells.map((c) => Math.abs(c.std_gap ?? 0)));

/**
 * ColorBrewer RdBu (11 classes), red (below the company) to blue (above). The cells take these
 * as classes `h0`…`h10` of src/styles/base.css (with the legend's gradient), not as style
 * attributes, which the Content-Security-Policy refuses; a test keeps the two in step.
 */
export const RD_BU = [
  '#67001f',
  '#b2182b',
  '#d6604d',
  '#f4a582',
  '#fddbc7',
  '#f7f7f7',
  '#d1e5f0',
  '#92c5de',
  '#4393c3',
  '#2166ac',
  '#053061',
] as const;

/** The RdBu class (0 = darkest red, 5 = white, 10 = darkest blue) of a value on [−extent, extent]. */
export function heatClass(value: number, extent: number): number {
  const t = Math.min(1, Math.max(0, (value + extent) / (2 * extent)));
  return Math.round(t * (RD_BU.length - 1));
}

/** Strong colours (beyond 55 % of the extent) take white text; the others dark text. */
export const heatStrong = (value: number, extent: number): boolean => Math.abs(value) > extent * 0.55;
