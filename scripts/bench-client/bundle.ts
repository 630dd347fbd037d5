/**
 * The measured core as the packaged app runs it: the app's own code bundled into plain JavaScript (as
 * electron-vite builds out/main/main.js), its dependencies (better-sqlite3, ws, zod…) left to
 * node_modules, run by plain Node without a TypeScript loader. esbuild bundles core-child.ts with code
 * splitting, so the child's dynamic imports of the core stay separate chunks that it imports (and times)
 * itself, after Node has started.
 *
 * The bundle is written under node_modules/.cache, so that its bare imports resolve to the project's
 * node_modules; the caller removes it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../bench/constants';

/** Bundles the core's process into a fresh folder; its entry point. */
export async function bundleCoreChild(outdir: string): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: {
      'core-child': join(ROOT, 'scripts/bench-client/core-child.ts'),
      // The cache's worker thread, found beside the bundle as the app finds it beside out/main/main.js.
      'cache-worker': join(ROOT, 'main/core/cache/node/cache-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    tsconfig: join(ROOT, 'main/tsconfig.json'),
    logLevel: 'warning',
  });
  return join(outdir, 'core-child.mjs');
}

/** Where the bundle of this run goes. */
export const bundleDir = () => join(ROOT, 'node_modules/.cache', `sessiondesk-bench-client-${process.pid}`);
