import { expect, test } from 'vitest';
import {
  formatClock,
  formatDate,
  formatPeriod,
  formatSince,
  inSpan,
  nextTimeOfDay,
} from '../../src/screen/client/time.ts';

test('inSpan handles spans within a day and past midnight', () => {
  const night = { from: 22 * 60, to: 6 * 60 };
  expect(inSpan(21 * 60 + 59, night)).toBe(false);
  expect(inSpan(22 * 60, night)).toBe(true);
  expect(inSpan(0, night)).toBe(true);
  expect(inSpan(5 * 60 + 59, night)).toBe(true);
  expect(inSpan(6 * 60, night)).toBe(false);
  const lunch = { from: 12 * 60, to: 13 * 60 };
  expect(inSpan(12 * 60 + 30, lunch)).toBe(true);
  expect(inSpan(13 * 60, lunch)).toBe(false);
  expect(inSpan(0, null)).toBe(false);
});

test('nextTimeOfDay is later today, or tomorrow when passed', () => {
  const now = new Date(2026, 3, 2, 3, 30);
  expect(nextTimeOfDay(now, 4 * 60)).toEqual(new Date(2026, 3, 2, 4, 0));
  expect(nextTimeOfDay(new Date(2026, 3, 2, 4, 0), 4 * 60)).toEqual(new Date(2026, 3, 3, 4, 0));
  expect(nextTimeOfDay(new Date(2026, 11, 31, 5), 4 * 60)).toEqual(new Date(2027, 0, 1, 4, 0));
});

test('periods and times read as zh-CN', () => {
  expect(formatPeriod('2026-03')).toBe('2026年3月');
  expect(formatPeriod('2026-Q1')).toBe('2026年第一季度');
  expect(formatPeriod('2026-Q4')).toBe('2026年第四季度');
  expect(formatPeriod('2026')).toBe('2026年');
  expect(formatClock(new Date(2026, 3, 2, 9, 5))).toBe('09:05');
  expect(formatDate(new Date(2026, 3, 2))).toBe('4月2日 星期四');
  const now = new Date(2026, 3, 2, 15, 0);
  expect(formatSince(new Date(2026, 3, 2, 14, 5), now)).toBe('14:05');
  expect(formatSince(new Date(2026, 3, 1, 23, 50), now)).toBe('4月1日 23:50');
});
