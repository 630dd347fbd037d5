/**
 * The web console's build as the service serves it: the renderer's build (`renderer/`: index.html,
 * assets, icon.svg) and the console's own (`console/`: the page's bridge, the core's Worker, their chunks
 * and SQLite's WebAssembly), both under one build folder (`npm run build` writes `out/`). A path is
 * looked up in `console/` first, then in `renderer/`.
 *
 * The files are listed when the build is first found, and only listed files are served: dotfiles and
 * dot-folders, symbolic links (they could point anywhere) and anything but regular files are left out, as
 * the desktop shells do (main/node/renderer-files.ts). The list also names the service worker's cache,
 * so a new build (after a restart) replaces the cache browsers keep.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_PATH } from '@shared/protocol/console';
import { CONSOLE_META_CSP } from './policy';

/** The repository's out/, where `npm run build` writes (server/console/ is two folders below the root). */
export const DEFAULT_CONSOLE_BUILD_DIR = fileURLToPath(new URL('../../out', import.meta.url));

/** The page's bridge: a classic script defining `window.sessiondesk`, backed by the core's Worker. */
export const CONSOLE_BRIDGE_FILE = 'console-bridge.js';

/** Where each served path (relative to /console/, `/` between segments) is read from. */
export interface ConsoleBuild {
  /** Relative path → the folder it is read from. */
  readonly files: ReadonlyMap<string, string>;
  /** The renderer's index.html, rewritten for the console. */
  readonly page: string;
  /** A hash of the list and of the page: changes whenever the build does. */
  readonly version: string;
}

/** The build under `buildDir`, or null while there is none (no renderer/index.html). */
export function loadConsoleBuild(buildDir: string): ConsoleBuild | null {
  const rendererDir = resolve(buildDir, 'renderer');
  const consoleDir = resolve(buildDir, 'console');
  if (!existsSync(join(rendererDir, 'index.html'))) return null;
  const files = new Map<string, string>();
  // The console's own files first: where both hold a path, the console's wins.
  if (existsSync(consoleDir)) for (const file of listFiles(consoleDir)) files.set(file, consoleDir);
  for (const file of listFiles(rendererDir)) if (!files.has(file)) files.set(file, rendererDir);
  files.delete('index.html');
  const page = consolePage(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
  const hash = createHash('sha256').update(page);
  // The hashed assets change name when they change; the other files are hashed by their bytes.
  for (const [file, dir] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\n${file}\n`);
    if (!isImmutable(file)) hash.update(readFileSync(join(dir, file)));
  }
  return { files, page, version: hash.digest('hex').slice(0, 16) };
}

/** Regular files under `dir`, relative, without dotfiles, dot-folders or symbolic links. */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.push(`${prefix}${entry.name}`);
    }
  };
  walk(dir, '');
  return files;
}

/** Files Vite names by their content's hash: they never change under the same name. */
export function isImmutable(file: string): boolean {
  return file.startsWith('assets/');
}

/**
 * The renderer's index.html as the console's page: the bridge's script before the first script (the
 * renderer finds `window.sessiondesk` defined, as the desktop's preload defines it), the console's policy
 * in place of the renderer's meta policy, and the manifest. Relative addresses (`./assets/…`) become
 * absolute under /console/, so the page works at any client route's address (/console/a/b reloaded);
 * a `<base>` element would do that too, but the policy's `base-uri 'none'` forbids one.
 */
export function consolePage(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONSOLE_META_CSP}" />`;
  const bridge = `<script src="${CONSOLE_PATH}/${CONSOLE_BRIDGE_FILE}"></script>`;
  const manifest = `<link rel="manifest" href="${CONSOLE_PATH}/manifest.webmanifest" />`;
  let page = html.replace(/(\s(?:src|href)=["'])\.\//g, `$1${CONSOLE_PATH}/`);
  const existing = /<meta\s[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i;
  page = existing.test(page) ? page.replace(existing, meta) : page.replace(/<head[^>]*>/i, `$&\n    ${meta}`);
  page = page.replace(/<\/head>/i, `    ${manifest}\n  </head>`);
  const firstScript = page.search(/<script\b/i);
  return firstScript === -1
    ? page.replace(/<\/body>/i, `${bridge}\n  </body>`)
    : `${page.slice(0, firstScript)}${bridge}\n    ${page.slice(firstScript)}`;
}
