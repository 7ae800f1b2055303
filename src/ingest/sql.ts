// The ingest SQL files and their placeholders (`{{name}}`), filled per export file.
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

/** The text of `src/ingest/<name>.sql`. */
export function sqlFile(name: string): string {
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}

/** Replaces every `{{name}}`; a placeholder without a value is a bug. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`ingest SQL placeholder {{${name}}} has no value`);
    return value;
  });
}

/** A SQL string literal. */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
