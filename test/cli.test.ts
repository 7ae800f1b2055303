import { expect, test } from 'vitest';
import { helpText, parseCli } from '../src/cli.ts';
import { UserError } from '../src/errors.ts';
import { runCli } from './helpers/cli.ts';

test('parseCli defaults --data to data/ and leaves --out to the command', () => {
  expect(parseCli(['check'])).toEqual({
    command: 'check',
    options: { data: 'data', out: undefined, allowRejects: false, json: false },
  });
  expect(parseCli(['data', '--data', '/x/y', '-o', 'out', '--allow-rejects']).options).toEqual({
    data: '/x/y',
    out: 'out',
    allowRejects: true,
    json: false,
  });
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
  for (const word of ['check', 'data', 'build', '--data', '--out', '--allow-rejects', '--json', '--help']) {
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
});

test('a missing data folder is a clear error naming the folder, exit 2', () => {
  const run = runCli(['check', '--data', '/nonexistent/liangbang-data']);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('/nonexistent/liangbang-data');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
