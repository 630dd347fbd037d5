/**
 * Builds the test page and its Worker with esbuild (the project's dependency) into `out`: the Worker an
 * ES module, as the console's core Worker is, SQLite's `.wasm` beside it (the package finds it by
 * `new URL('sqlite3.wasm', import.meta.url)`), and an index.html loading the page's script.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');

/** Bundles the Worker (and the page) into `out`; returns the Worker bundle's metafile. */
export async function bundleWasmCacheTest(out: string): Promise<Metafile> {
  mkdirSync(out, { recursive: true });
  const common = {
    bundle: true,
    platform: 'browser' as const,
    target: 'es2022',
    alias: { '@shared': join(ROOT, 'shared') },
    metafile: true,
    logLevel: 'silent' as const,
  };
  const worker = await build({
    ...common,
    entryPoints: [join(HERE, 'worker-entry.ts')],
    outfile: join(out, 'worker.js'),
    format: 'esm',
  });
  await build({
    ...common,
    entryPoints: [join(HERE, 'page-entry.ts')],
    outfile: join(out, 'page.js'),
    format: 'iife',
  });
  const wasm = createRequire(import.meta.url).resolve('@sqlite.org/sqlite-wasm/sqlite3.wasm');
  copyFileSync(wasm, join(out, 'sqlite3.wasm'));
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><title>cache</title><script src="page.js"></script>\n',
  );
  return worker.metafile!;
}
