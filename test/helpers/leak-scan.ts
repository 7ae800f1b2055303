// Looks for many strings at once in every file of a built site (test/trust/audience-leak.test.ts):
// an Aho–Corasick automaton over UTF-8 bytes, so that binary files (Arrow, WebAssembly) are
// scanned as they are. Each text file is also scanned with its escapes undone (JSON \uXXXX and
// \n, HTML character references, percent-encoding), and .br/.gz copies are decompressed first.
import { isUtf8 } from 'node:buffer';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface Hit {
  needle: string;
  file: string;
}

export interface Scanner {
  /** The needles found in `bytes`, by index into the list given to createScanner. */
  scan(bytes: Uint8Array): Set<number>;
}

/** A scanner for `needles` (non-empty strings), as UTF-8 bytes. */
export function createScanner(needles: readonly string[]): Scanner {
  const encoder = new TextEncoder();
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  needles.forEach((needle, index) => {
    const bytes = encoder.encode(needle);
    if (bytes.length === 0) throw new Error('an empty needle matches everything');
    let node = 0;
    for (const byte of bytes) {
      let next = children[node]?.get(byte);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push([]);
        children[node]?.set(byte, next);
      }
      node = next;
    }
    ends[node]?.push(index);
  });
  // The full transition table (node × byte → node) and, per node, the nearest proper suffix
  // that ends a needle, so that the scan loop is one table look-up per byte.
  const count = children.length;
  const delta = new Int32Array(count * 256);
  const fail = new Int32Array(count);
  const output = new Int32Array(count).fill(-1);
  const queue: number[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const next = children[0]?.get(byte);
    if (next !== undefined) {
      delta[byte] = next;
      queue.push(next);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] ?? 0;
    const suffix = fail[node] ?? 0;
    output[node] = (ends[suffix]?.length ?? 0) > 0 ? suffix : (output[suffix] ?? -1);
    for (let byte = 0; byte < 256; byte++) {
      const next = children[node]?.get(byte);
      if (next === undefined) delta[node * 256 + byte] = delta[suffix * 256 + byte] ?? 0;
      else {
        delta[node * 256 + byte] = next;
        fail[next] = node === 0 ? 0 : (delta[suffix * 256 + byte] ?? 0);
        queue.push(next);
      }
    }
  }
  const reports = new Uint8Array(count);
  for (let node = 1; node < count; node++) {
    reports[node] = (ends[node]?.length ?? 0) > 0 || (output[node] ?? -1) >= 0 ? 1 : 0;
  }
  return {
    scan(bytes) {
      const found = new Set<number>();
      let state = 0;
      for (let i = 0; i < bytes.length; i++) {
        state = delta[state * 256 + (bytes[i] ?? 0)] ?? 0;
        if (reports[state] === 0) continue;
        for (let node = state; node > 0; node = output[node] ?? -1) {
          for (const index of ends[node] ?? []) found.add(index);
        }
      }
      return found;
    },
  };
}

const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };
const JSON_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
const ESCAPE = /\\u[0-9a-fA-F]{4}|\\["\\/bfnrt]|&#[xX][0-9a-fA-F]+;|&#\d+;|&[a-z]+;|(?:%[0-9a-fA-F]{2})+/;

/** UTF-8 bytes of a code point (or of a lone surrogate, as WTF-8), as latin1 text. */
function utf8Latin1(codePoint: number): string {
  if (codePoint < 0 || codePoint > 0x10ffff) return '';
  if (codePoint < 0x80) return String.fromCharCode(codePoint);
  if (codePoint < 0x800) return String.fromCharCode(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 63));
  if (codePoint < 0x10000) {
    return String.fromCharCode(
      0xe0 | (codePoint >> 12),
      0x80 | ((codePoint >> 6) & 63),
      0x80 | (codePoint & 63),
    );
  }
  return String.fromCharCode(
    0xf0 | (codePoint >> 18),
    0x80 | ((codePoint >> 12) & 63),
    0x80 | ((codePoint >> 6) & 63),
    0x80 | (codePoint & 63),
  );
}

/**
 * `bytes` with JSON escapes, HTML character references and percent-encoding undone (as UTF-8),
 * or null when there is none, or when `bytes` is not UTF-8 text at all (a binary file: Arrow,
 * WebAssembly; escapes mean nothing there, and its strings are scanned as stored). Works on the
 * bytes as latin1 text, so that it never fails.
 */
export function unescaped(bytes: Uint8Array): Uint8Array | null {
  if (!isUtf8(bytes)) return null;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!ESCAPE.test(text)) return null;
  const out = text
    .replace(/\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})/g, (_, hi: string, lo: string) =>
      utf8Latin1(0x10000 + ((Number.parseInt(hi, 16) - 0xd800) << 10) + (Number.parseInt(lo, 16) - 0xdc00)),
    )
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => utf8Latin1(Number.parseInt(hex, 16)))
    .replace(/\\(["\\/bfnrt])/g, (_, c: string) => JSON_ESCAPES[c] ?? c)
    .replace(/&#[xX]([0-9a-fA-F]+);/g, (_, hex: string) => utf8Latin1(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => utf8Latin1(Number.parseInt(dec, 10)))
    .replace(/&([a-z]+);/g, (entity: string, name: string) => NAMED[name] ?? entity)
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run: string) =>
      String.fromCharCode(
        ...run
          .split('%')
          .slice(1)
          .map((hex) => Number.parseInt(hex, 16)),
      ),
    );
  return Buffer.from(out, 'latin1');
}

export interface TreeScan {
  hits: Hit[];
  /** Files read (compressed copies counted once each). */
  files: number;
  /** Bytes scanned, decompressed. */
  bytes: number;
}

/**
 * Scans every file below `root`: as stored, with escapes undone, and, for `.br`/`.gz`, its
 * decompressed content (skipped only when it is byte for byte the file beside it, scanned
 * already). A compressed copy that does not decompress is reported as a hit on its name.
 */
export async function scanTree(root: string, needles: readonly string[]): Promise<TreeScan> {
  const scanner = createScanner(needles);
  const hits: Hit[] = [];
  let files = 0;
  let bytes = 0;
  const scanBytes = (file: string, data: Uint8Array) => {
    bytes += data.length;
    const found = scanner.scan(data);
    const plain = unescaped(data);
    if (plain) for (const index of scanner.scan(plain)) found.add(index);
    for (const index of found) hits.push({ needle: needles[index] ?? '', file });
  };
  const entries = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const file = relative(root, path);
    const data = await readFile(path);
    files++;
    scanBytes(file, data);
    const compression = /\.(br|gz)$/.exec(entry.name)?.[1];
    if (!compression) continue;
    let inner: Buffer;
    try {
      inner = compression === 'br' ? brotliDecompressSync(data) : gunzipSync(data);
    } catch {
      hits.push({ needle: `(${compression} that does not decompress)`, file });
      continue;
    }
    const sibling = await readFile(path.slice(0, -compression.length - 1)).catch(() => null);
    if (sibling?.equals(inner)) continue;
    scanBytes(`${file} (decompressed)`, inner);
  }
  return { hits, files, bytes };
}
