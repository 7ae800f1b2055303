// Site-relative links that honour the configured base path (the site may live in a sub-folder
// of an intranet server). Astro replaces import.meta.env.BASE_URL at build time.
import { slug } from './slug.ts';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** `href('dept/D01/')` → `/dept/D01/` or `/liangbang/dept/D01/`. */
export const href = (path = ''): string => base + path.replace(/^\/+/, '');

export const deptHref = (id: string): string => href(`dept/${slug(id)}/`);
export const memberHref = (id: string): string => href(`member/${slug(id)}/`);
export const committeeHref = (quarter: string): string => href(`committee/${slug(quarter)}/`);
/** The whole of a long committee list: /committee/2026-Q1/red/. */
export const committeeListHref = (quarter: string, list: string): string =>
  href(`committee/${slug(quarter)}/${list}/`);
