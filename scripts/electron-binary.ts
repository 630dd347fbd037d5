/**
 * Where the Electron binary is, without triggering the `electron` package's download (which cannot work
 * offline). `npm start` falls back to the browser shell without it; the Electron app tests skip with
 * this reason (tests/support/electron-binary.ts re-exports it). Node's built-ins only: it is development
 * tooling about the installed `electron` package, not code the app ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { readonly path: string } | { readonly path: null; readonly reason: string };

export function findElectronBinary(): ElectronBinary {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      reason: `the Electron binary is not installed (${pathFile} is missing; run \`npx install-electron\` where GitHub is reachable)`,
    };
  }
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { path: null, reason: `the Electron binary is not installed (${binary} is missing)` };
}
