// Clock arithmetic and the zh-CN labels of periods and times (pure; local time of the TV).
import type { DaySpan } from './params.ts';

export const minuteOfDay = (date: Date): number => date.getHours() * 60 + date.getMinutes();

/** Whether `minute` (after midnight) falls in `span`, which may run past midnight. */
export function inSpan(minute: number, span: DaySpan | null): boolean {
  if (span === null) return false;
  return span.from < span.to
    ? minute >= span.from && minute < span.to
    : minute >= span.from || minute < span.to;
}

/** The first moment after `now` at `minute` after midnight (today or tomorrow). */
export function nextTimeOfDay(now: Date, minute: number): Date {
  const next = new Date(now.getTime());
  next.setHours(Math.floor(minute / 60), minute % 60, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

const QUARTERS = ['一', '二', '三', '四'];
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `2026-03` → 2026年3月, `2026-Q1` → 2026年第一季度, `2026` → 2026年. */
export function formatPeriod(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${QUARTERS[Number(quarter[2]) - 1]}季度`;
  if (/^\d{4}$/.test(period)) return `${period}年`;
  return period;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export const formatClock = (date: Date): string => `${pad(date.getHours())}:${pad(date.getMinutes())}`;

export const formatDate = (date: Date): string =>
  `${date.getMonth() + 1}月${date.getDate()}日 星期${WEEKDAYS[date.getDay()]}`;

/** When the screen went offline: the time, with the date when it was not today. */
export function formatSince(since: Date, now: Date): string {
  const sameDay = since.toDateString() === now.toDateString();
  return sameDay ? formatClock(since) : `${since.getMonth() + 1}月${since.getDate()}日 ${formatClock(since)}`;
}
