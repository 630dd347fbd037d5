/**
 * The cache's worker thread as the packaged app starts it (bundled by esbuild with code splitting, as the
 * bench bundles the core): what it loads before its first answer. A cold open waits for the worker to
 * load its static imports; the protocol's parser (zod) is needed only when a sync page arrives, so it is
 * left to a chunk imported then. The import graph is read from the bundle's own files.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleCoreChild } from '../../../scripts/bench-client/bundle';
import { ROOT } from '../../../scripts/bench/constants';

const OUT = join(ROOT, 'node_modules/.cache', `sessiondesk-worker-bundle-${process.pid}`);

/** Every module a bundled file loads before it runs: its static imports, followed through the chunks. */
function staticImports(entry: string): { files: Set<string>; packages: Set<string>; dynamic: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const dynamic: string[] = [];
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(join(OUT, file), 'utf8');
    for (const [, spec] of text.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?"([^"]+)";?$/gms)) {
      if (spec!.startsWith('./')) visit(spec!.slice(2));
      else packages.add(spec!);
    }
    for (const [, spec] of text.matchAll(/\bimport\("([^"]+)"\)/g)) dynamic.push(spec!);
  };
  visit(entry);
  return { files, packages, dynamic };
}

describe('the cache worker’s bundle', () => {
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('loads SQLite at start and the page parser (zod) only with the first page', async () => {
    await bundleCoreChild(OUT);
    const worker = staticImports('cache-worker.mjs');
    expect(worker.packages).toContain('better-sqlite3');
    expect([...worker.packages]).not.toContain('zod');
    // The parser is there, one dynamic import away.
    expect(worker.dynamic).toHaveLength(1);
    expect(staticImports(worker.dynamic[0]!.replace('./', '')).packages).toContain('zod');
  }, 60_000);
});
