import { describe, expect, test } from 'vitest';
import {
  DEFAULTS,
  parseNight,
  parseParams,
  parseReload,
  parseSlides,
  parseTimeOfDay,
} from '../../src/screen/client/params.ts';

describe('parseParams', () => {
  test('no parameters give the defaults', () => {
    expect(parseParams('')).toEqual(DEFAULTS);
    expect(DEFAULTS).toMatchObject({
      interval: 15,
      top: 10,
      theme: 'dark',
      portrait: null,
      poll: 180,
      reload: 240,
    });
    expect(DEFAULTS.night).toEqual({ from: 22 * 60, to: 6 * 60 });
  });

  test('reads every parameter', () => {
    expect(
      parseParams(
        '?interval=8&slides=risers,month&top=20&theme=light&portrait=1&night=23-5:30&reload=3&poll=300',
      ),
    ).toEqual({
      interval: 8,
      slides: ['risers', 'month'],
      top: 20,
      theme: 'light',
      portrait: true,
      night: { from: 23 * 60, to: 5 * 60 + 30 },
      reload: 180,
      poll: 300,
    });
  });

  test('clamps numbers into their range and rounds them', () => {
    expect(parseParams('?interval=0&top=1000&poll=1')).toMatchObject({ interval: 1, top: 100, poll: 10 });
    expect(parseParams('?interval=99999&top=-3&poll=999999')).toMatchObject({
      interval: 600,
      top: 1,
      poll: 3600,
    });
    expect(parseParams('?interval=7.6&top=12.2')).toMatchObject({ interval: 8, top: 12 });
  });

  test('falls back to the default on garbage', () => {
    expect(
      parseParams('?interval=abc&top=&poll=NaN&theme=blue&night=late&reload=noon&portrait=maybe'),
    ).toEqual(DEFAULTS);
  });

  test('portrait can be forced either way; absent follows the screen', () => {
    expect(parseParams('?portrait=1').portrait).toBe(true);
    expect(parseParams('?portrait').portrait).toBe(true);
    expect(parseParams('?portrait=0').portrait).toBe(false);
    expect(parseParams('?x=1').portrait).toBe(null);
  });
});

test('parseSlides keeps known names in the given order, once, and ignores the rest', () => {
  expect(parseSlides('exemplars, month,MONTH,bogus')).toEqual(['exemplars', 'month']);
  expect(parseSlides('depts，quarter')).toEqual(['depts', 'quarter']);
  expect(parseSlides('bogus')).toEqual(DEFAULTS.slides);
  expect(parseSlides('')).toEqual(DEFAULTS.slides);
});

test('parseTimeOfDay reads hours and hours:minutes', () => {
  expect(parseTimeOfDay('4')).toBe(240);
  expect(parseTimeOfDay('04:30')).toBe(270);
  expect(parseTimeOfDay('0')).toBe(0);
  expect(parseTimeOfDay('24')).toBe(0);
  expect(parseTimeOfDay('25')).toBe(null);
  expect(parseTimeOfDay('4:75')).toBe(null);
  expect(parseTimeOfDay('x')).toBe(null);
});

test('parseNight reads spans, including ones past midnight, and off', () => {
  expect(parseNight('22-6')).toEqual({ from: 1320, to: 360 });
  expect(parseNight('12:30-13:30')).toEqual({ from: 750, to: 810 });
  expect(parseNight('off')).toBe(null);
  expect(parseNight('0')).toBe(null);
  expect(parseNight('6-6')).toBe(null);
  expect(parseNight('22')).toEqual(DEFAULTS.night);
});

test('parseReload reads an hour, off, and defaults to 04:00', () => {
  expect(parseReload(null)).toBe(240);
  expect(parseReload('0')).toBe(0);
  expect(parseReload('5:15')).toBe(315);
  expect(parseReload('off')).toBe(null);
  expect(parseReload('soon')).toBe(240);
});
