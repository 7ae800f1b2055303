import { describe, expect, test } from 'vitest';
import type { Category } from '../../src/config/scheme.ts';
import { mapHeader } from '../../src/ingest/header.ts';

const CATEGORIES: Category[] = [
  { id: 'basic', name: '基础评价分', weight: 1, min: null, max: null, veto: false },
  { id: 'veto', name: '一票否决项', weight: 1, min: null, max: null, veto: true },
];

function mapping(cells: string[]) {
  const r = mapHeader(cells, CATEGORIES);
  if (!r.ok) throw new Error(r.message);
  return r.mapping;
}

describe('mapHeader', () => {
  test('matches English and Chinese names case-insensitively', () => {
    const m = mapping([
      'Member_ID',
      ' 月份 ',
      'ITEM CODE',
      '积分项目',
      '类别',
      '得分',
      '审核状态',
      '所在支部',
      '姓名',
      '记录编号',
      '事由',
      '审定人',
      '审定日期',
    ]);
    expect(m.form).toBe('long');
    expect(m.fields).toEqual({
      member_id: 0,
      month: 1,
      item_code: 2,
      item: 3,
      category: 4,
      points: 5,
      status: 6,
      dept_id: 7,
      name: 8,
      record_id: 9,
      note: 10,
      approver: 11,
      approved_at: 12,
    });
    expect(m.warnings).toEqual([]);
  });

  test('one of item_code and item is enough', () => {
    expect(mapping(['工号', '积分月份', '项目名称', '分值']).fields).toEqual({
      member_id: 0,
      month: 1,
      item: 2,
      points: 3,
    });
  });

  test('reports missing required columns by name', () => {
    const r = mapHeader(['member_id', 'note'], CATEGORIES);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe(
        '缺少必需的列：月份（month、积分月份）；分值（points、积分、得分）；积分项目编码（item_code、项目编码）或积分项目（item、项目名称、item_name）。' +
          '第 1 行表头现有：member_id, note；宽表请用类别 id 或名称作列名（basic/基础评价分、veto/一票否决项）',
      );
    }
  });

  test('a header of member, month and category columns is the wide form', () => {
    const m = mapping(['党员编号', '月份', 'BASIC', '一票否决项', '备注', '记录编号']);
    expect(m.form).toBe('wide');
    expect(m.categories).toEqual([
      { index: 2, categoryId: 'basic' },
      { index: 3, categoryId: 'veto' },
    ]);
    expect(m.fields).toEqual({ member_id: 0, month: 1, note: 4 });
    expect(m.warnings.map((w) => w.code)).toEqual(['record_id_ignored']);
  });

  test('unknown and repeated columns are ignored with a warning', () => {
    const m = mapping(['member_id', '党员编号', 'month', 'item_code', 'points', '部门名称', '基础评价分']);
    expect(m.fields).toEqual({ member_id: 0, month: 2, item_code: 3, points: 4 });
    expect(m.warnings).toEqual([
      {
        column: '党员编号',
        code: 'duplicate_column',
        message: '与第 1 列“member_id”都表示党员编号，本列已忽略',
      },
      { column: '部门名称', code: 'unknown_column', message: '不是可识别的列名，本列已忽略' },
      { column: '基础评价分', code: 'unknown_column', message: '不是可识别的列名，本列已忽略' },
    ]);
  });
});
