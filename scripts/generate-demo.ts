/**
 * Generates the deterministic demo data folder (scheme.yaml, departments.csv, members.csv,
 * exports/*.csv). The same arguments always give byte-identical files.
 *
 *   npx node scripts/generate-demo.ts [--members N] [--months M] [--seed S] [--start YYYY-MM] [--out DIR]
 */
import { parseArgs } from 'node:util';
import { addMonths, type Month, parseMonth } from './demo/month.ts';
import type { DemoOptions } from './demo/plan.ts';
import { commandLine, writeDemo } from './demo/write.ts';

const DEFAULTS = {
  members: 800,
  months: 14,
  seed: 1921,
  last: { year: 2026, month: 10 },
  out: 'data',
} as const;

const HELP = `用法：npx node scripts/generate-demo.ts [选项]
生成确定性的演示数据文件夹：scheme.yaml、departments.csv、members.csv、exports/YYYY-MM.csv。

选项：
  --members N       党员人数，默认 ${DEFAULTS.members}
  --months M        月数（每月一个导出文件），默认 ${DEFAULTS.months}
  --seed S          随机种子，0–4294967295 的整数，默认 ${DEFAULTS.seed}
  --start YYYY-MM   第一个月，默认使最后一个月为 2026-10
  --out DIR         输出文件夹，默认 ${DEFAULTS.out}
  --utf8            所有月份都写成 UTF-8（基准测试用；默认每三个月有一个 GB18030 文件）
  -h, --help        显示帮助`;

class UsageError extends Error {}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`invalid --${name}: ${text}（应为 ${min}–${max} 的整数）`);
  }
  return value;
}

function parse(argv: string[]): { options: DemoOptions; out: string; utf8: boolean } | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      members: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      out: { type: 'string' },
      utf8: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  const members = integer('members', values.members, DEFAULTS.members, 1, 10_000_000);
  const months = integer('months', values.months, DEFAULTS.months, 1, 1200);
  const seed = integer('seed', values.seed, DEFAULTS.seed, 0, 0xffffffff);
  let start: Month | null = addMonths(DEFAULTS.last, 1 - months);
  if (values.start !== undefined) {
    start = parseMonth(values.start);
    if (!start) throw new UsageError(`invalid --start: ${values.start}（应为 YYYY-MM，如 2025-09）`);
  }
  const out = values.out ?? DEFAULTS.out;
  if (out === '') throw new UsageError('invalid --out: 不能为空');
  return { options: { members, months, seed, start }, out, utf8: values.utf8 ?? false };
}

function main(): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n运行 --help 查看用法。\n`);
    return 2;
  }
  if (!parsed) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { options, out, utf8 } = parsed;
  const began = performance.now();
  const summary = writeDemo(options, out, commandLine(options, out), utf8 ? 'utf8' : 'mixed');
  const seconds = (performance.now() - began) / 1000;
  process.stderr.write(
    `已写入 ${out}：${summary.files.length} 个文件，${summary.rows} 行导出数据，${summary.bytes} 字节，用时 ${seconds.toFixed(1)} 秒\n`,
  );
  return 0;
}

process.exitCode = main();
