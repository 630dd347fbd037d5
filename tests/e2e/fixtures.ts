/** Fixtures for browser tests: the built renderer served on a free loopback port. */
import { test as base } from '@playwright/test';
import { preview } from 'vite';

async function serveRenderer(use: (url: string) => Promise<void>): Promise<void> {
  const server = await preview({
    configFile: false,
    root: 'out/renderer',
    build: { outDir: '.' },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    logLevel: 'silent',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no address');
  try {
    await use(url);
  } finally {
    await server.close();
  }
}

export const test = base.extend<object, { rendererUrl: string }>({
  // Playwright reads a fixture's dependencies from its first parameter, which must be a destructuring.
  // eslint-disable-next-line no-empty-pattern
  rendererUrl: [async ({}, use) => serveRenderer(use), { scope: 'worker' }],
});

export { expect } from '@playwright/test';
