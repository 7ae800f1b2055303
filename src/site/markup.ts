// Markup of the small pieces that repeat in every table row (a rank, a rank change), as strings
// for `set:html`: an Astro component per cell costs more than the rest of the row, and there are
// ~100 such cells on each of thousands of member pages. Everything printed is escaped.

import type { Standing } from './data.ts';
import { formatPoints, formatSigned, isShared, medal, periodLabel, rankChange, rankLabel } from './format.ts';
import { memberHref } from './links.ts';

const esc = (text: string): string =>
  text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );

/**
 * A rank cell: a medal for the top three, 并列 for a shared rank, and 否决 / 免评 for members
 * without a rank (— when neither).
 */
export function rankHtml(rank: number | null, shared: number | null, vetoed = false, exempt = false): string {
  if (rank === null) {
    if (vetoed) return '<span class="tag veto" title="本期有一票否决项，不参与排名">否决</span>';
    if (exempt) return '<span class="tag exempt" title="免于排名（长期病休、退休等）">免评</span>';
    return '—';
  }
  const m = medal(rank);
  const text = esc(String(rank));
  return (
    (isShared(shared) ? '<span class="tie">并列</span>' : '') +
    (m ? `<span class="medal m${m}" aria-label="第${text}名">${text}</span>` : text)
  );
}

/** A rank change: ▲ up, ▼ down, 持平, — (no comparable rank), with a label for screen readers. */
export function moveHtml(change: number | null | undefined): string {
  const c = rankChange(change);
  return `<span class="move ${c.dir}" role="img" aria-label="${esc(c.label)}">${esc(c.text)}</span>`;
}

/** Points and ranks of a member in a period, as the tables show them. */
type RankCells = Pick<
  Standing,
  | 'points'
  | 'points_change'
  | 'vetoed'
  | 'exempt'
  | 'rank_dept'
  | 'rank_dept_shared'
  | 'rank_dept_change'
  | 'rank_company'
  | 'rank_company_shared'
  | 'rank_company_change'
>;

/** The fields of a period row that the member page's tables show. */
export interface PeriodRow extends RankCells {
  period: string;
}

/**
 * The rows of a member's period table (months, or quarters and years): period, points, change,
 * branch rank and company rank with their arrows. Built as one string: templating ~35 rows of
 * six cells through Astro costs more than everything else on a member page.
 */
export function periodRowsHtml(rows: readonly PeriodRow[]): string {
  let html = '';
  for (const p of rows) {
    const state = p.vetoed ? ' class="vetoed"' : p.exempt ? ' class="exempt"' : '';
    html +=
      `<tr data-period="${esc(p.period)}"${state}>` +
      `<th scope="row" class="c-period">${esc(periodLabel(p.period))}</th>` +
      `<td class="c-num c-points">${esc(formatPoints(p.points))}</td>` +
      `<td class="c-num c-change">${esc(formatSigned(p.points_change))}</td>` +
      `<td class="c-rank">${rankHtml(p.rank_dept, p.rank_dept_shared, p.vetoed, p.exempt)}${p.rank_dept === null ? '' : moveHtml(p.rank_dept_change)}</td>` +
      `<td class="c-rank c-company"><span class="r">${esc(rankLabel(p.rank_company, p.rank_company_shared))}</span>${p.rank_company === null ? '' : moveHtml(p.rank_company_change)}</td>` +
      '</tr>';
  }
  return html;
}

/** A leaderboard row (src/components/Leaderboard.astro). */
export interface BoardRowData extends RankCells {
  member_id: string;
  name: string;
  dept_name: string | null;
}

/**
 * The rows of a leaderboard, as one string (a 党委's page has three boards of 50): ranked by the
 * branch (`dept`) or the company; the member's branch under the name when the board covers several.
 */
export function boardRowsHtml(
  rows: readonly BoardRowData[],
  scope: 'dept' | 'company',
  showDept: boolean,
): string {
  let html = '';
  for (const row of rows) {
    const rank = scope === 'dept' ? row.rank_dept : row.rank_company;
    const shared = scope === 'dept' ? row.rank_dept_shared : row.rank_company_shared;
    const change = scope === 'dept' ? row.rank_dept_change : row.rank_company_change;
    const classes = [
      row.vetoed ? 'vetoed' : '',
      row.exempt && !row.vetoed ? 'exempt' : '',
      rank !== null && rank <= 3 ? 'top' : '',
    ].filter(Boolean);
    html +=
      `<tr data-member="${esc(row.member_id)}"${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>` +
      `<td class="c-rank">${rankHtml(rank, shared, row.vetoed, row.exempt)}</td>` +
      `<td class="c-name"><a href="${esc(memberHref(row.member_id))}">${esc(row.name)}</a>${showDept ? `<small>${esc(row.dept_name ?? '')}</small>` : ''}</td>` +
      `<td class="c-num c-points">${esc(formatPoints(row.points))}</td>` +
      `<td class="c-num c-change">${esc(formatSigned(row.points_change))}</td>` +
      `<td class="c-move">${moveHtml(rank === null ? null : change)}</td>` +
      (scope === 'dept'
        ? `<td class="c-num c-company">${esc(rankLabel(row.rank_company, row.rank_company_shared))}</td>`
        : '') +
      '</tr>';
  }
  return html;
}
