/** Calendar months for the demo: `{ year, month }` with month 1–12. */
export interface Month {
  readonly year: number;
  readonly month: number;
}

/** Parses `YYYY-MM`; null when it is not a valid month. */
export function parseMonth(text: string): Month | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

export function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** `2026-03` */
export function isoMonth(m: Month): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

/** `2026年3月`, as Chinese systems and Excel sheets write it. */
export function zhMonth(m: Month): string {
  return `${m.year}年${m.month}月`;
}

/** `202603` */
export function compactMonth(m: Month): string {
  return `${m.year}${String(m.month).padStart(2, '0')}`;
}
