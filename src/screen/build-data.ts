// Node-only: what the screen pages need at build time, written by src/tables/screen-data.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDoc, type ScreenDoc } from './client/doc.ts';

/** The build-time index of the screens, in the site data folder. */
export interface ScreenIndex {
  organization: string;
  /** One screen per department, in the tree's display order; `data` is the document's site path. */
  departments: { id: string; name: string; data: string }[];
}

export const SCREEN_INDEX_FILE = 'screen.json';

/** The organisation's document, below the site root. */
export const ORGANIZATION_DATA = 'screen/data/all.json';

const cache = new Map<string, ScreenIndex | null>();

function siteDataDir(): string {
  const dir = process.env.LIANGBANG_SITE_DATA;
  if (!dir) throw new Error('LIANGBANG_SITE_DATA is not set: build the site with `liangbang build`');
  return dir;
}

/**
 * The screens to build, from the folder `liangbang build` passes in LIANGBANG_SITE_DATA
 * (src/site/astro-build.ts); null when writeScreenData has not written it, so that the rest
 * of the site still builds.
 */
export function screenIndex(): ScreenIndex | null {
  const dir = siteDataDir();
  const known = cache.get(dir);
  if (known !== undefined) return known;
  let index: ScreenIndex | null = null;
  try {
    index = JSON.parse(readFileSync(join(dir, SCREEN_INDEX_FILE), 'utf8')) as ScreenIndex;
  } catch {
    // Not written (yet): /screen/ says so on the page instead of failing the whole site.
  }
  cache.set(dir, index);
  return index;
}

const documentText = (path: string): string => readFileSync(join(siteDataDir(), 'public', path), 'utf8');

/** A screen document, read and checked as the client checks it; null when it is not sound. */
export function screenDocument(path: string): ScreenDoc | null {
  try {
    return parseDoc(JSON.parse(documentText(path)));
  } catch {
    return null;
  }
}

/**
 * A screen document as text to embed in its page (so the first slide needs no second request),
 * made safe inside a <script> element.
 */
export function embeddedDocument(path: string): string {
  return documentText(path)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
