import { parseArgs } from 'node:util';
import { AUDIENCES, type Audience, isAudience } from './audience/audience.ts';
import { UserError } from './errors.ts';
import { explainOutOfMemory } from './ingest/limits.ts';

/** Options shared by every command; `--help` is generated from these descriptions. */
const options = {
  data: {
    type: 'string',
    short: 'd',
    arg: 'DIR',
    help: '数据文件夹（scheme.yaml、departments.csv、members.csv、exports/），默认 data/',
  },
  out: { type: 'string', short: 'o', arg: 'DIR', help: '输出文件夹：data 默认 tables/，build 默认 dist/' },
  'allow-rejects': { type: 'boolean', help: '有被拒绝的行时仍然生成（被拒绝的行不计入）' },
  audience: {
    type: 'string',
    arg: 'public|committee',
    help: 'build：受众。public（默认）公开版，无备注、审定人、待审行和下载，按方案遮蔽姓名；committee 党委版，内容完整',
  },
  json: { type: 'boolean', help: 'check：以 JSON 输出完整报告' },
  debug: { type: 'boolean', help: '出现意外错误时打印调用栈' },
  help: { type: 'boolean', short: 'h', help: '显示帮助' },
} as const;

const commands = {
  check: '检查数据：逐行核对所有导出文件，报告每个文件的读取/采用/待审/重复/拒绝行数',
  data: '计算排名、趋势、差距、薄弱环节和年度等次，写出 Parquet 与 CSV 表格',
  build: '生成静态网站（部门页、党员页、党委分析、活动室大屏）',
} as const;

export type CommandName = keyof typeof commands;

export interface CliOptions {
  data: string;
  out: string | undefined;
  allowRejects: boolean;
  json: boolean;
  audience: Audience;
}

export function helpText(): string {
  const lines = ['用法：liangbang <命令> [选项]', '', '命令：'];
  for (const [name, text] of Object.entries(commands)) lines.push(`  ${name.padEnd(8)}${text}`);
  lines.push('', '选项：');
  for (const [name, o] of Object.entries(options)) {
    const short = 'short' in o ? `-${o.short}, ` : '    ';
    const flag = `${short}--${name}${'arg' in o ? ` ${o.arg}` : ''}`;
    lines.push(`  ${flag.padEnd(23)} ${o.help}`);
  }
  lines.push(
    '',
    '环境变量：',
    '  LIANGBANG_MEMORY_LIMIT  DuckDB 可用的内存上限（默认 1GB，如 4GB）',
    '',
    '退出码：0 正常；1 有被拒绝的行（或生成被拒绝）；2 方案、组织树或花名册无效，或命令用法错误；3 内存不足或意外错误。',
  );
  return lines.join('\n');
}

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(commands, name);
}

/** Pure: argv (without node and script) → command and options, or a usage error. */
export function parseCli(argv: string[]): { command: CommandName | 'help'; options: CliOptions } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`用法错误：${(error as Error).message}\n运行 liangbang --help 查看用法。`, 2);
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  const audience = values.audience ?? 'public';
  if (!isAudience(audience)) {
    throw new UserError(
      `用法错误：--audience 只能是 ${AUDIENCES.join(' 或 ')}，收到“${audience}”。运行 liangbang --help 查看用法。`,
      2,
    );
  }
  const resolved: CliOptions = {
    data: values.data ?? 'data',
    out: values.out,
    allowRejects: values['allow-rejects'] ?? false,
    json: values.json ?? false,
    audience,
  };
  if (values.help || name === undefined || name === 'help') return { command: 'help', options: resolved };
  if (!isCommand(name)) {
    throw new UserError(
      `未知命令：${name}（可用：${Object.keys(commands).join('、')}）。运行 liangbang --help 查看用法。`,
      2,
    );
  }
  if (extra.length > 0)
    throw new UserError(`多余的参数：${extra.join(' ')}。运行 liangbang --help 查看用法。`, 2);
  if (values.audience !== undefined && name !== 'build')
    throw new UserError(`用法错误：--audience 只用于 build 命令。运行 liangbang --help 查看用法。`, 2);
  return { command: name, options: resolved };
}

async function runCommand(command: CommandName, opts: CliOptions): Promise<number> {
  switch (command) {
    case 'check':
      return (await import('./commands/check.ts')).check(opts);
    case 'data':
      return (await import('./commands/data.ts')).data(opts);
    case 'build':
      return (await import('./commands/build.ts')).build(opts);
  }
}

/** Runs the CLI and returns the exit code (bin/liangbang.mjs sets it). */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const { command, options: opts } = parseCli(argv);
    if (command === 'help') {
      console.log(helpText());
      return 0;
    }
    return await runCommand(command, opts);
  } catch (thrown) {
    // DuckDB running out of memory is the person's to fix (a larger limit), not a bug.
    const error = explainOutOfMemory(thrown);
    if (error instanceof UserError) {
      console.error(error.message);
      return error.exitCode;
    }
    console.error(`意外错误（unexpected error）：${(error as Error)?.message ?? String(error)}`);
    if (debug) console.error((error as Error)?.stack);
    else console.error('加上 --debug 重新运行可查看调用栈；请把它报告给维护者。');
    return 3;
  }
}
