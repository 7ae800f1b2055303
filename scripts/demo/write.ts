/**
 * Writes a demo data folder. Node-only I/O around the pure parts (plan, rows, csv, scheme):
 * each export is generated month by month and written in chunks of a few MB, so memory stays
 * flat at any size. Every file is written to `NAME.tmp` and renamed when complete.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ChunkWriter, departmentsCsv, ExportEncoder, exportFormat, membersCsv } from './csv.ts';
import { isoMonth } from './month.ts';
import { type DemoOptions, planDemo } from './plan.ts';
import { generateMonth } from './rows.ts';
import { schemeYaml } from './scheme.ts';

export interface WriteSummary {
  /** Paths relative to the output folder, in writing order. */
  readonly files: readonly string[];
  /** Data rows over all exports. */
  readonly rows: number;
  /** Bytes over all files. */
  readonly bytes: number;
}

/** Bytes per write. */
const CHUNK_BYTES = 4 * 1024 * 1024;
const EXPORT_NAME = /^\d{4}-\d{2}\.csv$/;

/** The command line that regenerates a folder, recorded at the top of scheme.yaml. */
export function commandLine(options: DemoOptions, out: string): string {
  const { members, months, seed, start } = options;
  return `npx node scripts/generate-demo.ts --members ${members} --months ${months} --seed ${seed} --start ${isoMonth(start)} --out ${out}`;
}

const encodeUtf8 = (text: string) => Buffer.from(text, 'utf8');
const encodeGb18030 = (text: string) => iconv.encode(text, 'gb18030');

function writeAtomic(path: string, write: (fd: number) => number): number {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let bytes: number;
  try {
    bytes = write(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return bytes;
}

function writeText(path: string, text: string): number {
  const data = Buffer.from(text, 'utf8');
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
  return data.length;
}

/**
 * Writes `scheme.yaml`, `departments.csv`, `members.csv` and `exports/YYYY-MM.csv` into `out`.
 * Export files of the `YYYY-MM.csv` form left from an earlier run with other months are removed.
 * `command` is recorded in scheme.yaml's header comment. `encoding: 'utf8'` writes every month as
 * UTF-8 (benchmarks compare with DuckDB's read_csv, which reads no GB18030).
 */
export function writeDemo(
  options: DemoOptions,
  out: string,
  command: string,
  encoding: 'mixed' | 'utf8' = 'mixed',
): WriteSummary {
  const plan = planDemo(options);
  const exportsDir = join(out, 'exports');
  mkdirSync(exportsDir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  let rows = 0;
  const text = (name: string, content: string) => {
    bytes += writeText(join(out, name), content);
    files.push(name);
  };
  text('scheme.yaml', schemeYaml(plan, command));
  text('departments.csv', departmentsCsv(plan));
  text('members.csv', membersCsv(plan));

  const written = new Set<string>();
  const encoders = new Map<string, ExportEncoder>();
  plan.months.forEach((month, m) => {
    const name = `${isoMonth(month)}.csv`;
    const mixed = exportFormat(m);
    const format = encoding === 'utf8' ? { ...mixed, encoding: 'utf8' as const } : mixed;
    const key = JSON.stringify(format);
    let encoder = encoders.get(key);
    if (!encoder) {
      encoder = new ExportEncoder(format, format.encoding === 'gb18030' ? encodeGb18030 : encodeUtf8);
      encoders.set(key, encoder);
    }
    const rowEncoder = encoder;
    rowEncoder.startMonth(month, plan.members.length);
    bytes += writeAtomic(join(exportsDir, name), (fd) => {
      let size = 0;
      const out = new ChunkWriter(CHUNK_BYTES, (chunk) => {
        writeSync(fd, chunk);
        size += chunk.length;
      });
      out.put(rowEncoder.header());
      generateMonth(plan, m, (row) => {
        rowEncoder.row(row, out);
        rows++;
      });
      out.drain();
      return size;
    });
    written.add(name);
    files.push(`exports/${name}`);
  });
  for (const name of readdirSync(exportsDir)) {
    if (EXPORT_NAME.test(name) && !written.has(name)) rmSync(join(exportsDir, name));
  }
  return { files, rows, bytes };
}
