/**
 * The web console's page in a real browser (Debian's Chromium) against a real service, on a small fake
 * build: the bridge runs before the renderer's bundle under the console's policy, which allows the
 * WebAssembly SQLite needs and refuses eval; the service worker installs and, with the service stopped,
 * the console still opens from its cache.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { startTestService, type TestService } from '../support/service-harness';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'" />
    <title>Sessiondesk</title>
    <script type="module" crossorigin src="./assets/index-Zx9.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

/** The smallest WebAssembly module: the magic number and version 1. */
const EMPTY_WASM = '[0, 97, 115, 109, 1, 0, 0, 0]';

const BUNDLE = `
const facts = { bridge: typeof window.sessiondesk, bridgeFirst: window.bridgeRanFirst === true };
try { new Function('return 1')(); facts.eval = 'allowed'; } catch { facts.eval = 'refused'; }
WebAssembly.compile(new Uint8Array(${EMPTY_WASM})).then(
  () => (facts.wasm = 'compiled'),
  () => (facts.wasm = 'refused'),
).then(() => { document.getElementById('root').textContent = JSON.stringify(facts); });
`;

const BRIDGE = `
window.bridgeRanFirst = !document.querySelector('#root');
window.sessiondesk = Object.freeze({});
window.swReady = navigator.serviceWorker
  .register('/console/sw.js', { scope: '/console/' })
  .then(() => navigator.serviceWorker.ready)
  .then(() => 'ready', (error) => String(error));
`;

function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'sessiondesk-console-browser-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('renderer/index.html', INDEX);
  write('renderer/assets/index-Zx9.js', BUNDLE);
  write('renderer/icon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write('console/console-bridge.js', BRIDGE);
  return root;
}

declare global {
  interface Window {
    swReady?: Promise<string>;
  }
}

describe('the web console in Chromium', () => {
  let build: string;
  let t: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    build = fakeBuild();
    t = await startTestService({ flags: ['--console-build-dir', build] });
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    rmSync(build, { recursive: true, force: true });
  });

  const facts = async () => {
    await expect.poll(() => page.textContent('#root')).toMatch(/^\{/);
    return JSON.parse((await page.textContent('#root'))!) as Record<string, unknown>;
  };

  it('runs the bridge before the bundle, allows WebAssembly and refuses eval', async () => {
    await page.goto(`${t.url}/console/`);
    expect(await facts()).toEqual({ bridge: 'object', bridgeFirst: true, eval: 'refused', wasm: 'compiled' });
    // The only violation is the eval the bundle tried on purpose.
    expect(violations.filter((v) => !/unsafe-eval/.test(v))).toEqual([]);
  });

  it('installs its service worker and opens from its cache with the service stopped', async () => {
    expect(await page.evaluate(() => window.swReady)).toBe('ready');
    // Controlled from the next load on (a page is controlled by the worker it loaded under).
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await t.stop();
    await page.goto(`${t.url}/console/sso-return`);
    expect(await facts()).toMatchObject({ bridge: 'object', wasm: 'compiled' });
  });
});
