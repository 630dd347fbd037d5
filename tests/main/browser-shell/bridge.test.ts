/**
 * The bridge script in a real browser (Debian's Chromium), against the browser shell in-process with a
 * scripted core: it is there before the renderer's bundle, frozen, under the page's CSP; it takes the key
 * from the address and keeps it for a reload; it carries invokes and events; it fails pending invokes
 * when the connection drops and reconnects.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { SessiondeskBridge } from '@shared/ipc/contract';
import { KEY_STORAGE_NAME } from '../../../main/browser-shell/bridge/protocol';
import { startBrowserShell, type BrowserShell } from '../../../main/browser-shell/shell';
import { CHROMIUM_ARGS, findChromium } from '../../support/chromium';
import { capturedLogger, fakeCore, fixtureRenderer, temporaryDir } from './helpers';

const LOST = {
  ok: false,
  error: { code: 'internal', message: 'The connection to the Sessiondesk app was lost.' },
};

type Bridge = SessiondeskBridge;
declare global {
  interface Window {
    /** As renderer/src/bridge.ts declares it. */
    readonly sessiondesk?: SessiondeskBridge;
    bridgeAtStart?: string;
    events?: unknown[];
    pending?: Promise<unknown>;
  }
}

let renderer: ReturnType<typeof temporaryDir>;
let data: ReturnType<typeof temporaryDir>;
const key = randomBytes(32).toString('base64url');
const fake = fakeCore((name, input) =>
  name === 'hang' ? new Promise(() => {}) : Promise.resolve({ ok: true, value: { name, input } }),
);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let shell: BrowserShell;
let problems: string[];

const start = (port = 0, launchKey = key) =>
  startBrowserShell({
    dataDir: data.path,
    port,
    key: launchKey,
    rendererDir: renderer.path,
    logger: capturedLogger().logger,
    createCore: () => Promise.resolve(fake.core),
  });

async function open(url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => page.textContent('#root')).toBe('started');
}

const invoke = (name: unknown, input: unknown) =>
  page.evaluate(
    ([n, i]) =>
      (window.sessiondesk as unknown as { invoke(n: unknown, i: unknown): Promise<unknown> }).invoke(n, i),
    [name, input] as const,
  );

beforeAll(async () => {
  renderer = temporaryDir('bridge-renderer');
  fixtureRenderer(renderer.path);
  data = temporaryDir('bridge-data');
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  shell = await start();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
});
afterEach(async () => {
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await shell?.stop();
  renderer?.remove();
  data?.remove();
});

