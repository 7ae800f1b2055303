import { expect, test } from 'vitest';
import { formatCheckReport, type IngestResult, type Problem } from '../../src/ingest/index.ts';

const problem = (row: number): Problem => ({
  file: 'exports/2026-03.csv',
  row,
  column: '党员编号',
  status: 'rejected',
  code: 'unknown_member',
  message: `M${row} 不在花名册（members.csv）中`,
  memberId: `M${row}`,
  month: '2026-03',
});

const result: IngestResult = {
  files: [
    {
      file: 'exports/2026-03.csv',
      encoding: 'gb18030',
      bom: false,
      delimiter: 'comma',
      form: 'long',
      reader: 'duckdb',
      read: 30,
      accepted: 4,
      pending: 1,
      duplicate: 0,
      rejected: 25,
    },
  ],
  problems: [
    ...Array.from({ length: 25 }, (_, i) => problem(i + 2)),
    {
      ...problem(40),
      column: '审核状态',
      status: 'pending',
      code: 'pending',
      message: '“待审核”不是已审定状态，暂不计分',
    },
  ],
  problemCounts: { unknown_member: 25, pending: 1 },
  warnings: [
    {
      file: 'exports/2026-03.csv',
      row: 1,
      column: '部门',
      code: 'unknown_column',
      message: '不是可识别的列名，本列已忽略',
    },
  ],
  warningCounts: { unknown_column: 1 },
  totals: { files: 1, read: 30, accepted: 4, pending: 1, duplicate: 0, rejected: 25 },
};

test('the check report: a summary table, problems grouped by code and capped, then warnings', () => {
  expect(formatCheckReport(result, { perCode: 2 })).toBe(
    [
      '导入检查：1 个导出文件，读取 30 行',
      '',
      '文件                 读取  接受  待审  重复  拒绝  格式',
      'exports/2026-03.csv    30     4     1     0    25  GB18030',
      '合计                   30     4     1     0    25',
      '',
      '拒绝 25 行：',
      '  党员不在花名册中（unknown_member）：25 行',
      '    exports/2026-03.csv:2: 党员编号: M2 不在花名册（members.csv）中 (unknown_member)',
      '    exports/2026-03.csv:3: 党员编号: M3 不在花名册（members.csv）中 (unknown_member)',
      '    …以及另外 23 条',
      '',
      '待审（未计分） 1 行：',
      '  未审定（待审）（pending）：1 行',
      '    exports/2026-03.csv:40: 审核状态: “待审核”不是已审定状态，暂不计分 (pending)',
      '',
      '警告：',
      '  未识别的列（unknown_column）：1 处',
      '    exports/2026-03.csv:1: 部门: 不是可识别的列名，本列已忽略 (unknown_column)',
      '',
      '有 25 行被拒绝，不会计入结果；请按上面的提示修改导出文件后重新检查。',
    ].join('\n'),
  );
});

test('a clean ingest says so', () => {
  const clean: IngestResult = {
    ...result,
    files: [],
    problems: [],
    problemCounts: {},
    warnings: [],
    warningCounts: {},
    totals: { files: 0, read: 0, accepted: 0, pending: 0, duplicate: 0, rejected: 0 },
  };
  expect(formatCheckReport(clean)).toBe('导入检查：0 个导出文件，读取 0 行\n\n没有被拒绝的行。');
});
