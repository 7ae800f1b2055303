import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chooseEncoding, resolveRequestPath, serveStatic } from '../src/server/static.ts';

test('resolveRequestPath keeps requests inside the site folder', () => {
  expect(resolveRequestPath('/srv/site', '/dept/D01/')).toBe('/srv/site/dept/D01/');
  expect(resolveRequestPath('/srv/site', '/a%20b.csv?x=1')).toBe('/srv/site/a b.csv');
  expect(resolveRequestPath('/srv/site', '/../etc/passwd')).toBeNull();
  expect(resolveRequestPath('/srv/site', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
  expect(resolveRequestPath('/srv/site', '/%E0%A4%A')).toBeNull();
});

test('chooseEncoding prefers a precompressed sibling the browser accepts, then gzip for text', () => {
  const both = new Set(['br', 'gzip'] as const);
  const wasm = 'application/wasm';
  expect(chooseEncoding('gzip, deflate, br', wasm, both)).toEqual({ encoding: 'br', onTheFly: false });
  expect(chooseEncoding('gzip', wasm, both)).toEqual({ encoding: 'gzip', onTheFly: false });
  // "br" must be a token of its own, not part of another.
  expect(chooseEncoding('xbr', wasm, both)).toEqual({ encoding: null, onTheFly: false });
  expect(chooseEncoding('gzip, br', wasm, new Set())).toEqual({ encoding: null, onTheFly: false });
  expect(chooseEncoding('gzip, br', 'text/html; charset=utf-8', new Set())).toEqual({
    encoding: 'gzip',
    onTheFly: true,
  });
  expect(chooseEncoding('', 'text/html; charset=utf-8', both)).toEqual({ encoding: null, onTheFly: false });
});

describe('serveStatic', () => {
  let dir = '';
  let url = '';
  let close = () => {};
  const wasm = Buffer.alloc(4096, 7);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liangbang-static-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><p>亮榜</p>');
    await writeFile(join(dir, 'engine.wasm'), wasm);
    await writeFile(join(dir, 'engine.wasm.br'), brotliCompressSync(wasm));
    const server = serveStatic(dir);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await rm(dir, { recursive: true, force: true });
  });

  test('sends the .br sibling with its encoding, and the file itself to a browser without brotli', async () => {
    const br = await fetch(`${url}/engine.wasm`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(Buffer.from(await br.arrayBuffer()).equals(wasm)).toBe(true); // fetch decodes it
    const plain = await fetch(`${url}/engine.wasm`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(wasm.length);
  });

  test('gzips pages on the fly and answers a matching ETag with 304', async () => {
    const { request } = await import('node:http');
    const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
      request(`${url}/`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', fail)
        .end();
    });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(raw.body).toString()).toContain('亮榜');
    const again = await fetch(`${url}/`, {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(raw.headers.etag) },
    });
    expect(again.status).toBe(304);
  });

  test('a missing file is a 404 in Chinese, a path out of the folder a 400', async () => {
    const missing = await fetch(`${url}/nope.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('未找到');
    expect((await fetch(`${url}/%E0%A4%A`)).status).toBe(400);
  });
});
