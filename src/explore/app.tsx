// Browser-only: loaded on demand (dynamic import from ./mount.ts) when the panel opens, with
// React, Plot and duckdb-wasm behind it; nothing here is fetched on a page's first paint.
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Explore, type PanelConfig } from './Explore.tsx';
import type { Explorer } from './engine.ts';
import './explore.css';

const roots = new WeakMap<Element, Root>();

export function mountExplore(element: HTMLElement, config: PanelConfig, explorer: Promise<Explorer>): void {
  let root = roots.get(element);
  if (!root) {
    root = createRoot(element);
    roots.set(element, root);
  }
  root.render(
    <StrictMode>
      <Explore config={config} explorer={explorer} />
    </StrictMode>,
  );
}
