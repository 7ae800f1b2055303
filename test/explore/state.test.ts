// The panel's state in the URL: defaults, parsing that falls back on what does not fit, the
// round trip through the query string, and the level a state shows.
import { expect, test } from 'vitest';
import type { Meta } from '../../src/explore/meta.ts';
import { OPEN_KEY } from '../../src/explore/mount.ts';
import {
  changeUnit,
  defaultState,
  KEYS,
  levelOf,
  monthRange,
  parseState,
  stateToSearch,
  wantsOpen,
} from '../../src/explore/state.ts';

const META: Meta = {
  months: ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04'],
  categories: [
    { category_id: 'basic', name: '基础评价分' },
    { category_id: 'duty', name: '履职尽责分' },
  ],
  veto: { category_id: 'veto', name: '一票否决项' },
  items: [
    { item_code: 'B01', name: '按时参加组织生活', category_id: 'basic' },
    { item_code: 'R01', name: '完成岗位任务', category_id: 'duty' },
  ],
  departments: [
    { dept_id: 'D0', name: '党委', parent_id: null, kind: '党委', sort: null },
    { dept_id: 'Z1', name: '党总支', parent_id: 'D0', kind: '党总支', sort: 1 },
    { dept_id: 'B1', name: '一支部', parent_id: 'Z1', kind: '党支部', sort: 1 },
    { dept_id: 'B3', name: '机关支部', parent_id: 'D0', kind: '党支部', sort: 2 },
  ],
  company: [],
};

const context = { scope: 'Z1', period: '2026-Q1' };

test('the default view is the page quarter, the page department, the chart', () => {
  expect(defaultState(META, context)).toEqual({
    unit: 'quarter',
    from: '2026-Q1',
    to: '2026-Q1',
    dept: 'Z1',
    own: false,
    member: null,
    category: null,
    item: null,
    view: 'chart',
    sort: null,
  });
  expect(defaultState(META, { scope: 'Z1', period: null }).from).toBe('2026-Q2');
  expect(defaultState(META, { scope: 'Z1', period: '2019-Q1' }).from).toBe('2026-Q2');
});

test('a state survives the round trip through the query string, keeping other parameters', () => {
  const state = {
    ...defaultState(META, context),
    unit: 'month' as const,
    from: '2026-01',
    to: '2026-03',
    dept: 'B1',
    member: "M'01 & <b>",
    category: 'basic',
    item: 'B01',
    view: 'table' as const,
    sort: '-value',
  };
  const search = stateToSearch(state, '?tv=1&dept=old');
  expect(new URLSearchParams(search).get('tv')).toBe('1');
  expect(wantsOpen(search)).toBe(true);
  expect(parseState(search, META, context)).toEqual(state);
});

test('values that do not fit fall back to the defaults', () => {
  const parsed = parseState(
    '?explore=1&unit=month&from=2019-01&to=2026-02&dept=B3&cat=nope&item=R01&view=pie&sort=x;drop',
    META,
    context,
  );
  // 2019-01 has no data: the default quarter's first month; B3 lies outside the scope Z1.
  expect(parsed).toMatchObject({ unit: 'month', from: '2026-01', to: '2026-02', dept: 'Z1', category: null });
  expect(parsed).toMatchObject({ item: 'R01', view: 'chart', sort: null });
  // An item outside the chosen category is dropped.
  expect(parseState('?unit=quarter&cat=basic&item=R01', META, context).item).toBeNull();
  // A reversed range is put in order.
  expect(parseState('?unit=month&from=2026-04&to=2026-01', META, context)).toMatchObject({
    from: '2026-01',
    to: '2026-04',
  });
});

test('changing the unit keeps the months the range covers', () => {
  const quarter = defaultState(META, context);
  const months = changeUnit(quarter, 'month', META);
  expect([months.from, months.to]).toEqual(['2026-01', '2026-03']);
  expect(monthRange(months)).toEqual(['2026-01', '2026-03']);
  const back = changeUnit({ ...months, from: '2025-12' }, 'quarter', META);
  expect([back.from, back.to]).toEqual(['2025-Q4', '2026-Q1']);
  expect(monthRange(back)).toEqual(['2025-10', '2026-03']);
});

test('the level: sub-departments, then members, then one member\u2019s items', () => {
  const state = defaultState(META, context);
  expect(levelOf(state, META)).toBe('departments');
  expect(levelOf({ ...state, own: true }, META)).toBe('members');
  expect(levelOf({ ...state, dept: 'B1' }, META)).toBe('members');
  expect(levelOf({ ...state, dept: 'B1', member: 'M01' }, META)).toBe('items');
});

test('the page script opens the panel on the same key the state writes', () => {
  expect(OPEN_KEY).toBe(KEYS.open);
  expect(wantsOpen('?explore=1')).toBe(true);
  expect(wantsOpen('?explore=0')).toBe(false);
});
