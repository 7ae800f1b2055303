// Export header → fields (SPEC §1.3): English or Chinese names, matched case-insensitively.
// Long form has points and an item column; wide form has one column per category instead.

import type { Category } from '../config/scheme.ts';
import { headerKey } from '../config/table.ts';

export const FIELDS = [
  'member_id',
  'month',
  'item_code',
  'item',
  'category',
  'points',
  'status',
  'dept_id',
  'name',
  'record_id',
  'note',
  'approver',
  'approved_at',
] as const;
export type Field = (typeof FIELDS)[number];

/** Accepted header names per field, besides the field name itself. */
export const FIELD_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  member_id: ['党员编号', '工号', '编号'],
  month: ['月份', '积分月份'],
  item_code: ['项目编码', '积分项目编码'],
  item: ['积分项目', '项目名称', 'item_name'],
  category: ['积分类别', '类别', 'category_id'],
  points: ['分值', '积分', '得分'],
  status: ['审核状态', '状态'],
  dept_id: ['支部编号', '所在支部'],
  name: ['姓名'],
  record_id: ['记录编号'],
  note: ['备注', '事由'],
  approver: ['审定人'],
  approved_at: ['审定日期'],
};

/** How a field is named in messages when the file has no column for it. */
export const FIELD_LABELS: Readonly<Record<Field, string>> = {
  member_id: '党员编号',
  month: '月份',
  item_code: '积分项目编码',
  item: '积分项目',
  category: '积分类别',
  points: '分值',
  status: '审核状态',
  dept_id: '支部编号',
  name: '姓名',
  record_id: '记录编号',
  note: '备注',
  approver: '审定人',
  approved_at: '审定日期',
};

const LOOKUP = new Map<string, Field>();
for (const field of FIELDS) {
  for (const name of [field, ...FIELD_ALIASES[field]]) LOOKUP.set(headerKey(name), field);
}

export interface HeaderWarning {
  column: string;
  code: 'unknown_column' | 'duplicate_column' | 'record_id_ignored';
  message: string;
}

export interface HeaderMapping {
  form: 'long' | 'wide';
  /** Column index of each field the file has. */
  fields: Partial<Record<Field, number>>;
  /** Wide form: the category column indexes. */
  categories: { index: number; categoryId: string }[];
  /** The header cells, trimmed. */
  headers: string[];
  warnings: HeaderWarning[];
}

export type HeaderResult = { ok: true; mapping: HeaderMapping } | { ok: false; message: string };

function describeField(field: Field): string {
  return `${FIELD_LABELS[field]}（${[field, ...FIELD_ALIASES[field]].filter((n) => n !== FIELD_LABELS[field]).join('、')}）`;
}

/** Maps a header row to fields. Pure. */
export function mapHeader(cells: readonly string[], categories: readonly Category[]): HeaderResult {
  const headers = cells.map((c) => c.trim());
  const fields: Partial<Record<Field, number>> = {};
  const categoryColumns: { index: number; categoryId: string }[] = [];
  const warnings: HeaderWarning[] = [];
  const categoryKeys = new Map<string, string>();
  for (const c of categories) {
    categoryKeys.set(headerKey(c.id), c.id);
    categoryKeys.set(headerKey(c.name), c.id);
  }
  const unknown: number[] = [];
  headers.forEach((header, index) => {
    if (header === '') return;
    const key = headerKey(header);
    const field = LOOKUP.get(key);
    if (field !== undefined) {
      const first = fields[field];
      if (first === undefined) fields[field] = index;
      else {
        warnings.push({
          column: header,
          code: 'duplicate_column',
          message: `与第 ${first + 1} 列“${headers[first]}”都表示${FIELD_LABELS[field]}，本列已忽略`,
        });
      }
      return;
    }
    const categoryId = categoryKeys.get(key);
    if (categoryId !== undefined && !categoryColumns.some((c) => c.categoryId === categoryId)) {
      categoryColumns.push({ index, categoryId });
      return;
    }
    unknown.push(index);
  });
  const long =
    fields.points !== undefined ||
    fields.item_code !== undefined ||
    fields.item !== undefined ||
    fields.category !== undefined ||
    categoryColumns.length === 0;
  const missing: string[] = [];
  if (fields.member_id === undefined) missing.push(describeField('member_id'));
  if (fields.month === undefined) missing.push(describeField('month'));
  if (long) {
    if (fields.points === undefined) missing.push(describeField('points'));
    if (fields.item_code === undefined && fields.item === undefined) {
      missing.push(`${describeField('item_code')}或${describeField('item')}`);
    }
  }
  if (missing.length > 0) {
    const wideHint = `；宽表请用类别 id 或名称作列名（${categories.map((c) => `${c.id}/${c.name}`).join('、')}）`;
    return {
      ok: false,
      message: `缺少必需的列：${missing.join('；')}。第 1 行表头现有：${headers.join(', ')}${long ? wideHint : ''}`,
    };
  }
  // In long form, category-named columns are not data; say so like any other unknown column.
  const ignored = long ? [...unknown, ...categoryColumns.map((c) => c.index)].sort((a, b) => a - b) : unknown;
  for (const index of ignored) {
    warnings.push({
      column: headers[index] as string,
      code: 'unknown_column',
      message: '不是可识别的列名，本列已忽略',
    });
  }
  if (!long && fields.record_id !== undefined) {
    warnings.push({
      column: headers[fields.record_id] as string,
      code: 'record_id_ignored',
      message: '宽表的一行含多个类别，记录编号无法对应到单个积分记录，本列已忽略',
    });
    delete fields.record_id;
  }
  return {
    ok: true,
    mapping: {
      form: long ? 'long' : 'wide',
      fields,
      categories: long ? [] : categoryColumns,
      headers,
      warnings,
    },
  };
}
