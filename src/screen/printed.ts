// Build time: the first page that a screen page comes with (Screen.astro), so that the first
// slide needs no script to build it. It is the first page of the default rotation in landscape,
// built by the client's own code (client/render.ts through treeBuilder); `key` says which first
// page it is, and the script keeps it when its URL shows that same page first (client/main.ts).
import type { ScreenDoc } from './client/doc.ts';
import { DEFAULTS } from './client/params.ts';
import { hasStyle, renderBody, type SlideNode, treeBuilder } from './client/render.ts';
import {
  type Frame,
  filledSlides,
  firstPageKey,
  frameTexts,
  type Layout,
  planPages,
} from './client/slides.ts';

export interface PrintedPage {
  board: SlideNode;
  texts: Frame;
  /** The stage's data-slide and data-page. */
  slide: string;
  page: string;
  /** The slides with pages (data-filled), for the script's key. */
  filled: string;
  /** data-first. */
  key: string;
}

const LAYOUT: Layout = 'landscape';

/** The printed first page of `doc`; null when there is none to print: no document, or a page that needs a style attribute (the CSP allows none). */
export function printedPage(doc: ScreenDoc | null): PrintedPage | null {
  if (!doc) return null;
  const page = planPages(doc, DEFAULTS, LAYOUT)[0];
  if (!page) return null;
  const board = renderBody(page, treeBuilder);
  if (hasStyle(board)) return null;
  // The first slide is there at once: no fade-in (client/main.ts does the same).
  board.className += ' still';
  const filled = filledSlides(doc, DEFAULTS, LAYOUT);
  return {
    board,
    texts: frameTexts(doc, page),
    slide: page.slide,
    page: `${page.page}/${page.pages}`,
    filled: filled.join(' '),
    key: firstPageKey(DEFAULTS.slides, filled, DEFAULTS.top, LAYOUT),
  };
}
