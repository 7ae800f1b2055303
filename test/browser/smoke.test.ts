import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseDepartments } from '../../src/config/roster.ts';
import { launchBrowser, recordForeignRequests, type Served, serve } from '../helpers/browser.ts';
import { projectRoot, runCli } from '../helpers/cli.ts';

let work: string;
let site: Served;
let browser: Browser;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'liangbang-smoke-'));
  const run = runCli(['build', '--data', 'data', '--out', join(work, 'dist')]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  site = await serve(join(work, 'dist'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(work, { recursive: true, force: true });
});

test('the demo index page lists every department of data/ in Chinese, with no foreign request', async () => {
  const page = await browser.newPage();
  const foreign = await recordForeignRequests(page, site.url);
  await page.goto(`${site.url}/`);
  const departments = parseDepartments(readFileSync(join(projectRoot, 'data/departments.csv'), 'utf8'));
  expect(departments.length).toBeGreaterThan(20);
  const shown = await page.locator('.dept-name').allTextContents();
  expect(shown.sort()).toEqual(departments.map((d) => d.name).sort());
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await expect(page.locator('h1').textContent()).resolves.toContain('党员积分亮榜');
  expect(foreign).toEqual([]);
  await page.close();
});
