/**
 * The bridge script in a real browser (Debian's Chromium), against the browser shell in-process with the
 * real AgentCore on a fresh data folder for each test: it is there before the renderer's bundle, frozen,
 * under the page's CSP; it takes the key from the address and keeps it for a reload; it carries invokes
 * and the core's events; it fails pending invokes when the connection drops and reconnects.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { SessiondeskBridge, SettingsView } from '@shared/ipc/contract';
import { KEY_STORAGE_NAME } from '../../../main/browser-shell/bridge/protocol';
import { startBrowserShell, type BrowserShell } from '../../../main/browser-shell/shell';
import { CHROMIUM_ARGS, findChromium } from '../../support/chromium';
import { capturedLogger, fixtureRenderer, noPolicyEnv, silentServer, temporaryDir } from './helpers';

const LOST = {
  ok: false,
  error: { code: 'internal', message: 'The connection to the Sessiondesk app was lost.' },
};
const SIGNED_OUT = { ok: true, value: null };

type Bridge = SessiondeskBridge;
declare global {
  interface Window {
    /** As renderer/src/bridge.ts declares it. */
    readonly sessiondesk?: SessiondeskBridge;
    bridgeAtStart?: string;
    /** What the fixture bundle's `settings` listener, subscribed as it started, received. */
    events?: SettingsView[];
    pending?: Promise<unknown>;
  }
}

let renderer: ReturnType<typeof temporaryDir>;
let policy: ReturnType<typeof temporaryDir>;
let env: NodeJS.ProcessEnv;
let data: ReturnType<typeof temporaryDir>;
const key = randomBytes(32).toString('base64url');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let shell: BrowserShell;
let problems: string[];

