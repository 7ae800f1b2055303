// How the committee page keeps to a reasonable size in a large organisation (5,000 members:
// 500 names on each of the 红榜 and 黄榜, 170 departments); pure, shared by the pages.
import type { CommitteeDoc } from './data.ts';

/** A member list (红榜, 黄榜, bottom two quarters) longer than this is shortened on the quarter's page… */
export const LIST_LIMIT = 100;
/** …to its first rows, and shown whole on its own page (/committee/<quarter>/<list>/). */
export const LIST_HEAD = 30;

export const COMMITTEE_LISTS = {
  red: '红榜 · 全公司前 10%',
  yellow: '黄榜 · 全公司后 10%',
  'bottom-two': '连续两个季度处于后 10%',
} as const;

export type CommitteeList = keyof typeof COMMITTEE_LISTS;

/** The rows of one of the lists in a quarter's document. */
export function listRows(doc: CommitteeDoc, list: CommitteeList): CommitteeDoc['red'] {
  return list === 'red' ? doc.red : list === 'yellow' ? doc.yellow : doc.bottom_two;
}

/** The rows a quarter's page shows of a list, and whether the list has a page of its own. */
export function listHead<T>(rows: readonly T[]): { rows: T[]; whole: boolean } {
  return rows.length > LIST_LIMIT
    ? { rows: rows.slice(0, LIST_HEAD), whole: false }
    : { rows: [...rows], whole: true };
}

/** With more departments than this, the weakest-categories table lists only the WEAKEST_HEAD weakest. */
export const WEAKEST_LIMIT = 40;
export const WEAKEST_HEAD = 20;
