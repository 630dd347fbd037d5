/**
 * The web console's cache in real Chromium: SQLite compiled to WebAssembly on OPFS through the
 * opfs-sahpool VFS, in a dedicated module Worker, served under a strict CSP (no COOP/COEP headers). A
 * sync page and an outbox entry written, read and searched; the page reloaded, the same rows, cursor and
 * outbox read back from OPFS; a second tab of the origin refused with `cache_in_use` while the first
 * holds the pool. And the opener's bundle imports nothing of Node.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';
import type { Change } from '@shared/protocol/api';
import { CacheStore } from '../../main/core/cache/cache-store';
import { openNodeCacheDatabase } from '../../main/core/cache/node/node-cache-database';
import { sessionRequest } from '../main/support/session-request';
import { bundleWasmCacheTest } from './wasm-cache/bundle';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'node_modules/.cache', `sessiondesk-wasm-cache-${process.pid}`);
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
};

let server: Server;
let origin = '';

test.beforeAll(async () => {
  await bundleWasmCacheTest(OUT);
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const name = path === '/' ? 'index.html' : path.slice(1);
    if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(join(OUT, name));
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, {
      'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream',
      'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(OUT, { recursive: true, force: true });
});

interface Reply {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { code: string | null; message: string };
}

const send = (page: Page, command: unknown): Promise<Reply> =>
  page.evaluate(
    (c) => (window as unknown as { cacheCommand: (c: unknown) => Promise<Reply> }).cacheCommand(c),
    command,
  );

async function ok(page: Page, command: unknown): Promise<unknown> {
  const reply = await send(page, command);
  expect(reply.error, JSON.stringify(command)).toBeUndefined();
  return reply.value;
}

const times = {
  createdAt: '2026-03-10T12:00:00Z',
  updatedAt: '2026-03-10T12:00:00Z',
  expiresAt: '2026-12-01T00:00:00Z',
};
const CHANGES: Change[] = [
  {
    type: 'request',
    seq: 1,
    events: [],
    request: sessionRequest({
      id: 'r1',
      seq: 1,
      recipientName: 'José García',
      comments: 'Printer offline',
      ...times,
    }),
  },
  {
    type: 'request',
    seq: 2,
    events: [],
    request: sessionRequest({
      id: 'r2',
      seq: 2,
      recipientName: 'Zoë Müller',
      comments: 'VPN drops',
      ...times,
    }),
  },
];

test('keeps the rows and the outbox on OPFS across a reload; a second tab is told the cache is in use', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(origin);

  expect(await ok(page, { op: 'open' })).toBeNull();
  await ok(page, { op: 'apply', changes: CHANGES, cursor: 2 });
  await ok(page, { op: 'queueNote', requestId: 'r2', text: 'Left a voicemail' });
  const before = (await ok(page, { op: 'read', search: 'jose' })) as Record<string, unknown>;
  expect(before).toMatchObject({ all: ['r2', 'r1'], found: ['r1'], cursor: 2, outbox: 1 });
  expect(before['next']).toMatchObject({ kind: 'note', requestId: 'r2' });

  // A second tab of the same origin, while the first holds the pool: refused at once, not left waiting.
  const second = await context.newPage();
  await second.goto(origin);
  const refused = await send(second, { op: 'open' });
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('cache_in_use');
  await second.close();

  // The page again, without closing the cache first (as a tab reloaded): all of it back from OPFS.
  await page.reload();
  expect(await ok(page, { op: 'open' })).toBeNull();
  const after = (await ok(page, { op: 'read', search: 'vpn' })) as Record<string, unknown>;
  expect(after).toMatchObject({ all: ['r2', 'r1'], found: ['r2'], cursor: 2, outbox: 1 });
  expect(after['next']).toEqual(before['next']);
  await ok(page, { op: 'close' });
  expect(errors).toEqual([]);
  await context.close();
});

test('imports a cache the node engine wrote, and removes it', async ({ browser }) => {
  // A cache written in Node by better-sqlite3 (WAL, folded into the file when it closes).
  const folder = mkdtempSync(join(tmpdir(), 'sessiondesk-wasm-import-'));
  const file = join(folder, 'cache.sqlite');
  const store = CacheStore.over(openNodeCacheDatabase(file));
  store.applyLive(CHANGES, 2);
  store.queueNote('from-node', 'r1', 'Written in Node', 1_000);
  store.close();
  const bytes = [...readFileSync(file)];
  rmSync(folder, { recursive: true, force: true });

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin);
  await ok(page, { op: 'open' });
  await ok(page, { op: 'apply', changes: CHANGES.slice(0, 1), cursor: 1 });
  // Put in the place of the open cache: that one is closed first.
  expect(await ok(page, { op: 'import', bytes })).toBeNull();
  await ok(page, { op: 'open' });
  const imported = (await ok(page, { op: 'read', search: 'zoe' })) as Record<string, unknown>;
  expect(imported).toMatchObject({ all: ['r2', 'r1'], found: ['r2'], cursor: 2, outbox: 1 });
  expect(imported['next']).toMatchObject({ kind: 'note', requestId: 'r1', idempotencyKey: 'from-node' });

  await ok(page, { op: 'remove' });
  await ok(page, { op: 'open' });
  expect(await ok(page, { op: 'read', search: 'zoe' })).toMatchObject({ all: [], cursor: 0, outbox: 0 });
  await ok(page, { op: 'close' });

  // More accounts than the pool's first six slots hold (each cache and its journal take two).
  for (const agentId of ['agent-2', 'agent-3', 'agent-4', 'agent-5']) {
    await ok(page, { op: 'open', agentId });
    await ok(page, { op: 'apply', changes: CHANGES, cursor: 2 });
    await ok(page, { op: 'close' });
  }
  await ok(page, { op: 'open', agentId: 'agent-3' });
  expect(await ok(page, { op: 'read', search: 'zoe' })).toMatchObject({ all: ['r2', 'r1'], cursor: 2 });
  await ok(page, { op: 'close' });
  await context.close();
});

test('the browser cache opener’s bundle imports no Node module', async () => {
  const { builtinModules: NODE_BUILTINS } = await import('node:module');
  const result = await build({
    entryPoints: [join(ROOT, 'main/core/cache/browser/browser-caches.ts')],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
    alias: { '@shared': join(ROOT, 'shared') },
    // Every import left unresolved is listed, not failed: the test reads them.
    external: ['node:*', ...NODE_BUILTINS],
    metafile: true,
    logLevel: 'silent',
  });
  const imported = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  expect(imported.length).toBeGreaterThan(0);
  expect(imported.filter((path) => path.startsWith('node:') || NODE_BUILTINS.includes(path))).toEqual([]);
});
