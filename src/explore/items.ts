// The `items` table is the largest (a row per member, month and item): a page covering a whole
// organisation would fetch megabytes it rarely needs. It is therefore filled on demand, a
// department's slice at a time, remembering which departments' rows it holds so that no row
// is inserted twice when slices overlap (the top department's holds everyone's). Pure apart
// from the Db and the fetch passed in.
import type { Db } from './db.ts';
import type { Slice } from './meta.ts';
import { literal } from './queries.ts';
import { createTableSql, fillTableSql } from './tables.ts';

export class ItemsLoader {
  readonly #db: Db;
  readonly #fetch: (dept: string) => Promise<Uint8Array>;
  readonly #covered = new Set<string>();
  #created = false;
  /** Loads run one after another: each must see what the previous one covered. */
  #queue: Promise<void> = Promise.resolve();

  constructor(db: Db, fetch: (dept: string) => Promise<Uint8Array>) {
    this.#db = db;
    this.#fetch = fetch;
  }

  /** Whether the rows of every department in `depts` are loaded. */
  covers(depts: readonly string[]): boolean {
    return depts.every((d) => this.#covered.has(d));
  }

  /** Loads the slices whose departments are not all loaded yet (the table exists afterwards). */
  need(slices: readonly Slice[]): Promise<void> {
    const run = this.#queue.then(async () => {
      if (!this.#created) {
        await this.#db.exec(createTableSql('items'));
        this.#created = true;
      }
      for (const slice of slices) {
        if (this.covers(slice.covers)) continue;
        const ipc = await this.#fetch(slice.dept);
        const staging = '_load_items';
        await this.#db.exec(`DROP TABLE IF EXISTS ${staging}`);
        await this.#db.insertArrow(staging, ipc);
        const known = [...this.#covered];
        const where = known.length === 0 ? undefined : `dept_id NOT IN (${known.map(literal).join(', ')})`;
        await this.#db.exec(fillTableSql('items', staging, where));
        for (const d of slice.covers) this.#covered.add(d);
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
