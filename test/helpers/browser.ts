import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { serveStatic } from '../../src/server/static.ts';

/** Debian's chromium (CI installs it); CHROMIUM_PATH overrides. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH');
  }
}

/**
 * The CJK font Chinese text is laid out in, for benchmarks: without one every layout searches
 * for a fallback (steps ten times slower than any reader's machine), so they refuse to run.
 */
export function cjkFont(): string {
  const fc = (command: string, ...args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).trim();
    } catch {
      return ''; // no fontconfig: no font either
    }
  };
  if (fc('fc-list', ':lang=zh') === '') {
    throw new Error('no CJK font: apt-get install -y fonts-noto-cjk (as .ci/run does)');
  }
  return fc('fc-match', '-f', '%{family[0]}', 'sans-serif:lang=zh-cn');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Desktop Chromium loads its omnibox popup (a WebUI page) in a renderer of its own with
      // every new window: ~450 ms of CPU per cold page on a 2-core machine. Puppeteer's default.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
    ],
  });
}

export interface Served {
  url: string;
  close: () => Promise<void>;
}

export function serve(dir: string): Promise<Served> {
  const server = serveStatic(dir);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * Aborts every request that leaves `origin` and records it, so a test can assert that the
 * page asked nothing of the (absent) internet. On a context, it sees its workers' requests too.
 */
export async function recordForeignRequests(page: Page | BrowserContext, origin: string): Promise<string[]> {
  const foreign: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return foreign;
}

/** Waits until the 数据探索 panel shows `level` (departments, members, items) and is no longer busy. */
export async function waitForLevel(page: Page, level: string): Promise<void> {
  await page.waitForFunction(
    (l) =>
      document.querySelector('.explore-view')?.getAttribute('data-level') === l &&
      document.querySelector('.explore-panel')?.getAttribute('aria-busy') !== 'true',
    level,
  );
}
