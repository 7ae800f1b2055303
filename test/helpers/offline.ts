// Runs a command with the network cut: in a network namespace of its own (Linux `unshare`),
// which holds nothing but a loopback interface that is down, so that any attempt to reach
// another host fails at once. CI runs as root (`unshare --net`); elsewhere a user namespace
// does it (`unshare -rn`) where the kernel allows one.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CliRun, projectRoot } from './cli.ts';

const bin = fileURLToPath(new URL('../../bin/liangbang.mjs', import.meta.url));

let cached: string[] | undefined;

/** The `unshare` options that give a process a network namespace here. */
function unshareOptions(): string[] {
  if (cached) return cached;
  for (const options of [['--net'], ['--map-root-user', '--net']]) {
    if (spawnSync('unshare', [...options, 'true']).status === 0) {
      cached = options;
      return options;
    }
  }
  throw new Error(
    'cannot cut the network for this test: it needs `unshare --net` (as root) or `unshare -rn` ' +
      '(user namespaces) from util-linux',
  );
}

/** Runs `command` without network, from the project folder, and collects its output. */
export function runOffline(command: string, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', [...unshareOptions(), command, ...args], {
      cwd: projectRoot,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The CLI as a person runs it, without network. */
export const runCliOffline = (args: readonly string[]): Promise<CliRun> =>
  runOffline(process.execPath, [bin, ...args]);
