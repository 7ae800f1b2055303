// Build time, inside Astro (Vite): the screen's script and stylesheet, built for the Chromium of
// old Android TV boxes (ES2019, plain CSS) and minified, to inline into every screen page. One
// response then holds the whole screen: the first slide waits for no second request (a TV on
// Wi-Fi pays a round trip for each), and the parser runs the script as soon as it reaches it,
// without a frame of an empty page first (bench/screens.ts measures the time to the first slide).
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { build, type Plugin, transform } from 'esbuild';
import styleSource from './screen.css?raw';

/** The client's modules as text, keyed `./client/<name>.ts` (Vite reads them at build time). */
const sources = import.meta.glob<string>('./client/*.ts', { query: '?raw', import: 'default', eager: true });

const ENTRY = './client/main.ts';
/** Chromium 73 runs ES2019 and the CSS of screen.css (docs/screens.md). */
const SCRIPT_TARGET = 'es2019';
const STYLE_TARGET = 'chrome73';

/** Resolves the client's relative imports among `sources`, so the bundle reads no file. */
const fromSources: Plugin = {
  name: 'screen-client-sources',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const path = args.importer ? `./${posix.join(posix.dirname(args.importer), args.path)}` : args.path;
      if (sources[path] === undefined)
        return { errors: [{ text: `${args.path}: not a module of src/screen/client` }] };
      return { path, namespace: 'screen-client' };
    });
    b.onLoad({ filter: /.*/, namespace: 'screen-client' }, (args) => ({
      contents: sources[args.path] ?? '',
      loader: 'ts',
    }));
  },
};

export interface ScreenAssets {
  /** A classic script (an IIFE), safe inside <script>. */
  script: string;
  /** Safe inside <style>. */
  style: string;
  /** The Content-Security-Policy source of the script's exact text (`sha256-…`). */
  scriptHash: `sha256-${string}`;
  styleHash: `sha256-${string}`;
}

/** The CSP hash source of an inline element's text: the page allows exactly this text to run. */
export const cspHash = (text: string): `sha256-${string}` =>
  `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

async function buildAssets(): Promise<ScreenAssets> {
  const bundle = await build({
    entryPoints: [ENTRY],
    plugins: [fromSources],
    bundle: true,
    write: false,
    format: 'iife',
    target: SCRIPT_TARGET,
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const script = (bundle.outputFiles[0]?.text ?? '').trim().replace(/<\/(script)/gi, '<\\/$1');
  const style = (
    await transform(styleSource, { loader: 'css', minify: true, target: STYLE_TARGET })
  ).code.trim();
  if (/<\/style/i.test(style)) throw new Error('screen.css must not contain "</style"');
  return { script, style, scriptHash: cspHash(script), styleHash: cspHash(style) };
}

let built: Promise<ScreenAssets> | null = null;

/** Built once per site build (every screen page inlines the same); again on each call in dev. */
export function screenAssets(): Promise<ScreenAssets> {
  if (import.meta.env.DEV) return buildAssets();
  if (!built) built = buildAssets();
  return built;
}
