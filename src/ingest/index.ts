// Public API of ingest (docs/ingest.md).
export { type IngestOptions, ingest } from './ingest.ts';
export { type CheckReportOptions, formatCheckReport } from './report.ts';
export {
  type FileSummary,
  type IngestResult,
  type IngestTotals,
  type IngestWarning,
  type Problem,
  REASON_TITLES,
  REJECT_CODES,
  type ReasonCode,
  type RejectCode,
  type RowStatus,
  WARNING_TITLES,
  type WarningCode,
} from './types.ts';
