/**
 * The built Electron app (npm run build), launched with a profile of its own: one window on
 * app://sessiondesk/index.html (a secure context; the scheme serves the build's files and nothing else),
 * the preload's frozen bridge and nothing else of Node, no navigation and no new windows, and the core
 * answering over IPC. Skipped, with the reason printed, where the Electron binary is not installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type { SessiondeskBridge } from '@shared/ipc/contract';
import { findElectronBinary } from '../support/electron-binary';

declare global {
  interface Window {
    /** As renderer/src/bridge.ts declares it. */
    readonly sessiondesk?: SessiondeskBridge;
  }
}

const binary = findElectronBinary();
if (binary.path === null) {
  // Printed so a run without the binary says plainly what it did not test.
  console.log(`[electron tests] skipped: ${binary.reason}`);
}

/** The environment without anything that would change what the app loads or where it keeps data. */
function isolatedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !entry[0].startsWith('SESSIONDESK_') &&
        !['ELECTRON_RENDERER_URL', 'ELECTRON_RUN_AS_NODE'].includes(entry[0]),
    ),
  );
}

async function launch(userData: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary.path!,
    args: [
      '.',
      `--user-data-dir=${userData}`,
      // Chromium refuses to run as root with its OS sandbox (CI containers); renderers stay sandboxed.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    env: isolatedEnv(),
  });
}

test.describe('the Electron app', () => {
  test.skip(binary.path === null, binary.path === null ? binary.reason : '');

  let userData: string;
  test.beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'sessiondesk-electron-'));
  });
  test.afterEach(() => {
    rmSync(userData, { recursive: true, force: true });
  });

  test('opens one window with the bridge, no Node, no navigation and no new windows', async () => {
    const app = await launch(userData);
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('load');
      expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(userData);

      // Exactly the contract's bridge, frozen, from the preload.
      expect(
        await page.evaluate(() => {
          const bridge = (window as { sessiondesk?: Record<string, unknown> }).sessiondesk!;
          return {
            frozen: Object.isFrozen(bridge),
            keys: Object.keys(bridge).sort(),
            runtime: bridge['runtime'],
            types: [typeof bridge['invoke'], typeof bridge['on']],
          };
        }),
      ).toEqual({
        frozen: true,
        keys: ['invoke', 'on', 'runtime'],
        runtime: 'electron',
        types: ['function', 'function'],
      });

      // No Node in the renderer.
      expect(await page.evaluate(() => [typeof globalThis.require, typeof globalThis.process])).toEqual([
        'undefined',
        'undefined',
      ]);

      // New windows and navigation away are denied.
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
      const before = page.url();
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test('loads the renderer from app://sessiondesk/index.html, which serves the build’s files and nothing else', async () => {
    const app = await launch(userData);
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('load');
      expect(page.url()).toBe('app://sessiondesk/index.html');
      // Its own origin, a secure context (the clipboard needs one); the bundle ran: a fresh profile signs in.
      expect(await page.evaluate(() => [location.origin, window.isSecureContext])).toEqual([
        'app://sessiondesk',
        true,
      ]);
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Sessiondesk' })).toBeVisible();
      const script = await page.evaluate(
        () => document.querySelector<HTMLScriptElement>('script[type="module"]')!.src,
      );
      expect(script).toMatch(/^app:\/\/sessiondesk\/assets\/[^/]+\.js$/);

      // What the scheme answers, asked from the main process: the page and its bundle, and 404 for a
      // dotfile, a folder, traversals (out/main/main.js is beside the renderer), a file not in the
      // build, another host.
      const refused = [
        'app://sessiondesk/.env',
        'app://sessiondesk/assets/',
        'app://sessiondesk/..%2fmain%2fmain.js',
        'app://sessiondesk/%2e%2e/main/main.js',
        'app://sessiondesk/main.js',
        'app://another-host/index.html',
      ];
      const answers = await app.evaluate(
        async ({ net }, urls) => {
          const results = [];
          for (const url of urls) {
            const response = await net.fetch(url);
            results.push({
              url,
              status: response.status,
              type: response.headers.get('content-type'),
              csp: response.headers.get('content-security-policy') !== null,
            });
          }
          return results;
        },
        ['app://sessiondesk/index.html', script, ...refused],
      );
      expect(answers).toEqual([
        { url: 'app://sessiondesk/index.html', status: 200, type: 'text/html; charset=utf-8', csp: true },
        { url: script, status: 200, type: 'text/javascript; charset=utf-8', csp: true },
        ...refused.map((url) => ({ url, status: 404, type: 'text/plain; charset=utf-8', csp: true })),
      ]);
    } finally {
      await app.close();
    }
  });

  test('the core answers over IPC: no account on a fresh profile; on() subscribes and unsubscribes', async () => {
    const app = await launch(userData);
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => window.sessiondesk!.invoke('account.get', {}))).toEqual({
        ok: true,
        value: null,
      });
      // The core validates: an unknown command is a result, not an exception.
      expect(
        await page.evaluate(() => window.sessiondesk!.invoke('nope' as 'account.get', {})),
      ).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
      expect(
        await page.evaluate(() => {
          const off = window.sessiondesk!.on('account', () => {});
          off();
          off();
          return typeof off;
        }),
      ).toBe('function');
    } finally {
      await app.close();
    }
  });

  test('remembers the window’s size in <userData>/window-state.json', async () => {
    const first = await launch(userData);
    try {
      const page = await first.firstWindow();
      await page.waitForLoadState('load');
      await first.evaluate(({ BrowserWindow }) => {
        BrowserWindow.getAllWindows()[0]!.setBounds({ width: 1000, height: 640 });
      });
    } finally {
      await first.close();
    }
    const second = await launch(userData);
    try {
      const page = await second.firstWindow();
      await page.waitForLoadState('load');
      const bounds = await second.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]!.getBounds(),
      );
      expect({ width: bounds.width, height: bounds.height }).toEqual({ width: 1000, height: 640 });
    } finally {
      await second.close();
    }
  });
});
