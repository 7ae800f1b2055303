// A static server for bench/explore.ts that behaves like the nginx example in docs/explore.md:
// precompressed `.br` / `.gz` beside a file are sent when the browser accepts them
// (brotli_static / gzip_static), other text is gzipped on the fly (gzip on), ETag revalidation,
// and long caching for the versioned engine folder and Astro's hashed assets. The project's own server (src/server/static.ts) does none
// of this, so it would measure a worst case.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { createGzip } from 'node:zlib';
import { resolveRequestPath } from '../src/server/static.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.stream',
  '.wasm': 'application/wasm',
};

/** Compressed on the fly when no precompressed copy exists (nginx `gzip on; gzip_types …`). */
const TEXT = /^(text\/|application\/json)/;

/** Files that never change under their URL: a year; everything else is revalidated. */
const IMMUTABLE = /\/(duckdb\/\d[\w.-]*|_assets)\//;

export function benchServer(dir: string): Server {
  return createServer(async (req, res) => {
    let file = resolveRequestPath(dir, req.url ?? '/');
    if (file === null) {
      res.writeHead(400).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const info = await stat(file);
      const accepts = String(req.headers['accept-encoding'] ?? '');
      let body = file;
      let encoding: string | null = null;
      for (const [token, ext] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ] as const) {
        if (encoding === null && accepts.includes(token) && (await stat(file + ext).catch(() => null))) {
          body = file + ext;
          encoding = token;
        }
      }
      const size = (await stat(body)).size;
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const gzipNow = encoding === null && accepts.includes('gzip') && TEXT.test(type);
      const variant = encoding ?? (gzipNow ? 'gzip' : 'identity');
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}-${variant}"`;
      const headers: Record<string, string | number> = {
        'content-type': type,
        'cache-control': IMMUTABLE.test(req.url ?? '') ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        vary: 'Accept-Encoding',
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      if (gzipNow) {
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
        if (req.method === 'HEAD') res.end();
        else
          createReadStream(body)
            .pipe(createGzip({ level: 6 }))
            .pipe(res);
        return;
      }
      res.writeHead(200, {
        ...headers,
        'content-length': size,
        ...(encoding ? { 'content-encoding': encoding } : {}),
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(body).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}
