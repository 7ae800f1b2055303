// The rows and cells the pages insert as strings (src/site/markup.ts): the same markup the Astro
// components printed, and every text escaped.
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { boardRowsHtml, moveHtml, periodRowsHtml, rankHtml } from '../../src/site/markup.ts';

const rows = (html: string) =>
  parseHTML(`<table><tbody>${html}</tbody></table>`).document.querySelectorAll('tr');

test('a rank: medals for the top three, 并列 for a shared rank, 否决 and 免评 without a rank', () => {
  expect(rankHtml(1, 1)).toBe('<span class="medal m1" aria-label="第1名">1</span>');
  expect(rankHtml(3, 2)).toBe(
    '<span class="tie">并列</span><span class="medal m3" aria-label="第3名">3</span>',
  );
  expect(rankHtml(12, 3)).toBe('<span class="tie">并列</span>12');
  expect(rankHtml(12, 1)).toBe('12');
  expect(rankHtml(null, null, true)).toContain('否决');
  expect(rankHtml(null, null, false, true)).toContain('免评');
  expect(rankHtml(null, null)).toBe('—');
});

test('a rank change: ▲ up, ▼ down, 持平, — with a label', () => {
  expect(moveHtml(5)).toBe('<span class="move up" role="img" aria-label="上升5位">▲5</span>');
  expect(moveHtml(-2)).toBe('<span class="move down" role="img" aria-label="下降2位">▼2</span>');
  expect(moveHtml(0)).toContain('持平');
  expect(moveHtml(null)).toContain('—');
});

test('period rows: one per period, vetoed and exempt marked, no rank arrow without a rank', () => {
  const html = periodRowsHtml([
    {
      period: '2026-03',
      points: 85.5,
      points_change: -2,
      vetoed: false,
      exempt: false,
      rank_dept: 2,
      rank_dept_shared: 2,
      rank_dept_change: 1,
      rank_company: 40,
      rank_company_shared: 1,
      rank_company_change: -3,
    },
    {
      period: '2026-02',
      points: 70,
      points_change: null,
      vetoed: true,
      exempt: false,
      rank_dept: null,
      rank_dept_shared: null,
      rank_dept_change: null,
      rank_company: null,
      rank_company_shared: null,
      rank_company_change: null,
    },
  ]);
  const [march, february] = rows(html);
  expect(march?.getAttribute('data-period')).toBe('2026-03');
  expect(march?.querySelector('.c-period')?.textContent).toBe('2026年3月');
  expect(march?.querySelector('.c-points')?.textContent).toBe('85.5');
  expect(march?.querySelector('.c-change')?.textContent).toBe('-2');
  expect(march?.querySelector('.c-rank')?.textContent).toBe('并列2▲1');
  expect(march?.querySelector('.c-company .r')?.textContent).toBe('40');
  expect(february?.getAttribute('class')).toBe('vetoed');
  expect(february?.querySelectorAll('.move')).toHaveLength(0);
  expect(february?.querySelector('.c-rank .tag.veto')?.textContent).toBe('否决');
});

test('board rows escape names and branches, and link the member page', () => {
  const html = boardRowsHtml(
    [
      {
        member_id: 'M"1',
        name: '<b>王</b>',
        dept_name: '<i>一支部</i>',
        points: 90,
        points_change: 1.5,
        vetoed: false,
        exempt: false,
        rank_dept: 1,
        rank_dept_shared: 1,
        rank_dept_change: 0,
        rank_company: 7,
        rank_company_shared: 1,
        rank_company_change: 2,
      },
    ],
    'company',
    true,
  );
  expect(html).not.toMatch(/<b>|<i>/);
  const [tr] = rows(html);
  expect(tr?.getAttribute('data-member')).toBe('M"1');
  expect(tr?.querySelector('.c-name a')?.textContent).toBe('<b>王</b>');
  expect(tr?.querySelector('.c-name a')?.getAttribute('href')).toBe('/member/M~221/');
  expect(tr?.querySelector('.c-name small')?.textContent).toBe('<i>一支部</i>');
  expect(tr?.querySelector('.c-rank')?.textContent).toBe('7');
  expect(tr?.querySelector('.move')?.textContent).toBe('▲2');
  expect(tr?.querySelectorAll('.c-company')).toHaveLength(0);
  const exempt = {
    member_id: 'M2',
    name: 'x',
    dept_name: 'y',
    points: 1,
    points_change: null,
    vetoed: false,
    exempt: true,
    rank_dept: null,
    rank_dept_shared: null,
    rank_dept_change: null,
    rank_company: null,
    rank_company_shared: null,
    rank_company_change: null,
  };
  const branch = rows(boardRowsHtml([exempt], 'dept', false));
  expect(branch[0]?.getAttribute('class')).toBe('exempt');
  expect(branch[0]?.querySelector('.tag.exempt')?.textContent).toBe('免评');
  expect(branch[0]?.querySelectorAll('small')).toHaveLength(0);
  expect(branch[0]?.querySelector('.c-company')?.textContent).toBe('—');
});
