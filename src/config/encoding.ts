// Which text encoding a CSV file is in (SPEC §1.3): UTF-8 with or without BOM, or GB18030/GBK
// as Excel saves it in a Chinese locale. A file that is valid UTF-8 is UTF-8; otherwise it is
// GB18030 when it decodes as such plausibly; otherwise it is rejected whole. Pure functions and
// small accumulators, so that a file can be judged chunk by chunk without holding it as a string.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'gb18030';

const BOM = [0xef, 0xbb, 0xbf] as const;

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** UTF-16 and UTF-32 files (Excel's "Unicode text") start with a byte order mark we can name. */
export function utf16Bom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return null;
}

/**
 * Number of bytes at the end of `bytes` that start a UTF-8 sequence the chunk does not finish,
 * so that a chunk can be validated up to a character boundary and the rest carried over.
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back] as number;
    if (b < 0x80) return 0; // ASCII: everything before is complete
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? back : 0;
    }
  }
  return 0;
}

/** Validates UTF-8 chunk by chunk (sequences may straddle chunks). */
export class Utf8Validator {
  #carry: Uint8Array = new Uint8Array(0);
  valid = true;

  push(chunk: Uint8Array): boolean {
    if (!this.valid) return false;
    let bytes = chunk;
    if (this.#carry.length > 0) {
      bytes = new Uint8Array(this.#carry.length + chunk.length);
      bytes.set(this.#carry, 0);
      bytes.set(chunk, this.#carry.length);
    }
    const tail = incompleteUtf8Tail(bytes);
    this.valid = isUtf8(bytes.subarray(0, bytes.length - tail));
    this.#carry = bytes.slice(bytes.length - tail);
    return this.valid;
  }

  end(): boolean {
    if (this.#carry.length > 0) this.valid = false;
    return this.valid;
  }
}

/** Code points we expect in Chinese office text besides ASCII. */
function isExpectedNonAscii(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0x3400 && c <= 0x4dbf) || // extension A
    (c >= 0x3000 && c <= 0x303f) || // CJK symbols and punctuation
    (c >= 0xff00 && c <= 0xffef && c !== 0xfffd) || // full-width forms
    (c >= 0x2000 && c <= 0x27bf) || // punctuation, symbols, arrows, circled numbers, box drawing
    (c >= 0x00a0 && c <= 0x00ff) || // Latin-1 symbols (·, ×, °)
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xd800 && c <= 0xdfff) // surrogate halves: characters beyond the BMP (extension B…)
  );
}

/**
 * Judges decoded text: is it plausibly Chinese office text? No replacement characters, no
 * control characters other than tab and line breaks, and nearly all non-ASCII characters CJK,
 * CJK punctuation or full-width forms.
 */
export class TextPlausibility {
  replacement = 0;
  control = 0;
  nonAscii = 0;
  unexpected = 0;

  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) this.control++;
        continue;
      }
      this.nonAscii++;
      if (c === 0xfffd) this.replacement++;
      else if (!isExpectedNonAscii(c)) this.unexpected++;
    }
  }

  get plausible(): boolean {
    return this.replacement === 0 && this.control === 0 && this.unexpected <= this.nonAscii * 0.02;
  }
}

/**
 * Counts how a non-UTF-8 file fares when read as UTF-8: a GB18030 file breaks on nearly every
 * Chinese character, while a UTF-8 file with a few corrupt bytes keeps most sequences intact.
 */
export class Utf8Damage {
  #decoder = new TextDecoder('utf-8', { fatal: false });
  replaced = 0;
  decoded = 0;
  /** Line (1-based, physical) of the first undecodable byte. */
  firstBadLine: number | null = null;
  #lines = 1;

  push(chunk: Uint8Array, final = false): void {
    const text = this.#decoder.decode(chunk, { stream: !final });
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) this.#lines++;
      else if (c === 0xfffd) {
        this.replaced++;
        this.firstBadLine ??= this.#lines;
      } else if (c >= 0x80) this.decoded++;
    }
  }

  /** True when most non-ASCII text is valid UTF-8: a damaged UTF-8 file, not GB18030. */
  get mostlyUtf8(): boolean {
    return this.decoded > 0 && this.replaced <= (this.decoded + this.replaced) * 0.1;
  }
}

/** Why a file's bytes are neither UTF-8 nor GB18030, as one Chinese sentence with the fix. */
export function encodingProblem(bytes: Uint8Array | null, damage: Utf8Damage): string {
  const bom = bytes ? utf16Bom(bytes) : null;
  if (bom) return `文件是 ${bom} 编码，无法读取；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”`;
  if (damage.mostlyUtf8) {
    const where = damage.firstBadLine === null ? '' : `（约第 ${damage.firstBadLine} 行）`;
    return `文件大部分是 UTF-8，但含有无效字节${where}，文件可能已损坏；请从系统重新导出`;
  }
  return '文件既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”';
}

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; problem: string };

/** Decodes a whole (small) file: the roster and the tree. Strips a UTF-8 BOM. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  }
  const damage = new Utf8Damage();
  damage.push(bytes, true);
  if (!utf16Bom(bytes) && !damage.mostlyUtf8) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
    const judge = new TextPlausibility();
    judge.push(text);
    if (judge.plausible) return { ok: true, text, encoding: 'gb18030' };
  }
  return { ok: false, problem: encodingProblem(bytes, damage) };
}