/** A shell with the real core on this test's data folder. */
const start = (port = 0, launchKey = key) =>
  startBrowserShell({
    dataDir: data.path,
    port,
    key: launchKey,
    rendererDir: renderer.path,
    logger: capturedLogger().logger,
    env,
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
  policy = temporaryDir('bridge-policy');
  env = noPolicyEnv(policy.path);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
});
beforeEach(async () => {
  data = temporaryDir('bridge-data');
  shell = await start();
  context = await browser.newContext();
  page = await context.newPage();
  problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
});
afterEach(async () => {
  await context?.close();
  await shell?.stop();
  data?.remove();
});
afterAll(async () => {
  await browser?.close();
  renderer?.remove();
  policy?.remove();
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
    expect(await invoke('account.get', {})).toEqual(SIGNED_OUT);
  });

  it('makes the client speak the browser’s language: its socket says which', async () => {
    // A browser set to Austrian German, then English: as the agent set it, not as the machine is.
    await context.close();
    context = await browser.newContext({ locale: 'de-AT' });
    page = await context.newPage();
    await open(shell.url);
    const view = ((await invoke('settings.get', {})) as { value: SettingsView }).value;
    expect(view).toMatchObject({ displayLanguage: 'de', systemLanguage: 'de' });
  });

  it('carries invoke to the core and back, each answer to its own call', async () => {
    await open(shell.url);
    const [account, updated, read, details, unknown] = await page.evaluate(() =>
      Promise.all([
        window.sessiondesk!.invoke('account.get', {}),
        window.sessiondesk!.invoke('settings.update', { theme: 'dark' }),
        window.sessiondesk!.invoke('settings.get', {}),
        window.sessiondesk!.invoke('requests.get', { requestId: 'local:abcdefgh' }),
        window.sessiondesk!.invoke('nope' as 'account.get', {}),
      ]),
    );
    expect(account).toEqual(SIGNED_OUT);
    expect(updated).toMatchObject({ ok: true, value: { values: { theme: 'dark' }, locked: {} } });
    expect(read).toEqual(updated);
    expect(details).toEqual({
      ok: false,
      error: { code: 'not_signed_in', params: { reason: 'first' }, message: 'Sign in first.' },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await invoke('settings.update', { theme: 'neon' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.any(String),
        fields: [
          { field: 'theme', code: 'invalid_choice', params: expect.any(Object), message: expect.any(String) },
        ],
      },
    });
  });

  it('answers locally what it cannot send: a name that is not a string, a message over 1 MiB', async () => {
    await open(shell.url);
    expect(await invoke(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await invoke('requests.create', { note: 'x'.repeat(1024 * 1024 + 1) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // The connection is still there.
    expect(await invoke('account.get', {})).toEqual(SIGNED_OUT);
  });

  it('delivers the core’s events to listeners of that event until they unsubscribe', async () => {
    await open(shell.url);
    // An answer comes after `ready`, and the state the shell sends first (its settings among it) before.
    const initial = ((await invoke('settings.get', {})) as { value: SettingsView }).value;
    await page.evaluate(() => {
      const seen = { once: [] as unknown[], all: [] as unknown[], account: [] as unknown[] };
      (window as { seen?: typeof seen }).seen = seen;
      const off = window.sessiondesk!.on('settings', (payload) => {
        seen.once.push(payload);
        off();
      });
      window.sessiondesk!.on('settings', () => {
        throw new Error('a broken listener');
      });
      window.sessiondesk!.on('settings', (payload) => seen.all.push(payload));
      window.sessiondesk!.on('account', (payload) => seen.account.push(payload));
    });
    // Each change of settings makes the core emit `settings` with the new view.
    const light = ((await invoke('settings.update', { theme: 'light' })) as { value: SettingsView }).value;
    const dark = ((await invoke('settings.update', { theme: 'dark' })) as { value: SettingsView }).value;
    expect([light.values.theme, dark.values.theme]).toEqual(['light', 'dark']);
    // The bundle's listener, subscribed as it started (before the socket was ready), got both changes,
    // after the state the shell sent first when it came after the bundle had subscribed.
    await expect.poll(() => page.evaluate(() => (window.events ?? []).slice(-2))).toEqual([light, dark]);
    const before = await page.evaluate(() => (window.events ?? []).slice(0, -2));
    expect([[], [initial]]).toContainEqual(before);
    expect(await page.evaluate(() => (window as { seen?: unknown }).seen)).toEqual({
      once: [light],
      all: [light, dark],
      account: [],
    });
    expect(problems).toEqual([
      expect.stringContaining('a broken listener'),
      expect.stringContaining('a broken listener'),
    ]);
  });

  it('fails pending invokes when the connection drops, and reconnects when the shell is back', async () => {
    // A sign-in to a service that accepts the connection and never answers: an invoke in flight.
    const service = await silentServer();
    try {
      await open(shell.url);
      await page.evaluate(
        ([serverUrl]) => {
          window.pending = window.sessiondesk!.invoke('account.signIn', {
            serverUrl,
            email: 'agent@example.com',
            password: 'correct horse battery',
          });
        },
        [service.url] as const,
      );
      await expect.poll(() => service.received()).toContain('POST /api/v1/auth/login');
      const port = shell.port;
      await shell.stop();
      expect(await page.evaluate(() => window.pending)).toEqual(LOST);
      // While it is away, an invoke fails at the next attempt instead of hanging.
      expect(await invoke('account.get', {})).toEqual(LOST);

      shell = await start(port);
      await expect.poll(() => invoke('account.get', {}), { timeout: 15_000 }).toEqual(SIGNED_OUT);
    } finally {
      await service.close();
    }
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
    await expect.poll(() => invoke('account.get', {})).toMatchObject({ ok: false });
    await page.goto(`${shell.origin}/#key=${newKey}`);
    await expect.poll(() => page.url()).toBe(`${shell.origin}/`);
    await expect.poll(() => invoke('account.get', {}), { timeout: 10_000 }).toEqual(SIGNED_OUT);
    expect(await page.evaluate((name) => sessionStorage.getItem(name), KEY_STORAGE_NAME)).toBe(newKey);
  });

  it('without a key: no bridge, so the renderer says it is not connected', async () => {
    await open(`${shell.origin}/`);
    expect(await page.evaluate(() => [window.bridgeAtStart, typeof window.sessiondesk])).toEqual([
      'undefined',
      'undefined',
    ]);
  });
});
