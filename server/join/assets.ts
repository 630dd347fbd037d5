/**
 * The join page's stylesheet and script, served by the service itself (no third-party assets). The script
 * is TypeScript, transpiled once at start.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

export interface JoinAssets {
  readonly css: string;
  readonly js: string;
  readonly icon: string;
  /** Changes whenever either asset does. */
  readonly version: string;
}

export function loadJoinAssets(): JoinAssets {
  const css = readFileSync(new URL('./assets/join.css', import.meta.url), 'utf8');
  const source = readFileSync(new URL('./client/join-page.ts', import.meta.url), 'utf8');
  const js = transformSync(source, { loader: 'ts', format: 'iife', target: 'es2020', minify: true }).code;
  const icon = readFileSync(new URL('./assets/icon.svg', import.meta.url), 'utf8');
  const version = createHash('sha256').update(css).update(js).update(icon).digest('hex').slice(0, 12);
  return { css, js, icon, version };
}
