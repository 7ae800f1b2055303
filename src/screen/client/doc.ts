// The JSON documents a screen reads (written by src/tables/screen-data.ts) and their checks.
// Runs in the browser: a document that fails these checks is garbage and the screen keeps
// the last good one.

/** Bumped when the shape changes; a screen that sees another schema reloads itself. */
export const SCHEMA = 1;

/** `/version.json`: polled by every screen. */
export interface VersionDoc {
  schema: number;
  /** Content hash of all screen documents. */
  version: string;
  /** The latest export month with accepted data (`2026-03`), null when there is none. */
  asOf: string | null;
}

export interface BoardRow {
  /** Rank within the screen's scope: the company rank, or the rank within the department. */
  rank: number;
  /** Another member shares this rank (并列). */
  tied: boolean;
  name: string;
  dept: string;
  /** Decimal text, at most two places (`85.5`). */
  points: string;
  /** Ranks moved up since the previous period (negative = down); null when not comparable. */
  change: number | null;
}

export interface RiserRow extends BoardRow {
  /** Position in the risers list (competition rank by change). */
  pos: number;
}

export interface Board<Row = BoardRow> {
  /** `2026-03` or `2026-Q1`. */
  period: string;
  /** How many members are ranked in the scope in this period. */
  ranked: number;
  rows: Row[];
}

export interface DeptRow {
  pos: number;
  tied: boolean;
  name: string;
  /** Ranked members whose average this is. */
  members: number;
  avg: string;
}

export interface ExemplarRow {
  /** Company-wide rank. */
  rank: number;
  tied: boolean;
  name: string;
  dept: string;
  points: string;
  /** Category points in the order of ScreenDoc.categories. */
  cats: string[];
}

export interface Exemplars {
  period: string;
  rule: 'top_percent' | 'designated';
  /** `10` for top 10 %, null when designated. */
  percent: string | null;
  /** 'department' when the rows are the department's own exemplars, else the organisation's. */
  scope: 'organization' | 'department';
  /** Exemplars in that scope (the rows may be fewer). */
  total: number;
  rows: ExemplarRow[];
}

export interface ScreenDoc {
  schema: number;
  version: string;
  organization: string;
  scope: { kind: 'organization' | 'department'; id: string | null; name: string };
  asOf: string | null;
  categories: { id: string; name: string }[];
  month: Board | null;
  quarter: Board | null;
  risers: Board<RiserRow> | null;
  depts: { period: string; rows: DeptRow[] } | null;
  exemplars: Exemplars | null;
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: Json): v is string => typeof v === 'string';
const isInt = (v: Json): v is number => typeof v === 'number' && Number.isInteger(v);
const isStringOrNull = (v: Json): boolean => v === null || isString(v);
const isArrayOf = (v: Json, check: (item: Json) => boolean): boolean => Array.isArray(v) && v.every(check);

function isBoardRow(v: Json): boolean {
  return (
    isObject(v) &&
    isInt(v.rank) &&
    typeof v.tied === 'boolean' &&
    isString(v.name) &&
    isString(v.dept) &&
    isString(v.points) &&
    (v.change === null || isInt(v.change))
  );
}

const isRiserRow = (v: Json): boolean => isBoardRow(v) && isObject(v) && isInt(v.pos);

const isDeptRow = (v: Json): boolean =>
  isObject(v) &&
  isInt(v.pos) &&
  typeof v.tied === 'boolean' &&
  isString(v.name) &&
  isInt(v.members) &&
  isString(v.avg);

const isExemplarRow = (v: Json): boolean =>
  isObject(v) &&
  isInt(v.rank) &&
  typeof v.tied === 'boolean' &&
  isString(v.name) &&
  isString(v.dept) &&
  isString(v.points) &&
  isArrayOf(v.cats, isString);

const isBoard = (v: Json, row: (r: Json) => boolean): boolean =>
  v === null || (isObject(v) && isString(v.period) && isInt(v.ranked) && isArrayOf(v.rows, row));

function isExemplars(v: Json): boolean {
  return (
    v === null ||
    (isObject(v) &&
      isString(v.period) &&
      (v.rule === 'top_percent' || v.rule === 'designated') &&
      isStringOrNull(v.percent) &&
      (v.scope === 'organization' || v.scope === 'department') &&
      isInt(v.total) &&
      isArrayOf(v.rows, isExemplarRow))
  );
}

/** The screen document, or null when `value` is not one of this schema. */
export function parseDoc(value: Json): ScreenDoc | null {
  if (
    !isObject(value) ||
    value.schema !== SCHEMA ||
    !isString(value.version) ||
    !isString(value.organization)
  ) {
    return null;
  }
  const scope = value.scope;
  if (
    !isObject(scope) ||
    (scope.kind !== 'organization' && scope.kind !== 'department') ||
    !isStringOrNull(scope.id) ||
    !isString(scope.name)
  ) {
    return null;
  }
  const depts = value.depts;
  const ok =
    isStringOrNull(value.asOf) &&
    isArrayOf(value.categories, (c) => isObject(c) && isString(c.id) && isString(c.name)) &&
    isBoard(value.month, isBoardRow) &&
    isBoard(value.quarter, isBoardRow) &&
    isBoard(value.risers, isRiserRow) &&
    (depts === null || (isObject(depts) && isString(depts.period) && isArrayOf(depts.rows, isDeptRow))) &&
    isExemplars(value.exemplars);
  return ok ? (value as unknown as ScreenDoc) : null;
}

/** `/version.json`, or null when `value` is garbage. */
export function parseVersion(value: Json): VersionDoc | null {
  if (!isObject(value) || !isInt(value.schema) || !isString(value.version) || value.version === '')
    return null;
  if (!isStringOrNull(value.asOf)) return null;
  return { schema: value.schema, version: value.version, asOf: value.asOf as string | null };
}
