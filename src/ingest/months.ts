// The month forms read without parsing: ingest_month (setup.sql) is an ENUM of every month
// from 1990 to 2099 written in each form, so that casting a text to it finds the month at once.

/** Forms of a month that setup.sql's ingest_month ENUM recognises at once, in this order. */
const MONTH_FORMS: readonly ((y: string, mm: string, m: string) => string)[] = [
  (y, mm) => `${y}-${mm}`,
  (y, _, m) => `${y}-${m}`,
  (y, mm) => `${y}/${mm}`,
  (y, _, m) => `${y}/${m}`,
  (y, mm) => `${y}.${mm}`,
  (y, _, m) => `${y}.${m}`,
  (y, mm) => `${y}年${mm}月`,
  (y, _, m) => `${y}年${m}月`,
  (y, mm) => `${y}${mm}`,
  (y, mm) => `${y}-${mm}-01`,
  (y, _, m) => `${y}/${m}/1`,
  (y, mm) => `${y}/${mm}/01`,
];

/**
 * Every month from 1990 to 2099 in each of the 12 forms: position = (months since 1990-01)
 * × 12 + form. A form that repeats another (2026-10 written 2026-M) holds a placeholder no
 * text can equal.
 */
export function monthForms(): string[] {
  const values: string[] = [];
  const seen = new Set<string>();
  for (let year = 1990; year <= 2099; year++) {
    for (let month = 1; month <= 12; month++) {
      for (const form of MONTH_FORMS) {
        const text = form(String(year), String(month).padStart(2, '0'), String(month));
        values.push(seen.has(text) ? `\u0001${values.length}` : text);
        seen.add(text);
      }
    }
  }
  return values;
}
