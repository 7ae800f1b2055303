// The only passes JavaScript makes over an export's bytes: sniffing its start (encoding,
// delimiter, header), looking for blank lines (DuckDB skips them, which would shift the row
// numbers after them), and transcoding GB18030 to a temporary UTF-8 file by streaming.
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { type Delimiter, detectDelimiter, firstLine, parseCsv } from '../config/csv.ts';
import {
  encodingProblem,
  hasUtf8Bom,
  incompleteUtf8Tail,
  TextPlausibility,
  Utf8Damage,
  Utf8Validator,
  utf16Bom,
} from '../config/encoding.ts';

const CHUNK = 1 << 20;
const HEAD = 64 * 1024;

export interface Head {
  size: number;
  /** Whether the start is valid UTF-8 (if not, GB18030 is tried). */
  utf8: boolean;
  bom: boolean;
  /** The header cells and the delimiter, when the start decodes; null for an empty file. */
  header: string[] | null;
  delimiter: Delimiter;
  /** UTF-16LE or UTF-16BE: the file is rejected at once. */
  utf16: string | null;
  /** Why the file is rejected at once (UTF-16). */
  problem: string | null;
}

/** Sniffs the first 64 KB of a file. */
export async function readHead(path: string): Promise<Head> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(HEAD, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, bytesRead);
    const bom = hasUtf8Bom(bytes);
    const utf16 = utf16Bom(bytes);
    if (utf16) {
      const text = new TextDecoder(utf16).decode(bytes);
      return {
        size,
        utf8: false,
        bom: false,
        ...headerOf(text),
        utf16,
        problem: encodingProblem(bytes, new Utf8Damage()),
      };
    }
    const validator = new Utf8Validator();
    const utf8 = validator.push(bytes) && (bytesRead < size || validator.end());
    const text = utf8
      ? bytes.subarray(0, bytes.length - incompleteUtf8Tail(bytes)).toString('utf8')
      : iconv.decode(bytes, 'gb18030');
    return { size, utf8, bom, ...headerOf(text), utf16: null, problem: null };
  } finally {
    await fh.close();
  }
}

/** Header cells and delimiter of a decoded text start; null header when there is no text. */
export function headerOf(text: string): { header: string[] | null; delimiter: Delimiter } {
  const line = firstLine(text);
  if (line.trim() === '' && text.replace(/^\uFEFF/, '').trim() === '')
    return { header: null, delimiter: ',' };
  const delimiter = detectDelimiter(line);
  const [record] = parseCsv(line, delimiter);
  return { header: record?.fields ?? [], delimiter };
}

/**
 * Finds blank lines that come before the last data (trailing blank lines are harmless).
 * Fed byte chunks in order.
 */
export class BlankLineDetector {
  #offset = 0;
  #firstBlank = -1;
  #lastContent = -1;
  #tail = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.#firstBlank < 0) {
      // Search the previous chunk's last two bytes together with this chunk.
      const window = this.#tail.length > 0 ? Buffer.concat([this.#tail, chunk.subarray(0, 2)]) : null;
      const base = this.#offset - this.#tail.length;
      const found = [
        window ? window.indexOf('\n\n') : -1,
        window ? window.indexOf('\n\r\n') : -1,
        window ? window.indexOf('\r\r') : -1,
      ].filter((i) => i >= 0);
      if (found.length > 0) this.#firstBlank = base + Math.min(...found);
      else {
        const inChunk = [chunk.indexOf('\n\n'), chunk.indexOf('\n\r\n'), chunk.indexOf('\r\r')].filter(
          (i) => i >= 0,
        );
        if (inChunk.length > 0) this.#firstBlank = this.#offset + Math.min(...inChunk);
      }
    }
    for (let i = chunk.length - 1; i >= 0; i--) {
      const c = chunk[i];
      if (c !== 0x0a && c !== 0x0d && c !== 0x20 && c !== 0x09) {
        this.#lastContent = this.#offset + i;
        break;
      }
    }
    this.#tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
    this.#offset += chunk.length;
  }

  /** True when a blank line precedes data: row numbers need the JavaScript reader. */
  get blankLinesBeforeData(): boolean {
    return this.#firstBlank >= 0 && this.#firstBlank < this.#lastContent;
  }
}

/** Reads a UTF-8 file once for blank lines. */
export async function scanUtf8(path: string): Promise<{ blankLines: boolean }> {
  const fh = await open(path, 'r');
  const detector = new BlankLineDetector();
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      detector.push(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return { blankLines: detector.blankLinesBeforeData };
}

export type Transcoded = { ok: true; blankLines: boolean } | { ok: false; problem: string };

/**
 * Decodes a GB18030 file into a UTF-8 file by streaming, judging on the way whether the
 * text is plausibly GB18030 (and whether it is really damaged UTF-8).
 */
export async function transcodeGb18030(path: string, outPath: string): Promise<Transcoded> {
  const input = await open(path, 'r');
  const output = await open(outPath, 'w');
  const decoder = iconv.getDecoder('gb18030');
  const judge = new TextPlausibility();
  const damage = new Utf8Damage();
  const detector = new BlankLineDetector();
  let head: Buffer | null = null;
  const write = async (text: string) => {
    if (text === '') return;
    judge.push(text);
    const bytes = Buffer.from(text, 'utf8');
    detector.push(bytes);
    await output.write(bytes);
  };
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await input.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      head ??= Buffer.from(chunk.subarray(0, 4));
      damage.push(chunk);
      await write(decoder.write(chunk));
    }
    damage.push(new Uint8Array(0), true);
    await write(decoder.end() ?? '');
  } finally {
    await input.close();
    await output.close();
  }
  if (!judge.plausible || damage.mostlyUtf8) return { ok: false, problem: encodingProblem(head, damage) };
  return { ok: true, blankLines: detector.blankLinesBeforeData };
}
