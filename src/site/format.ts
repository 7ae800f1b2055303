// Pure display helpers shared by the pages (unit-tested in test/site/format.test.ts). Numbers
// arrive as the tables give them (at most 2 decimals); nothing here computes a rule.

const NONE = '—';

/** 85 → "85", 85.5 → "85.5", 85.25 → "85.25", null → "—". */
export function formatPoints(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return value
    .toFixed(2)
    .replace(/\.?0+$/, '')
    .replace(/^-0$/, '0');
}

/** A change with its sign: +5.5, -7, 0; null → "—". */
export function formatSigned(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  const text = formatPoints(value);
  return value > 0 ? `+${text}` : text;
}

export type Direction = 'up' | 'down' | 'same' | 'none';

/**
 * A rank change as the tables give it (previous rank − rank: positive = moved up): an arrow and
 * the places, plus a label for screen readers and tooltips.
 */
export function rankChange(change: number | null | undefined): {
  dir: Direction;
  text: string;
  label: string;
} {
  if (change === null || change === undefined) return { dir: 'none', text: NONE, label: '无可比排名' };
  if (change > 0) return { dir: 'up', text: `▲${change}`, label: `上升${change}位` };
  if (change < 0) return { dir: 'down', text: `▼${-change}`, label: `下降${-change}位` };
  return { dir: 'same', text: '持平', label: '名次不变' };
}

/** Competition ranks shared by more than one member are shown as 并列. */
export function isShared(shared: number | null | undefined): boolean {
  return (shared ?? 0) > 1;
}

/** "3", "并列3", or "—" when there is no rank. */
export function rankLabel(rank: number | null | undefined, shared?: number | null): string {
  if (rank === null || rank === undefined) return NONE;
  return isShared(shared) ? `并列${rank}` : String(rank);
}

/** The medal of a rank: 1, 2, 3 (shared ranks share the medal) or null. */
export function medal(rank: number | null | undefined): 1 | 2 | 3 | null {
  return rank === 1 || rank === 2 || rank === 3 ? rank : null;
}

const QUARTERS = ['一', '二', '三', '四'];

/** 2026-03 → 2026年3月, 2026-Q1 → 2026年第一季度, 2026 → 2026年度. */
export function periodLabel(period: string | null | undefined): string {
  if (!period) return NONE;
  let m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${m[1]}年第${QUARTERS[Number(m[2]) - 1]}季度`;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  if (/^\d{4}$/.test(period)) return `${period}年度`;
  return period;
}

/** Without the year: 2026-03 → 3月, 2026-Q1 → 第一季度, 2026 → 2026年度. */
export function periodShort(period: string | null | undefined): string {
  const label = periodLabel(period);
  return /^\d{4}年(\d|第)/.test(label) ? label.slice(5) : label;
}

/** The months of a quarter: 2026-Q1 → [2026-01, 2026-02, 2026-03]. */
export function quarterMonths(quarter: string): string[] {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`invalid quarter: ${quarter}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((month) => `${m[1]}-${String(month).padStart(2, '0')}`);
}

/** Whether the data of `period` (a quarter or a year) is complete when the latest month is `latestMonth`. */
export function isComplete(period: string, latestMonth: string | null): boolean {
  if (latestMonth === null) return false;
  const last = /^\d{4}$/.test(period) ? `${period}-12` : quarterMonths(period)[2];
  return last !== undefined && latestMonth >= last;
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * The 公示 window of a quarter: from the day after its end, for `days` days (both ends included).
 * 2026-Q1 → 2026-04-01 … 2026-04-07.
 */
export function publicationWindow(quarter: string, days = 7): { from: string; to: string } {
  const [year, month] = (quarterMonths(quarter)[2] ?? '').split('-').map(Number);
  const from = new Date(Date.UTC(year ?? 0, month ?? 0, 1));
  const to = new Date(Date.UTC(year ?? 0, month ?? 0, days));
  return { from: isoDate(from), to: isoDate(to) };
}

/** 2026-04-01 → 2026年4月1日. */
export function dateLabel(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
