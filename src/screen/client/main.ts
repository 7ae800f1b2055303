// The screen: scales the 1920×1080 (or 1080×1920) stage to the TV, rotates the slide pages,
// polls version.json, keeps the last good data when the server is away, dims at night and
// reloads itself once a day. Built for ES2019 (old Android TV Chromium) and inlined into the
// page by ../inline-assets.ts.
//
// The first slide is painted as soon as possible (bench/screens.ts): the page comes with it
// printed (Screen.astro), and when the URL asks for that same first page the script only places
// the stage, writes the clock and fits the texts before the first frame; the embedded document
// is parsed when the rotation first needs it. Otherwise the script renders the first page itself.
import { parseDoc, parseVersion, SCHEMA, type ScreenDoc } from './doc.ts';
import { parseParams, type SlideName } from './params.ts';
import { domBuilder, fitAll, renderBody } from './render.ts';
import { firstPageKey, frameTexts, type Layout, type Page, planPages } from './slides.ts';
import { formatClock, formatDate, formatSince, inSpan, minuteOfDay, nextTimeOfDay } from './time.ts';

/** A User Timing mark for bench/screens.ts (the time to the first slide); a no-op where unsupported. */
function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

mark('screen:start');
const stage = document.getElementById('stage') as HTMLElement;
const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
const params = parseParams(location.search);
const docUrl = stage.dataset.doc || '';
const versionUrl = stage.dataset.version || '';

/** Burn-in care: where the frame sits in each rotation cycle (px of the 1920×1080 design). */
const SHIFTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [5, 3],
  [-4, 5],
  [4, -4],
  [-5, -3],
  [2, -6],
  [-6, 2],
];
const FETCH_TIMEOUT = 20 * 1000;
const FIRST_LOAD_RETRY = 15 * 1000;
const RELOAD_RETRY = 5 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

const state = {
  doc: null as ScreenDoc | null,
  layout: null as Layout | null,
  pages: [] as Page[],
  index: 0,
  cycle: 0,
  offlineSince: null as Date | null,
  reloadAt: params.reload === null ? null : nextTimeOfDay(new Date(), params.reload),
  reloading: false,
  rotation: 0,
  /** Slide pages rendered so far (the printed first page counts). */
  rendered: 0,
  /** Whether the first slide is shown (and the rotation started). */
  started: false,
};

function getJson(url: string): Promise<unknown> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = setTimeout(() => {
    if (controller) controller.abort();
  }, FETCH_TIMEOUT);
  const busted = `${url}${url.indexOf('?') < 0 ? '?' : '&'}_=${Date.now()}`;
  return fetch(busted, {
    cache: 'no-store',
    credentials: 'same-origin',
    signal: controller ? controller.signal : null,
  })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json() as Promise<unknown>;
    })
    .then(
      (value) => {
        clearTimeout(timer);
        return value;
      },
      (error: unknown) => {
        clearTimeout(timer);
        throw error;
      },
    );
}

function fetchDoc(): Promise<ScreenDoc> {
  return getJson(docUrl).then((value) => {
    const doc = parseDoc(value);
    if (!doc) throw new Error('invalid screen data');
    return doc;
  });
}

function layoutOf(): Layout {
  if (params.portrait !== null) return params.portrait ? 'portrait' : 'landscape';
  return window.innerHeight > window.innerWidth ? 'portrait' : 'landscape';
}

/** Scales and centres the stage in the window; re-plans the pages when the layout changes. */
function placeStage(): void {
  const layout = layoutOf();
  const [width, height] = layout === 'portrait' ? [1080, 1920] : [1920, 1080];
  const scale = Math.min(window.innerWidth / width, window.innerHeight / height);
  const x = (window.innerWidth - width * scale) / 2;
  const y = (window.innerHeight - height * scale) / 2;
  stage.style.transform = `translate(${x}px,${y}px) scale(${scale})`;
  if (layout !== state.layout) {
    state.layout = layout;
    stage.className = `stage ${layout}`;
    if (state.started && loadEmbedded()) {
      state.pages = planPages(state.doc as ScreenDoc, params, layout);
      state.index = 0;
      render();
    }
  }
}

function render(): void {
  const page = state.pages[state.index];
  const doc = state.doc;
  if (!page || !doc) return;
  stage.dataset.slide = page.slide;
  stage.dataset.page = `${page.page}/${page.pages}`;
  const texts = frameTexts(doc, page);
  $('org').textContent = texts.organization;
  $('scope').textContent = texts.scope;
  $('title').textContent = texts.title;
  $('subtitle').textContent = texts.subtitle;
  $('asof').textContent = texts.asOf;
  $('pager').textContent = texts.pager;
  const body = $('body');
  const board = renderBody(page, domBuilder);
  // The first slide is there at once: no fade-in (nor its compositing layer) before the first paint.
  if (state.rendered === 0) board.className += ' still';
  state.rendered += 1;
  body.textContent = '';
  body.appendChild(board);
  fitAll(stage);
}

function schedule(): void {
  clearTimeout(state.rotation);
  state.rotation = window.setTimeout(advance, params.interval * 1000);
}

