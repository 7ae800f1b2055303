// URL parameters of a screen (docs/screens.md): parsed once, with defaults and clamping, so
// that whoever sets up the TV can get nothing wrong that breaks the screen.

export const SLIDES = ['month', 'quarter', 'risers', 'depts', 'exemplars'] as const;
export type SlideName = (typeof SLIDES)[number];

/** A time span of the day in minutes after midnight; `from > to` runs past midnight. */
export interface DaySpan {
  from: number;
  to: number;
}

export interface Params {
  /** Seconds per slide page. */
  interval: number;
  /** Slides in the order shown. */
  slides: SlideName[];
  /** Ranks shown on each board (ties at the line included). */
  top: number;
  theme: 'dark' | 'light';
  /** true/false forces the layout; null follows the screen's shape. */
  portrait: boolean | null;
  /** Dimmed hours, null = never. */
  night: DaySpan | null;
  /** Minute of the day of the daily full reload, null = never. */
  reload: number | null;
  /** Seconds between two looks at version.json. */
  poll: number;
}

export const DEFAULTS: Params = {
  interval: 15,
  slides: [...SLIDES],
  top: 10,
  theme: 'dark',
  portrait: null,
  night: { from: 22 * 60, to: 6 * 60 },
  reload: 4 * 60,
  poll: 180,
};

export const LIMITS = {
  interval: [1, 600],
  top: [1, 100],
  poll: [10, 3600],
} as const;

const OFF = ['off', 'no', 'none', 'false', '0', '关'];

/** An integer in [min, max], or `fallback` when `text` is no number. */
export function clampInt(
  text: string | null,
  fallback: number,
  [min, max]: readonly [number, number],
): number {
  if (text === null || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** `6`, `06`, `6:30` → minutes after midnight; null when not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^(\d{1,2})(?:[:：.](\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  return (hours % 24) * 60 + minutes;
}

/** `22-6`, `22:30-6:00` → a span; `off` → null; anything else → the default. */
export function parseNight(text: string | null): DaySpan | null {
  if (text === null) return DEFAULTS.night;
  if (OFF.includes(text.trim().toLowerCase())) return null;
  const parts = text.split(/[-–~～至]/);
  if (parts.length !== 2) return DEFAULTS.night;
  const from = parseTimeOfDay(parts[0] || '');
  const to = parseTimeOfDay(parts[1] || '');
  if (from === null || to === null) return DEFAULTS.night;
  return from === to ? null : { from, to };
}

export function parseReload(text: string | null): number | null {
  if (text === null) return DEFAULTS.reload;
  if (['off', 'no', 'none', 'false', '关'].includes(text.trim().toLowerCase())) return null;
  const time = parseTimeOfDay(text);
  return time === null ? DEFAULTS.reload : time;
}

export function parseSlides(text: string | null): SlideName[] {
  if (text === null) return [...DEFAULTS.slides];
  const chosen: SlideName[] = [];
  for (const part of text.split(/[,，\s]+/)) {
    const name = part.trim().toLowerCase();
    const slide = SLIDES.find((s) => s === name);
    if (slide && !chosen.includes(slide)) chosen.push(slide);
  }
  return chosen.length > 0 ? chosen : [...DEFAULTS.slides];
}

function parseFlag(text: string | null): boolean | null {
  if (text === null) return null;
  const value = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on', ''].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  return null;
}

/** The parameters of `search` (`?interval=10&top=20`), each defaulted and clamped. */
export function parseParams(search: string): Params {
  const q = new URLSearchParams(search);
  return {
    interval: clampInt(q.get('interval'), DEFAULTS.interval, LIMITS.interval),
    slides: parseSlides(q.get('slides')),
    top: clampInt(q.get('top'), DEFAULTS.top, LIMITS.top),
    theme: (q.get('theme') || '').trim().toLowerCase() === 'light' ? 'light' : 'dark',
    portrait: parseFlag(q.get('portrait')),
    night: parseNight(q.get('night')),
    reload: parseReload(q.get('reload')),
    poll: clampInt(q.get('poll'), DEFAULTS.poll, LIMITS.poll),
  };
}
