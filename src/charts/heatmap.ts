// The committee page's department × category heat map of std_gap is an HTML table whose cells
// are coloured here (src/components/HeatTable.astro): a table stays small with 170 departments
// (an SVG with a text per cell does not), prints well and reads cell by cell with a screen reader.

export interface HeatCell {
  std_gap: number | null;
}

/** The largest |std_gap| (at least 1): the colour scale runs from −extent to +extent. */
export const heatExtent = (cells: readonly HeatCell[]): number =>
  Math.max(1, ...cells.map((c) => Math.abs(c.std_gap ?? 0)));

/** ColorBrewer RdBu (11 classes), red (below the company) to blue (above). */
const RD_BU = [
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

const rgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

/** The colour of a value on the diverging scale [−extent, extent] (pivot 0), interpolated between the RdBu classes. */
export function heatColor(value: number, extent: number): string {
  const t = Math.min(1, Math.max(0, (value + extent) / (2 * extent))) * (RD_BU.length - 1);
  const i = Math.min(RD_BU.length - 2, Math.floor(t));
  const a = rgb(RD_BU[i] ?? '#f7f7f7');
  const b = rgb(RD_BU[i + 1] ?? '#f7f7f7');
  const f = t - i;
  return `#${a
    .map((c, k) =>
      Math.round(c + ((b[k] ?? c) - c) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Strong colours (beyond 55 % of the extent) take white text; the others dark text. */
export const heatStrong = (value: number, extent: number): boolean => Math.abs(value) > extent * 0.55;

/** The CSS gradient of the scale, for the page's HTML legend. */
export const HEAT_GRADIENT = `linear-gradient(to right, ${RD_BU.join(', ')})`;
