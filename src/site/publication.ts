/**
 * The quarterly 公示: how long it runs (from the day after the quarter ends) and whom to contact
 * with objections. The scheme has no key for these yet (SPEC §1.1 rejects unknown keys); a
 * `publication: { days, contact }` key is proposed in docs/site.md. Until then, these defaults.
 */
export const PUBLICATION = { days: 7, contact: '党委组织部' } as const;
