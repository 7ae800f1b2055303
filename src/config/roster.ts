// departments.csv (the organisation tree) and members.csv (the roster), SPEC §1.2. Either may
// be UTF-8 or GB18030 (saved by Excel). Problems name `file:row: column` and are thrown
// together as one ConfigError (exit 2).
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import { decodeBytes } from './encoding.ts';
import { readConfigBytes } from './read.ts';
import { type ColumnSpec, capProblems, readTable } from './table.ts';

export const DEPARTMENT_KINDS = ['党委', '党总支', '党支部', '党小组'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface Department {
  deptId: string;
  name: string;
  /** null for the root. */
  parentId: string | null;
  kind: DepartmentKind | null;
  sort: number | null;
}

export interface Member {
  memberId: string;
  name: string;
  deptId: string;
  /** Designated exemplary member (先进典型). */
  exemplar: boolean;
  /** Excused from ranking (long illness, retirement). */
  exempt: boolean;
}

export interface Roster {
  departments: Department[];
  members: Member[];
}

const DEPARTMENT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'dept_id', aliases: ['部门编号', '组织编号', '支部编号', '编号'], required: true },
  { field: 'name', aliases: ['名称', '组织名称', '部门名称', '支部名称'], required: true },
  { field: 'parent_id', aliases: ['上级编号', '上级组织编号', '上级部门编号'], required: false },
  { field: 'kind', aliases: ['类型', '组织类型'], required: false },
  { field: 'sort', aliases: ['排序', '顺序'], required: false },
];

const MEMBER_COLUMNS: readonly ColumnSpec[] = [
  { field: 'member_id', aliases: ['党员编号', '工号', '编号'], required: true },
  { field: 'name', aliases: ['姓名'], required: true },
  { field: 'dept_id', aliases: ['支部编号', '所在支部', '部门编号'], required: true },
  { field: 'exemplar', aliases: ['先进典型'], required: false },
  { field: 'exempt', aliases: ['免评', '不参评'], required: false },
];

const TRUE = new Set(['1', 'true', '是', 'y', 'yes']);
const FALSE = new Set(['', '0', 'false', '否', 'n', 'no']);

/** 1/0, true/false, 是/否, Y/N (any case), empty = false; null when none of these. */
export function parseBoolean(text: string): boolean | null {
  const key = text.normalize('NFKC').trim().toLowerCase();
  if (TRUE.has(key)) return true;
  if (FALSE.has(key)) return false;
  return null;
}

function parseSort(text: string): number | null | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  return /^[+-]?\d{1,9}$/.test(t) ? Number(t) : undefined;
}

