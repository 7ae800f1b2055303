// Browser code of the home page's member search (bundled by Astro; no Node APIs).
import { slug } from './slug.ts';

/** One entry of search.json: [member_id, name, department name]. */
export type SearchEntry = [id: string, name: string, dept: string | null];

/**
 * The entries matching `query` (a name or an id, any part of it; case-insensitive), best first:
 * exact id, id prefix, name prefix, then anywhere; at most `limit`.
 */
export function searchMembers(index: readonly SearchEntry[], query: string, limit = 20): SearchEntry[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const scored: { entry: SearchEntry; score: number; i: number }[] = [];
  index.forEach((entry, i) => {
    const id = entry[0].toLowerCase();
    const name = entry[1].toLowerCase();
    const score =
      id === q
        ? 0
        : name === q
          ? 1
          : id.startsWith(q)
            ? 2
            : name.startsWith(q)
              ? 3
              : name.includes(q) || id.includes(q)
                ? 4
                : -1;
    if (score >= 0) scored.push({ entry, score, i });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.entry);
}

export function mountSearch(form: HTMLFormElement): void {
  const input = form.querySelector('input');
  const status = form.querySelector('.search-status');
  const list = form.querySelector('.search-results');
  const indexUrl = form.dataset.index;
  const base = form.dataset.base ?? '';
  if (!input || !status || !list || !indexUrl) return;
  let index: Promise<SearchEntry[]> | undefined;
  const load = () => {
    index ??= fetch(indexUrl).then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json() as Promise<SearchEntry[]>;
    });
    return index;
  };
  const render = async () => {
    let entries: SearchEntry[];
    try {
      entries = await load();
    } catch {
      status.textContent = '名单加载失败，请刷新页面重试。';
      return;
    }
    const found = searchMembers(entries, input.value);
    list.replaceChildren(
      ...found.map(([id, name, dept]) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `${base}${slug(id)}/`;
        a.textContent = name;
        const meta = document.createElement('span');
        meta.className = 'meta';
        meta.textContent = `${id}${dept ? ` · ${dept}` : ''}`;
        a.append(' ', meta);
        li.append(a);
        return li;
      }),
    );
    status.textContent =
      input.value.trim() === ''
        ? ''
        : found.length === 0
          ? '没有找到匹配的党员。'
          : `找到 ${found.length} 名党员`;
  };
  input.addEventListener('focus', () => void load().catch(() => undefined));
  input.addEventListener('input', () => void render());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = list.querySelector('a');
    if (first) window.location.href = first.href;
  });
}
