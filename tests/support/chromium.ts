/**
 * Debian's Chromium, which the browser tests drive (Playwright cannot download its own browser here).
 * CHROMIUM_PATH overrides where it is looked for.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function findChromium(): string {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    ...['chromium', 'chromium-browser'].map((name) => {
      try {
        return execFileSync('which', [name], { encoding: 'utf8' }).trim();
      } catch {
        return undefined;
      }
    }),
    '/usr/bin/chromium',
  ];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      'Chromium not found: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH. .ci/run installs it.',
    );
  }
  return found;
}

/** Flags for a headless Chromium that runs as root, offline, without reaching Google's services. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
