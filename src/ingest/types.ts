// What ingest reports (SPEC §1.4): per-file counts, each non-accepted row with its reason,
// warnings, totals. `liangbang check --json` prints an IngestResult as it is.

export type RowStatus = 'pending' | 'duplicate' | 'rejected';

/** Reasons a row (or, for the first two, a whole file) is rejected. */
export const REJECT_CODES = [
  'bad_encoding',
  'missing_columns',
  'bad_row',
  'unknown_member',
  'unknown_department',
  'bad_month',
  'bad_points',
  'too_many_decimals',
  'unknown_item',
  'unknown_category',
  'category_mismatch',
  'record_conflict',
  'two_departments',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];
export type ReasonCode = RejectCode | 'pending' | 'duplicate';

/** Every reason code with its short Chinese title, in report order. */
export const REASON_TITLES: Readonly<Record<ReasonCode, string>> = {
  bad_encoding: '文件编码无法识别',
  missing_columns: '缺少必需的列',
  bad_row: '行格式错误',
  unknown_member: '党员不在花名册中',
  unknown_department: '支部不在组织树中',
  bad_month: '月份无法识别',
  bad_points: '分值无法识别',
  too_many_decimals: '分值超过两位小数',
  unknown_item: '积分项目无法确定',
  unknown_category: '积分类别不在方案中',
  category_mismatch: '积分类别与项目目录不符',
  record_conflict: '记录编号重复且内容不同',
  two_departments: '同一党员同月出现在两个支部',
  pending: '未审定（待审）',
  duplicate: '重复记录（只计一次）',
};

export type WarningCode =
  | 'no_exports'
  | 'empty_file'
  | 'unknown_column'
  | 'duplicate_column'
  | 'record_id_ignored'
  | 'name_mismatch';

export const WARNING_TITLES: Readonly<Record<WarningCode, string>> = {
  no_exports: '没有导出文件',
  empty_file: '空文件',
  unknown_column: '未识别的列',
  duplicate_column: '重复的列',
  record_id_ignored: '宽表中的记录编号列被忽略',
  name_mismatch: '姓名与花名册不一致',
};

export interface FileSummary {
  /** Path relative to the data folder, e.g. `exports/2026-03.csv`. */
  file: string;
  encoding: 'utf-8' | 'gb18030' | null;
  bom: boolean;
  delimiter: 'comma' | 'tab' | null;
  form: 'long' | 'wide' | null;
  /** `duckdb` (the fast path), `javascript` (the fallback reader) or null (not read). */
  reader: 'duckdb' | 'javascript' | null;
  /** read = accepted + pending + duplicate + rejected. A wide-form cell counts as a row. */
  read: number;
  accepted: number;
  pending: number;
  duplicate: number;
  rejected: number;
}

export interface Problem {
  file: string;
  /** Spreadsheet row (header = 1). */
  row: number | null;
  /** The column header as the file writes it, or null for the whole row. */
  column: string | null;
  status: RowStatus;
  code: ReasonCode;
  /** Chinese, without the column: `M9999 不在花名册（members.csv）中`. */
  message: string;
  memberId: string | null;
  month: string | null;
}

export interface IngestWarning {
  file: string | null;
  row: number | null;
  column: string | null;
  code: WarningCode;
  message: string;
}

export interface IngestTotals {
  files: number;
  read: number;
  accepted: number;
  pending: number;
  duplicate: number;
  rejected: number;
}

export interface IngestResult {
  files: FileSummary[];
  /** Non-accepted rows, at most `maxProblemsPerCode` per code (all are in ingest_report). */
  problems: Problem[];
  /** How many rows each code has in all. */
  problemCounts: Partial<Record<ReasonCode, number>>;
  warnings: IngestWarning[];
  /** How many warnings each code has in all (name mismatches are listed up to the cap). */
  warningCounts: Partial<Record<WarningCode, number>>;
  totals: IngestTotals;
}
