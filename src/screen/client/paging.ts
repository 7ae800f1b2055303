// Splitting long boards into slide pages (pure).

/** The rows whose rank is within the top `top` (so a tie at the line is kept whole). */
export function withinTop<T>(rows: readonly T[], top: number, rank: (row: T) => number): T[] {
  return rows.filter((row) => rank(row) <= top);
}

/** The first `n` rows, and the rows after them that share the last one's rank. */
export function firstN<T>(rows: readonly T[], n: number, rank: (row: T) => number): T[] {
  const line = rows[n - 1];
  if (line === undefined) return rows.slice();
  const last = rank(line);
  let end = n;
  while (end < rows.length && rank(rows[end] as T) === last) end++;
  return rows.slice(0, end);
}

/**
 * Splits `rows` into the fewest pages of at most `capacity` rows, as even as possible and the
 * fuller pages first (11 rows of capacity 10 → 6 + 5, never 10 + 1). No rows → no pages.
 */
export function paginate<T>(rows: readonly T[], capacity: number): T[][] {
  const size = Math.max(1, Math.floor(capacity));
  const count = Math.ceil(rows.length / size);
  const pages: T[][] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const length = Math.ceil((rows.length - start) / (count - i));
    pages.push(rows.slice(start, start + length));
    start += length;
  }
  return pages;
}
