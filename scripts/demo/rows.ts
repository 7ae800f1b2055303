/**
 * The rows of one monthly export. Pure: `generateMonth(plan, m, emit)` calls `emit` once per
 * row, in file order (members in id order, items in catalogue order), the same rows every time.
 */
import { ITEMS, type ItemDef, NOTES, SPECIAL_NOTES } from './catalogue.ts';
import type { Department, Member } from './org.ts';
import type { DemoPlan } from './plan.ts';
import { STREAM } from './plan.ts';
import { clamp, gauss, half, mixSeed, mulberry32, pick, type Random, randRange, squash } from './random.ts';

export interface DemoRow {
  readonly member: Member;
  /** The member's department in this month. */
  readonly dept: Department;
  readonly item: ItemDef;
  /** A multiple of 0.5; negative for deductions, 0 for veto rows. */
  readonly points: number;
  /** Not yet approved (审核状态 待审核). */
  readonly pending: boolean;
  /** 1-based position in the month: the record id is built from it. */
  readonly seq: number;
  /** Committee-only remark, '' when none. */
  readonly note: string;
}

export type Emit = (row: DemoRow) => void;

type NoteKind = keyof typeof NOTES;

/** Share of rows that are pending: higher in the latest month, whose approvals are still under way. */
const PENDING_RATE = { latest: 0.003, earlier: 0.0003 } as const;
const NOTE_RATE = 0.02;

