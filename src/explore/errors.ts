// The panel's errors, each with a Chinese message that says what went wrong and what to do.
// Pure: bundled into the browser.

export type ExploreErrorKind =
  | 'no-wasm'
  | 'no-worker'
  | 'network'
  | 'fetch'
  | 'mime'
  | 'engine'
  | 'timeout'
  | 'query';

const MESSAGES: Record<ExploreErrorKind, (detail: string) => string> = {
  'no-wasm': () =>
    '此浏览器不支持 WebAssembly，无法运行数据探索。请使用新版 Chrome、Edge 或 Firefox；360、QQ 等双核浏览器请切换到“极速模式”。本页其他内容不受影响。',
  'no-worker': () => '此浏览器不支持 Web Worker，无法运行数据探索。请使用新版 Chrome、Edge 或 Firefox。',
  network: (detail) => `无法连接网站，数据文件未能加载：${detail}。请检查网络后刷新页面重试。`,
  fetch: (detail) =>
    `数据文件加载失败：${detail}。请刷新页面重试；如仍失败，请网站管理员检查 explore/ 和 duckdb/ 文件夹是否完整上传。`,
  mime: () =>
    '服务器发送数据引擎文件（.wasm）时的类型不对，应为 application/wasm，数据引擎无法启动。请网站管理员按 docs/explore.md 配置服务器。',
  engine: (detail) => `数据引擎启动失败（${detail}）。请刷新页面重试，或换用新版 Chrome、Edge、Firefox。`,
  timeout: () => '数据引擎启动超时。请检查网络后刷新页面重试。',
  query: (detail) => `查询出错：${detail}。请调整筛选条件，或刷新页面重试。`,
};

export class ExploreError extends Error {
  readonly kind: ExploreErrorKind;

  constructor(kind: ExploreErrorKind, detail = '', cause?: unknown) {
    super(MESSAGES[kind](detail), cause === undefined ? undefined : { cause });
    this.name = 'ExploreError';
    this.kind = kind;
  }
}

/** The Chinese message for anything thrown while the panel works. */
export function errorMessage(error: unknown): string {
  if (error instanceof ExploreError) return error.message;
  return MESSAGES.query(error instanceof Error ? error.message : String(error));
}
