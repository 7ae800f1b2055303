import { expect, test } from 'vitest';
import { helpText, parseCli } from '../src/cli.ts';
import { UserError } from '../src/errors.ts';
import { runCli } from './helpers/cli.ts';

test('parseCli defaults --data to data/ and leaves --out to the command', () => {
  expect(parseCli(['check'])).toEqual({
    command: 'check',
    options: { data: 'data', out: undefined, allowRejects: false, json: false, audience: 'public' },
  });
  expect(parseCli(['data', '--data', '/x/y', '-o', 'out', '--allow-rejects']).options).toEqual({
    data: '/x/y',
    out: 'out',
    allowRejects: true,
    json: false,
    audience: 'public',
  });
});

test('build takes --audience public or committee, public by default; anything else is a usage error', () => {
  expect(parseCli(['build']).options.audience).toBe('public');
  expect(parseCli(['build', '--audience', 'public']).options.audience).toBe('public');
  expect(parseCli(['build', '--audience', 'committee']).options.audience).toBe('committee');
  for (const argv of [
    ['build', '--audience', 'everyone'],
    ['build', '--audience', 'Committee'],
    ['build', '--audience', ''],
    ['check', '--audience', 'committee'],
  ]) {
    expect(() => parseCli(argv), argv.join(' ')).toThrow(UserError);
    try {
      parseCli(argv);
    } catch (error) {
      expect((error as UserError).exitCode).toBe(2);
      expect((error as UserError).message).toMatch(/^用法错误：--audience/);
    }
  }
  expect(helpText()).toMatch(/--audience public\|committee +\S/);
});

test('parseCli rejects unknown commands, unknown options and extra arguments with exit code 2', () => {
  for (const argv of [['publish'], ['check', '--bogus'], ['check', 'extra'], ['build', '--data']]) {
    expect(() => parseCli(argv)).toThrow(UserError);
    try {
      parseCli(argv);
    } catch (error) {
      expect((error as UserError).exitCode).toBe(2);
    }
  }
});

test('help lists every command and option', () => {
  const text = helpText();
  for (const word of [
    'check',
    'data',
    'build',
    '--data',
    '--out',
    '--allow-rejects',
    '--audience',
    '--json',
    '--help',
  ]) {
    expect(text).toContain(word);
  }
});

test('the CLI process prints help and exits 0, and a usage error exits 2 without a stack trace', () => {
  const help = runCli(['--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('用法：liangbang');
  const bad = runCli(['frobnicate']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('未知命令：frobnicate');
  expect(bad.stderr).not.toMatch(/\n\s+at /);
  const audience = runCli(['build', '--audience', 'everyone', '--out', '/nonexistent/liangbang-out']);
  expect(audience.status).toBe(2);
  expect(audience.stderr).toContain('--audience 只能是 public 或 committee，收到“everyone”');
  expect(audience.stderr).not.toMatch(/\n\s+at /);
});

test('a missing data folder is a clear error naming the folder, exit 2', () => {
  const run = runCli(['check', '--data', '/nonexistent/liangbang-data']);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('/nonexistent/liangbang-data');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