export function generateMonth(plan: DemoPlan, m: number, emit: Emit): void {
  const rng = mulberry32(mixSeed(plan.options.seed, STREAM.month, m));
  const calendar = plan.months[m]?.month ?? 1;
  const last = plan.months.length - 1;
  const pendingRate = m === last ? PENDING_RATE.latest : PENDING_RATE.earlier;
  const centre = last / 2;
  // 大检修 in May: more repairs and urgent jobs; 学雷锋 in March: more volunteering; 七一 awards in July.
  const turnaround = calendar === 5 ? 2 : 1;
  const volunteering = calendar === 3 ? 2 : 1;
  const awards = calendar === 7 ? 5 : 1;
  const review = calendar === 1 || calendar === 7;
  // Notes that exercise CSV quoting, once each in the whole demo (when there are enough months).
  const quoting: { month: number; kind: NoteKind; text: string; done: boolean }[] = [
    { month: 0, kind: 'repair', text: SPECIAL_NOTES.comma, done: false },
    { month: Math.min(1, last), kind: 'award', text: SPECIAL_NOTES.quote, done: false },
    { month: Math.min(2, last), kind: 'deduction', text: SPECIAL_NOTES.lineBreak, done: false },
  ];
  const specials = quoting.filter((s) => s.month === m);

  let seq = 0;
  let member: Member;
  let dept: Department;
  let moveNote = '';

  const noteFor = (kind: NoteKind): string => {
    for (const special of specials) {
      if (!special.done && special.kind === kind) {
        special.done = true;
        return special.text;
      }
    }
    if (moveNote) {
      const note = moveNote;
      moveNote = '';
      return note;
    }
    if (rng() >= NOTE_RATE) return '';
    return pick(rng, rng() < 0.5 ? NOTES.any : NOTES[kind]);
  };
  const push = (item: ItemDef, points: number, kind: NoteKind = 'any') => {
    const note = noteFor(kind);
    emit({ member, dept, item, points, pending: rng() < pendingRate, seq: ++seq, note });
  };
  /** `count` events of an item, each worth lo..hi (multiples of 0.5), while the item's max is not far exceeded. */
  const events = (item: ItemDef, rate: number, lo: number, hi: number, kind: NoteKind = 'any') => {
    for (let k = 0; k < 3 && rng() < rate / (1 + rate); k++) push(item, half(lo + (hi - lo) * rng()), kind);
  };

  for (const current of plan.members) {
    member = current;
    dept = m >= member.moveMonth ? member.dept : member.firstDept;
    moveNote = member.moveMonth > 0 && m === member.moveMonth ? `自${member.firstDept.name}调入` : '';
    if (member.exempt) {
      exemptRows(rng, push);
      continue;
    }
    const common = member.level * 0.9 + member.slope * (m - centre) + gauss(rng) * 0.3;
    const qb = squash(common + member.aptitude.basic + dept.profile.basic + gauss(rng) * 0.25);
    const qd = squash(common + member.aptitude.duty + dept.profile.duty + gauss(rng) * 0.25);
    const qi = squash(common + member.aptitude.incentive + dept.profile.incentive + gauss(rng) * 0.25);
    const field = dept.field;

    // 基础评价分
    if (rng() < 0.93 + 0.06 * qb) push(ITEMS.B01, clamp(half(8 + 2 * qb + gauss(rng)), 4, 10));
    else if (rng() < 0.6) push(ITEMS.K03, -randRange(rng, 2, 3), 'deduction');
    if (rng() < 0.985) push(ITEMS.B02, 5);
    else if (rng() < 0.5) push(ITEMS.K04, -2, 'deduction');
    if (rng() < 0.88 + 0.1 * qb) push(ITEMS.B03, clamp(half(7.5 + 2.5 * qb + gauss(rng)), 2, 10));
    if (rng() < 0.8 + 0.15 * qb) push(ITEMS.B04, clamp(half(7 + 3 * qb + gauss(rng)), 3, 10));
    if (rng() < 0.6 + 0.25 * qb) push(ITEMS.B05, clamp(half(2.5 + 2.5 * qb + gauss(rng) * 0.5), 0.5, 5));
    if (rng() < 0.97) push(ITEMS.B06, rng() < 0.7 + 0.3 * qb ? 10 : 8);
    if (rng() < 0.25 + 0.3 * qb) push(ITEMS.B07, rng() < 0.6 + 0.4 * qb ? 5 : 3);
    if (review && rng() < 0.97) push(ITEMS.B08, clamp(half(2.5 + 2.5 * qb), 1, 5));
    const custom = dept.custom;
    if (custom && rng() < 0.25) push(custom, randRange(rng, custom.lo, custom.hi));

    // 履职尽责分
    if (rng() < 0.97) push(ITEMS.R01, clamp(half(10 + 5 * qd + gauss(rng) * 1.5), 5, 15));
    events(ITEMS.R02, (field ? 0.8 : 0.15) * (0.5 + qd) * turnaround, 1, 4, 'repair');
    events(ITEMS.R03, (field ? 0.25 : 0.08) * (0.5 + qd) * turnaround, 2, 6, 'repair');
    if (rng() < (field ? 0.6 + 0.3 * qd : 0.35)) push(ITEMS.R04, clamp(half(5 + 3 * qd + gauss(rng)), 1, 8));
    if (member.post && rng() < 0.92) push(ITEMS.R05, clamp(half(4 + 4 * qd), 2, 8));
    if (rng() < (field ? 0.55 : 0.3)) push(ITEMS.R06, rng() < 0.9 ? 5 : 3);
    if (member.tech && rng() < 0.55) push(ITEMS.R07, clamp(half(2 + 6 * qd + gauss(rng)), 2, 8));
    if (member.mentor && rng() < 0.85) push(ITEMS.R08, rng() < 0.3 + 0.6 * qd ? 5 : 3);
    if (rng() < 0.12 + 0.12 * qd) push(ITEMS.R09, randRange(rng, 1, 4));

    // 激励约束分: awards and deductions
    if (rng() < 0.01 + 0.03 * qi) push(ITEMS.J01, pick(rng, [3, 5, 8, 10]), 'award');
    if (rng() < 0.15 + 0.15 * qi) push(ITEMS.J02, half(1 + 2 * rng()));
    events(ITEMS.J03, (0.35 + 0.35 * qi) * volunteering, 1, 2);
    if (rng() < (0.004 + 0.012 * qi) * awards) push(ITEMS.J04, pick(rng, [5, 8, 10]), 'award');
    if (rng() < 0.01 + 0.02 * qi) push(ITEMS.J05, randRange(rng, 2, 6), 'award');
    if (rng() < 0.03) push(ITEMS.J06, randRange(rng, 1, 3));
    if (rng() < 0.05 + 0.08 * qi) push(ITEMS.J07, randRange(rng, 1, 2), 'award');
    const slack = 1 - qi;
    if (rng() < 0.12 + 0.24 * slack) push(ITEMS.K01, -half(0.5 + 2.5 * rng()), 'deduction');
    if (rng() < (field ? 0.06 + 0.16 * slack : 0.02 + 0.06 * slack))
      push(ITEMS.K02, -randRange(rng, 1, 4), 'deduction');
    if (rng() < 0.05 + 0.13 * slack) push(ITEMS.K05, -randRange(rng, 1, 4), 'deduction');
    if (rng() < 0.015 + 0.05 * slack) push(ITEMS.K06, -randRange(rng, 1, 3), 'deduction');

    // 一票否决项: the finding is one row without points.
    const veto = plan.vetoes.get(m * plan.members.length + member.index);
    if (veto) push(veto, 0, 'deduction');
  }
}

/** An exempt member (long illness, retirement) still pays dues and sometimes studies. */
function exemptRows(rng: Random, push: (item: ItemDef, points: number) => void): void {
  if (rng() < 0.95) push(ITEMS.B02, 5);
  if (rng() < 0.5) push(ITEMS.B03, randRange(rng, 2, 6));
}
