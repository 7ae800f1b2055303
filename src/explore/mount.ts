// The page's small script for the 数据探索 panel (src/components/ExplorePanel.astro). It binds the
// button and loads the panel (React, Plot, duckdb-wasm and the data) only when the person opens
// it, or at once when the URL carries a panel state (a shared link, a reload).
import { type EngineWorker, startEngineWorker } from './worker.ts';

/**
 * `?explore=1` opens the panel on load (KEYS.open in ./state.ts; kept here so that this script
 * stays small and imports only ./worker.ts).
 */
export const OPEN_KEY = 'explore';

const wantsOpen = (search: string): boolean => new URLSearchParams(search).get(OPEN_KEY) === '1';

export interface PanelElements {
  section: HTMLElement;
  button: HTMLButtonElement;
  root: HTMLElement;
}

function elements(section: HTMLElement): PanelElements | null {
  const button = section.querySelector<HTMLButtonElement>('button.explore-open');
  const root = section.querySelector<HTMLElement>('.explore-root');
  return button && root ? { section, button, root } : null;
}

async function open({ section, button, root }: PanelElements): Promise<void> {
  const data = section.dataset;
  button.setAttribute('aria-expanded', 'true');
  button.disabled = true;
  root.hidden = false;
  if (root.childElementCount === 0) {
    const status = document.createElement('p');
    status.className = 'explore-loading';
    status.setAttribute('role', 'status');
    status.textContent = '正在加载数据探索……';
    root.append(status);
  }
  performance.mark('explore:open');
  const urls = { engine: data.engine ?? '', shared: data.shared ?? '' };
  // The engine's worker starts compiling its 34 MB of WebAssembly now, while duckdb-wasm's
  // script, React and Plot load side by side; engine.ts says in Chinese what failed, if anything.
  let early: EngineWorker | null = null;
  try {
    early = startEngineWorker(urls.engine);
  } catch {
    // Started again, and explained, by engine.ts.
  }
  const explorer = import('./engine.ts').then((engine) =>
    engine.startExplorer(urls, data.scope ?? '', early),
  );
  explorer.catch(() => undefined);
  try {
    const { mountExplore } = await import('./app.tsx');
    mountExplore(root, { scope: data.scope ?? '', period: data.period || null, urls }, explorer);
  } catch {
    const error = document.createElement('p');
    error.className = 'explore-error';
    error.setAttribute('role', 'alert');
    error.textContent = '数据探索加载失败，请检查网络后刷新页面重试。';
    root.replaceChildren(error);
    button.disabled = false;
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => void open({ section, button, root }), { once: true });
  }
}

export function bindExplore(): void {
  for (const section of document.querySelectorAll<HTMLElement>('section[data-explore]')) {
    const parts = elements(section);
    if (!parts) continue;
    parts.button.addEventListener('click', () => void open(parts), { once: true });
    if (wantsOpen(window.location.search)) void open(parts);
  }
}