/** Parses and validates the organisation tree. Pure; throws ConfigError listing every problem. */
export function parseDepartments(text: string, fileLabel = 'departments.csv'): Department[] {
  const table = readTable(text, fileLabel, DEPARTMENT_COLUMNS);
  const problems = [...table.problems];
  const col = (field: string) => table.headers[field] ?? field;
  const departments: Department[] = [];
  const rowOf = new Map<string, number>();
  for (const { row, values } of table.rows) {
    const at = `${fileLabel}:${row}`;
    const deptId = values['dept_id'] ?? '';
    const name = values['name'] ?? '';
    const kind = values['kind'] ?? '';
    const sort = parseSort(values['sort'] ?? '');
    if (deptId === '') problems.push(`${at}: ${col('dept_id')}: 不能为空`);
    else if (rowOf.has(deptId)) {
      problems.push(
        `${at}: ${col('dept_id')}: ${deptId} 与第 ${rowOf.get(deptId)} 行重复；每个组织的编号必须唯一`,
      );
    }
    if (name === '') problems.push(`${at}: ${col('name')}: 不能为空`);
    if (kind !== '' && !(DEPARTMENT_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${at}: ${col('kind')}: “${kind}”应为 ${DEPARTMENT_KINDS.join('、')} 之一，或留空`);
    }
    if (sort === undefined) problems.push(`${at}: ${col('sort')}: “${values['sort']}”应为整数，或留空`);
    if (deptId === '' || rowOf.has(deptId)) continue;
    rowOf.set(deptId, row);
    departments.push({
      deptId,
      name,
      parentId: (values['parent_id'] ?? '') === '' ? null : (values['parent_id'] as string),
      kind: kind === '' ? null : (kind as DepartmentKind),
      sort: sort ?? null,
    });
  }
  if (table.problems.length === 0)
    problems.push(...treeProblems(departments, rowOf, fileLabel, col('parent_id')));
  if (problems.length > 0) throw new ConfigError(capProblems(problems));
  return departments;
}

/** Exactly one root, every parent exists, no cycles. */
function treeProblems(
  departments: readonly Department[],
  rowOf: ReadonlyMap<string, number>,
  fileLabel: string,
  parentCol: string,
): string[] {
  const problems: string[] = [];
  const byId = new Map(departments.map((d) => [d.deptId, d]));
  const roots = departments.filter((d) => d.parentId === null);
  if (departments.length > 0 && roots.length === 0) {
    problems.push(`${fileLabel}: 没有根组织；请把最上级组织（如党委）的 ${parentCol} 留空`);
  }
  for (const extra of roots.slice(1)) {
    const first = roots[0] as Department;
    problems.push(
      `${fileLabel}:${rowOf.get(extra.deptId)}: ${parentCol}: 为空，但第 ${rowOf.get(first.deptId)} 行的 ${first.deptId} 已是根组织；只能有一个根组织，请填写上级组织编号`,
    );
  }
  for (const d of departments) {
    if (d.parentId !== null && !byId.has(d.parentId)) {
      problems.push(
        `${fileLabel}:${rowOf.get(d.deptId)}: ${parentCol}: 上级组织 ${d.parentId} 不存在；请填写已有的 dept_id，根组织留空`,
      );
    }
  }
  // Cycles: walk up from each department; a walk that meets itself is a cycle, reported once.
  const done = new Set<string>();
  for (const start of departments) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | null = start.deptId;
    while (id !== null && !done.has(id) && !onPath.has(id)) {
      path.push(id);
      onPath.add(id);
      id = byId.get(id)?.parentId ?? null;
    }
    if (id !== null && onPath.has(id)) {
      const cycle = path.slice(path.indexOf(id));
      problems.push(
        `${fileLabel}:${rowOf.get(id)}: ${parentCol}: 上级关系成环：${[...cycle, id].join(' → ')}；请改正其中一个上级组织编号`,
      );
    }
    for (const p of path) done.add(p);
  }
  return problems;
}

/** Parses and validates the roster against the tree. Pure; throws ConfigError listing every problem. */
export function parseMembers(
  text: string,
  departments: readonly Department[],
  fileLabel = 'members.csv',
): Member[] {
  const table = readTable(text, fileLabel, MEMBER_COLUMNS);
  const problems = [...table.problems];
  const col = (field: string) => table.headers[field] ?? field;
  const deptIds = new Set(departments.map((d) => d.deptId));
  const members: Member[] = [];
  const rowOf = new Map<string, number>();
  for (const { row, values } of table.rows) {
    const at = `${fileLabel}:${row}`;
    const memberId = values['member_id'] ?? '';
    const name = values['name'] ?? '';
    const deptId = values['dept_id'] ?? '';
    if (memberId === '') problems.push(`${at}: ${col('member_id')}: 不能为空`);
    else if (rowOf.has(memberId)) {
      problems.push(
        `${at}: ${col('member_id')}: ${memberId} 与第 ${rowOf.get(memberId)} 行重复；每名党员的编号必须唯一`,
      );
    }
    if (name === '') problems.push(`${at}: ${col('name')}: 不能为空`);
    if (deptId === '') problems.push(`${at}: ${col('dept_id')}: 不能为空`);
    else if (!deptIds.has(deptId)) {
      problems.push(`${at}: ${col('dept_id')}: 组织 ${deptId} 不在 departments.csv 中；请填写已有的 dept_id`);
    }
    const flags: Record<string, boolean> = {};
    for (const field of ['exemplar', 'exempt']) {
      const value = parseBoolean(values[field] ?? '');
      if (value === null) {
        problems.push(`${at}: ${col(field)}: “${values[field]}”应为 1/0、true/false、是/否、Y/N，或留空`);
      }
      flags[field] = value ?? false;
    }
    if (memberId === '' || rowOf.has(memberId)) continue;
    rowOf.set(memberId, row);
    members.push({
      memberId,
      name,
      deptId,
      exemplar: flags['exemplar'] ?? false,
      exempt: flags['exempt'] ?? false,
    });
  }
  if (problems.length > 0) throw new ConfigError(capProblems(problems));
  return members;
}

async function readText(path: string, fileLabel: string): Promise<string> {
  const bytes = await readConfigBytes(path, fileLabel, `${fileLabel}: 找不到文件 ${path}`);
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new ConfigError(`${fileLabel}: ${decoded.problem}`);
  return decoded.text;
}

/** Reads `<dataDir>/departments.csv` and `<dataDir>/members.csv`. */
export async function readRoster(dataDir: string): Promise<Roster> {
  const departments = parseDepartments(await readText(join(dataDir, 'departments.csv'), 'departments.csv'));
  const members = parseMembers(await readText(join(dataDir, 'members.csv'), 'members.csv'), departments);
  return { departments, members };
}
