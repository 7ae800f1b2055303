// Who a site is built for (docs/security.md, "Audiences"). Pure: shared by the CLI, the build and
// the pages (site.json carries the audience).

/** `public` (the default): screens and department pages; `committee`: everything. */
export const AUDIENCES = ['public', 'committee'] as const;

export type Audience = (typeof AUDIENCES)[number];

export function isAudience(text: unknown): text is Audience {
  return typeof text === 'string' && (AUDIENCES as readonly string[]).includes(text);
}
