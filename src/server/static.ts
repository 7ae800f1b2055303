// A small static file server for the built site: `npm start`, the browser tests and the benches
// use it. It behaves like the nginx example in docs/explore.md, so that what is measured here is
// what an intranet server gives: the precompressed `.br` / `.gz` beside a file are sent when the
// browser accepts them (brotli_static / gzip_static), other text is gzipped on the fly (gzip on),
// ETags let the browser revalidate, and the versioned engine folder and Astro's hashed assets are
// cached for a year.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.parquet': 'application/vnd.apache.parquet',
  '.arrow': 'application/vnd.apache.arrow.stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Compressed on the fly when no precompressed copy exists (nginx `gzip on; gzip_types …`). */
const TEXT = /^(text\/|application\/json|image\/svg)/;

/** Files that never change under their URL: a year; everything else is revalidated. */
const IMMUTABLE = /\/(duckdb\/\d[\w.-]*|_assets)\//;

const PRECOMPRESSED = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/** Maps a URL path to a file below root, or null when it would escape root. */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

/** How a response is encoded: a precompressed sibling, gzip on the fly, or as it is. */
export function chooseEncoding(
  acceptEncoding: string,
  type: string,
  siblings: ReadonlySet<'br' | 'gzip'>,
): { encoding: 'br' | 'gzip' | null; onTheFly: boolean } {
  const accepts = (token: string) =>
    acceptEncoding.split(',').some((part) => part.trim().split(';')[0]?.trim() === token);
  for (const [token] of PRECOMPRESSED) {
    if (siblings.has(token) && accepts(token)) return { encoding: token, onTheFly: false };
  }
  if (accepts('gzip') && TEXT.test(type)) return { encoding: 'gzip', onTheFly: true };
  return { encoding: null, onTheFly: false };
}

const exists = async (path: string) => (await stat(path).catch(() => null))?.isFile() === true;

export function serveStatic(dir: string): Server {
  const root = resolve(dir);
  return createServer(async (req, res) => {
    let file = resolveRequestPath(root, req.url ?? '/');
    if (file === null) {
      res.writeHead(400).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const info = await stat(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const siblings = new Set<'br' | 'gzip'>();
      for (const [token, ext] of PRECOMPRESSED) if (await exists(file + ext)) siblings.add(token);
      const { encoding, onTheFly } = chooseEncoding(
        String(req.headers['accept-encoding'] ?? ''),
        type,
        siblings,
      );
      const body = encoding && !onTheFly ? file + (encoding === 'br' ? '.br' : '.gz') : file;
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}-${encoding ?? 'identity'}"`;
      const headers: Record<string, string | number> = {
        'content-type': type,
        'cache-control': IMMUTABLE.test(req.url ?? '') ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        vary: 'Accept-Encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      if (!onTheFly) headers['content-length'] = (await stat(body)).size;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else if (onTheFly)
        createReadStream(body)
          .pipe(createGzip({ level: 6 }))
          .pipe(res);
      else createReadStream(body).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 未找到');
    }
  });
}

/** Starts `server` on a free port of 127.0.0.1 and resolves with its origin. */
export function listenLocal(server: Server): Promise<string> {
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}
