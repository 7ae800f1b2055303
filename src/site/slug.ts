/**
 * The path segment (and JSON file name) of a department, member or quarter id. Letters, digits,
 * `_`, `-` and `.` (not leading) are kept, so ordinary ids (`D01`, `100234`, `2026-Q1`, 一支部)
 * are their own slug; anything else becomes `~` and its UTF-8 bytes in hex, so distinct ids
 * never share a slug and no id can climb out of its folder.
 */
export function slug(id: string): string {
  let out = '';
  for (const char of id) {
    const keep = /^[\p{L}\p{N}_-]$/u.test(char) || (char === '.' && out !== '');
    out += keep
      ? char
      : [...new TextEncoder().encode(char)].map((b) => `~${b.toString(16).padStart(2, '0')}`).join('');
  }
  if (out === '') throw new Error('invalid id: empty');
  return out;
}