function advance(): void {
  loadEmbedded();
  if (state.pages.length > 0) {
    state.index += 1;
    if (state.index >= state.pages.length) {
      state.index = 0;
      state.cycle += 1;
      const [x, y] = SHIFTS[state.cycle % SHIFTS.length] || [0, 0];
      $('frame').style.transform = `translate(${x}px,${y}px)`;
    }
    render();
  }
  schedule();
}

/** Takes `doc` as the data and plans its pages; the page shown stays unless it is gone. */
function adopt(doc: ScreenDoc): void {
  state.doc = doc;
  state.pages = planPages(doc, params, state.layout || layoutOf());
  if (state.index >= state.pages.length) state.index = 0;
}

function show(doc: ScreenDoc): void {
  adopt(doc);
  render();
  if (!state.started) started();
}

/** The first slide is shown: the rotation starts. */
function started(): void {
  state.started = true;
  schedule();
  mark('screen:first-slide');
  // The frame that shows the first slide is painted right after the next animation frame.
  requestAnimationFrame(() => setTimeout(() => mark('screen:painted'), 0));
}

function setOffline(offline: boolean): void {
  if (offline && state.offlineSince === null) state.offlineSince = new Date();
  if (!offline) state.offlineSince = null;
  updateOffline(new Date());
}

function updateOffline(now: Date): void {
  const notice = $('offline');
  const since = state.offlineSince;
  notice.hidden = since === null;
  const text = since === null ? '' : `离线 · 自${formatSince(since, now)}起`;
  if (notice.textContent !== text) notice.textContent = text;
}

/** A full reload, only when the page itself can be fetched (else the TV would show an error). */
function reloadPage(): void {
  if (state.reloading) return;
  state.reloading = true;
  fetch(location.href, { cache: 'no-store', credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      location.reload();
    })
    .catch(() => {
      state.reloading = false;
      state.reloadAt = new Date(Date.now() + RELOAD_RETRY);
      setOffline(true);
    });
}

function poll(): void {
  loadEmbedded();
  getJson(versionUrl)
    .then((value) => {
      const version = parseVersion(value);
      if (!version) throw new Error('invalid version.json');
      if (version.schema !== SCHEMA) {
        reloadPage();
        return;
      }
      if (state.doc && version.version === state.doc.version) return;
      return fetchDoc().then(show);
    })
    .then(
      () => setOffline(false),
      () => setOffline(true),
    );
}

/**
 * After the printed first page: takes the document the page was built with as the data, once,
 * when it is first needed. Whether there is data now.
 */
function loadEmbedded(): boolean {
  if (!state.doc) {
    const doc = embedded();
    if (doc) adopt(doc);
  }
  return state.doc !== null;
}

/** The document the page was built with, when it is there and sound. */
function embedded(): ScreenDoc | null {
  const node = document.getElementById('screen-data');
  if (!node) return null;
  try {
    return parseDoc(JSON.parse(node.textContent || ''));
  } catch {
    return null;
  }
}

function firstLoad(): void {
  fetchDoc().then(
    (doc) => {
      show(doc);
      setOffline(false);
    },
    () => {
      setOffline(true);
      if (!state.doc) window.setTimeout(firstLoad, FIRST_LOAD_RETRY);
    },
  );
}

function tick(): void {
  const now = new Date();
  const clock = formatClock(now);
  if ($('clock').textContent !== clock) {
    $('clock').textContent = clock;
    $('date').textContent = formatDate(now);
  }
  document.documentElement.classList.toggle('night', inSpan(minuteOfDay(now), params.night));
  updateOffline(now);
  if (params.reload !== null && (!state.reloadAt || state.reloadAt.getTime() - now.getTime() > DAY)) {
    // The TV's clock was set back (or synchronised late after boot): aim at the next reload hour again.
    state.reloadAt = nextTimeOfDay(now, params.reload);
  }
  if (state.reloadAt && now.getTime() >= state.reloadAt.getTime()) reloadPage();
}

/** Whether the first page printed in the page is the one this screen shows first. */
function printedFits(): boolean {
  const key = stage.getAttribute('data-first');
  if (!key || !document.querySelector('#body > .board')) return false;
  const filled = (stage.getAttribute('data-filled') || '').split(' ') as SlideName[];
  return key === firstPageKey(params.slides, filled, params.top, state.layout || layoutOf());
}

// Start-up, in an order that lays the page out once: the window's size is read while the stage
// is still hidden (reading it makes the browser lay out the page), the texts are all written,
// and only then is the stage shown and the first slide measured (fitAll). The document is
// parsed now only when the printed first page is not the one to show.
placeStage();
window.addEventListener('resize', placeStage);
tick();
window.setInterval(tick, 1000);
document.documentElement.className += ` theme-${params.theme} ready`;
if (printedFits()) {
  state.rendered = 1;
  fitAll(stage);
  started();
} else {
  const built = embedded();
  if (built) show(built);
  else firstLoad();
}
window.setInterval(poll, params.poll * 1000);