describe('the browser shell’s bridge', () => {
  it('defines a frozen window.sessiondesk before the renderer’s bundle runs, under the page’s CSP', async () => {
    await open(shell.url);
    expect(await page.evaluate(() => window.bridgeAtStart)).toBe('object');
    expect(
      await page.evaluate(() => {
        const bridge = window.sessiondesk as Bridge;
        const before = window.sessiondesk;
        try {
          (window as { sessiondesk?: unknown }).sessiondesk = { runtime: 'forged' };
        } catch {
          // a non-writable property throws in strict code
        }
        return {
          frozen: Object.isFrozen(bridge),
          keys: Object.keys(bridge).sort(),
          runtime: bridge.runtime,
          kept: window.sessiondesk === before,
          types: [typeof bridge.invoke, typeof bridge.on],
        };
      }),
    ).toEqual({
      frozen: true,
      keys: ['invoke', 'on', 'runtime'],
      runtime: 'browser-shell',
      kept: true,
      types: ['function', 'function'],
    });
    expect(problems).toEqual([]);
  });

  it('takes the key out of the address bar, keeps other fragment parts, and survives a reload', async () => {
    await open(`${shell.url}&view=past`);
    expect(page.url()).toBe(`${shell.origin}/#view=past`);
    expect(await page.evaluate((name) => sessionStorage.getItem(name), KEY_STORAGE_NAME)).toBe(key);
    await open(shell.url);
    expect(page.url()).toBe(`${shell.origin}/`);

    await page.reload();
    await expect.poll(() => page.textContent('#root')).toBe('started');
    expect(await invoke('account.get', {})).toEqual({ ok: true, value: { name: 'account.get', input: {} } });
  });

  it('carries invoke to the core and back', async () => {
    await open(shell.url);
    fake.calls.length = 0;
    const results = await page.evaluate(() =>
      Promise.all([
        window.sessiondesk!.invoke('requests.counts', {}),
        window.sessiondesk!.invoke('requests.get', { requestId: 'local:abcdefgh' }),
      ]),
    );
    expect(results).toEqual([
      { ok: true, value: { name: 'requests.counts', input: {} } },
      { ok: true, value: { name: 'requests.get', input: { requestId: 'local:abcdefgh' } } },
    ]);
    expect(fake.calls).toEqual([
      { name: 'requests.counts', input: {} },
      { name: 'requests.get', input: { requestId: 'local:abcdefgh' } },
    ]);
  });

  it('answers locally what it cannot send: a name that is not a string, a message over 1 MiB', async () => {
    await open(shell.url);
    expect(await invoke(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await invoke('requests.create', { note: 'x'.repeat(1024 * 1024 + 1) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // The connection is still there.
    expect(await invoke('account.get', {})).toMatchObject({ ok: true });
  });

  it('delivers events to listeners of that event until they unsubscribe', async () => {
    await open(shell.url);
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as { seen?: unknown[] }).seen = seen;
      const off = window.sessiondesk!.on('sync', (payload) => {
        seen.push(payload);
        off();
      });
      window.sessiondesk!.on('requests', () => {
        throw new Error('a broken listener');
      });
      window.sessiondesk!.on('requests', (payload) => seen.push(payload));
    });
    const sync = { phase: 'live', received: 3, total: 3, lastAppliedAt: 1 } as const;
    fake.emit('sync', sync);
    fake.emit('sync', { ...sync, received: 4 });
    fake.emit('requests', { ids: ['a'], all: false });
    fake.emit('navigate', { requestId: 'r-9' });
    await expect.poll(() => page.evaluate(() => window.events)).toEqual([{ requestId: 'r-9' }]);
    expect(await page.evaluate(() => (window as { seen?: unknown[] }).seen)).toEqual([
      sync,
      { ids: ['a'], all: false },
    ]);
    expect(problems).toEqual([expect.stringContaining('a broken listener')]);
  });

  it('fails pending invokes when the connection drops, and reconnects when the shell is back', async () => {
    await open(shell.url);
    await page.evaluate(() => {
      window.pending = window.sessiondesk!.invoke('hang' as 'account.get', {});
    });
    await expect.poll(() => fake.calls.some((call) => call.name === 'hang')).toBe(true);
    const port = shell.port;
    await shell.stop();
    expect(await page.evaluate(() => window.pending)).toEqual(LOST);
    // While it is away, an invoke fails at the next attempt instead of hanging.
    expect(await invoke('account.get', {})).toEqual(LOST);

    shell = await start(port);
    await expect
      .poll(() => invoke('account.get', {}), { timeout: 15_000 })
      .toEqual({ ok: true, value: { name: 'account.get', input: {} } });
  });

  it('with a key that is not this launch’s: invokes fail saying so, and the stored key is forgotten', async () => {
    await open(`${shell.origin}/#key=${randomBytes(32).toString('base64url')}`);
    expect(await invoke('account.get', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('key is not valid') },
    });
    expect(await page.evaluate((name) => sessionStorage.getItem(name), KEY_STORAGE_NAME)).toBeNull();
  });

  it('connects with a new launch’s key pasted into the same tab (a fragment change, no reload)', async () => {
    await open(shell.url);
    const port = shell.port;
    await shell.stop();
    const newKey = randomBytes(32).toString('base64url');
    shell = await start(port, newKey);
    try {
      await expect.poll(() => invoke('account.get', {})).toMatchObject({ ok: false });
      await page.goto(`${shell.origin}/#key=${newKey}`);
      await expect.poll(() => page.url()).toBe(`${shell.origin}/`);
      await expect
        .poll(() => invoke('account.get', {}), { timeout: 10_000 })
        .toEqual({ ok: true, value: { name: 'account.get', input: {} } });
      expect(await page.evaluate((name) => sessionStorage.getItem(name), KEY_STORAGE_NAME)).toBe(newKey);
    } finally {
      await shell.stop();
      shell = await start(port);
    }
  });

  it('without a key: no bridge, so the renderer says it is not connected', async () => {
    await open(`${shell.origin}/`);
    expect(await page.evaluate(() => [window.bridgeAtStart, typeof window.sessiondesk])).toEqual([
      'undefined',
      'undefined',
    ]);
  });
});
