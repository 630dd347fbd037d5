/**
 * Builds the web console's own files into out/console/ (the renderer is electron-vite's out/renderer/,
 * served as it is): the page's bridge (a classic script) and the core's Worker (an ES module, with SQLite's
 * WebAssembly beside it). esbuild, as the browser shell bundles its bridge: two entries with two formats,
 * no HTML, no dev server — and with `platform: 'browser'` a `node:` import anywhere in the Worker's graph
 * fails the build, which is the web console's layering rule made concrete.
 *
 * Run by `npm run build` after electron-vite; `--check` builds in memory and prints the sizes.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'console');
const check = process.argv.includes('--check');

const common: BuildOptions = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  write: !check,
  metafile: true,
};

/** SQLite's WebAssembly, which the Worker's sqlite-wasm loads from beside itself. */
function sqliteWasm(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@sqlite.org/sqlite-wasm')), 'sqlite3.wasm');
}

async function main(): Promise<void> {
  if (!check) {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
  }
  const [bridge, worker] = await Promise.all([
    build({
      ...common,
      entryPoints: { 'console-bridge': join(root, 'main/web-console/page/console-bridge.ts') },
      tsconfig: join(root, 'main/web-console/page/tsconfig.json'),
      format: 'iife',
      outdir: outDir,
    }),
    build({
      ...common,
      entryPoints: { 'core-worker': join(root, 'main/web-console/core-worker.ts') },
      tsconfig: join(root, 'main/web-console/tsconfig.json'),
      format: 'esm',
      outdir: outDir,
    }),
  ]);
  if (!check) copyFileSync(sqliteWasm(), join(outDir, 'sqlite3.wasm'));
  for (const result of [bridge, worker]) {
    for (const [file, output] of Object.entries(result.metafile?.outputs ?? {})) {
      if (!file.endsWith('.map')) console.log(`${file}  ${(output.bytes / 1024).toFixed(1)} KiB`);
    }
  }
}

await main();
