import { expect, test } from 'vitest';
import {
  dateLabel,
  formatPoints,
  formatSigned,
  isComplete,
  isShared,
  medal,
  periodLabel,
  periodShort,
  publicationWindow,
  quarterMonths,
  rankChange,
  rankLabel,
} from '../../src/site/format.ts';

test('points drop trailing zeros and show none as a dash', () => {
  expect(formatPoints(85)).toBe('85');
  expect(formatPoints(85.5)).toBe('85.5');
  expect(formatPoints(85.25)).toBe('85.25');
  expect(formatPoints(100)).toBe('100');
  expect(formatPoints(0)).toBe('0');
  expect(formatPoints(-0.5)).toBe('-0.5');
  expect(formatPoints(-0)).toBe('0');
  expect(formatPoints(null)).toBe('—');
  expect(formatPoints(undefined)).toBe('—');
});

test('changes carry their sign', () => {
  expect(formatSigned(5.5)).toBe('+5.5');
  expect(formatSigned(-7)).toBe('-7');
  expect(formatSigned(0)).toBe('0');
  expect(formatSigned(null)).toBe('—');
});

test('a rank change is an arrow and the places moved (positive = up)', () => {
  expect(rankChange(3)).toEqual({ dir: 'up', text: '▲3', label: '上升3位' });
  expect(rankChange(-2)).toEqual({ dir: 'down', text: '▼2', label: '下降2位' });
  expect(rankChange(0)).toEqual({ dir: 'same', text: '持平', label: '名次不变' });
  expect(rankChange(null).dir).toBe('none');
  expect(rankChange(null).text).toBe('—');
});

test('a rank shared by several members is 并列', () => {
  expect(isShared(2)).toBe(true);
  expect(isShared(1)).toBe(false);
  expect(isShared(null)).toBe(false);
  expect(rankLabel(3, 2)).toBe('并列3');
  expect(rankLabel(3, 1)).toBe('3');
  expect(rankLabel(3)).toBe('3');
  expect(rankLabel(null, null)).toBe('—');
});

test('medals go to ranks 1 to 3, shared ranks included', () => {
  expect([1, 2, 3, 4, null].map(medal)).toEqual([1, 2, 3, null, null]);
});

test('periods read as Chinese labels', () => {
  expect(periodLabel('2026-03')).toBe('2026年3月');
  expect(periodLabel('2026-12')).toBe('2026年12月');
  expect(periodLabel('2026-Q1')).toBe('2026年第一季度');
  expect(periodLabel('2026-Q4')).toBe('2026年第四季度');
  expect(periodLabel('2026')).toBe('2026年度');
  expect(periodLabel(null)).toBe('—');
  expect(periodShort('2026-03')).toBe('3月');
  expect(periodShort('2026-Q2')).toBe('第二季度');
  expect(periodShort('2026')).toBe('2026年度');
});

test('a quarter has three months and is complete once its last month has data', () => {
  expect(quarterMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  expect(() => quarterMonths('2026-05')).toThrow('invalid quarter: 2026-05');
  expect(isComplete('2026-Q1', '2026-03')).toBe(true);
  expect(isComplete('2026-Q1', '2026-02')).toBe(false);
  expect(isComplete('2026-Q1', '2026-07')).toBe(true);
  expect(isComplete('2026', '2026-11')).toBe(false);
  expect(isComplete('2026', '2026-12')).toBe(true);
  expect(isComplete('2026', null)).toBe(false);
});

test('the 公示 runs from the day after the quarter ends, both ends included', () => {
  expect(publicationWindow('2026-Q1')).toEqual({ from: '2026-04-01', to: '2026-04-07' });
  expect(publicationWindow('2025-Q4')).toEqual({ from: '2026-01-01', to: '2026-01-07' });
  expect(publicationWindow('2026-Q2', 5)).toEqual({ from: '2026-07-01', to: '2026-07-05' });
  expect(dateLabel('2026-04-07')).toBe('2026年4月7日');
});
