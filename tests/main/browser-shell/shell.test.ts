/**
 * The browser shell in-process, hosting the real AgentCore on a fresh data folder for each test: what
 * it serves (the built renderer's own files and nothing else) and with which headers, who may talk to
 * it (Host, Origin, the launch key), how it carries the IPC contract between a page and the core
 * (invokes answered by id, the core's events to keyed sockets only), the options it gives the core,
 * and how it starts and stops.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@shared/ipc/settings';
import {
  startBrowserShell,
  type BrowserShell,
  type BrowserShellOptions,
} from '../../../main/browser-shell/shell';
import { CLOSE_UNAUTHORIZED, KEY_TIMEOUT_MS } from '../../../main/browser-shell/bridge/protocol';
import {
  capturedLogger,
  fixtureRenderer,
  noPolicyEnv,
  RENDERER_CSP,
  ShellSocket,
  silentServer,
  temporaryDir,
  type LogLine,
} from './helpers';

let renderer: ReturnType<typeof temporaryDir>;
let policy: ReturnType<typeof temporaryDir>;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  renderer = temporaryDir('renderer');
  fixtureRenderer(renderer.path);
  policy = temporaryDir('policy');
  env = noPolicyEnv(policy.path);
});
afterAll(() => {
  renderer.remove();
  policy.remove();
});

/** What a test started, undone in reverse order when it ends, however it ends. */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

/** A folder removed when the test ends. */
function testDir(prefix: string): string {
  const dir = temporaryDir(prefix);
  cleanups.push(() => dir.remove());
  return dir.path;
}

/** A shell with the real core on `dataDir` (a fresh folder by default), stopped when the test ends. */
async function launch(dataDir = testDir('shell-data'), options: Partial<BrowserShellOptions> = {}) {
  const log = capturedLogger();
  const shell = await startBrowserShell({
    dataDir,
    port: 0,
    rendererDir: renderer.path,
    logger: log.logger,
    env,
    ...options,
  });
  cleanups.push(() => shell.stop());
  const logged = (message: string) => log.lines.filter((line: LogLine) => line.msg.includes(message));
  return { shell, dataDir, log, logged };
}

/** A GET with the Host header of our choosing (fetch cannot set it). */
function get(port: number, path: string, host = `127.0.0.1:${port}`) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CREDENTIALS = { email: 'agent@example.com', password: 'correct horse battery' } as const;

describe('the browser shell with the real core', () => {
  let shell: BrowserShell;
  let dataDir: string;
  let logged: (message: string) => LogLine[];
  let log: ReturnType<typeof capturedLogger>;
  beforeEach(async () => {
    ({ shell, dataDir, log, logged } = await launch());
  });

  it('prints an address on 127.0.0.1 with a fresh 32-byte key in the fragment', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/#key=${shell.key}`);
    expect(shell.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(shell.key, 'base64url')).toHaveLength(32);
  });

  it('serves index.html with bridge.js before the module bundle, the CSP, nosniff and no-store', async () => {
    for (const path of ['/', '/index.html']) {
      const page = await get(shell.port, path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toBe(`${RENDERER_CSP}; frame-ancestors 'none'`);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      const head = page.body.slice(0, page.body.indexOf('</head>'));
      const bridge = head.indexOf('<script src="./bridge.js"></script>');
      const bundle = head.indexOf('<script type="module"');
      expect(bridge).toBeGreaterThan(head.indexOf('Content-Security-Policy'));
      expect(bundle).toBeGreaterThan(bridge);
    }
  });

  it('serves the renderer’s files and the bridge script with the same headers', async () => {
    const script = await get(shell.port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['content-security-policy']).toContain(RENDERER_CSP);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    const css = await get(shell.port, '/assets/app.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['x-content-type-options']).toBe('nosniff');

    const bridge = await get(shell.port, '/bridge.js');
    expect(bridge.status).toBe(200);
    expect(bridge.headers['content-type']).toMatch(/^text\/javascript/);
    expect(bridge.headers['cache-control']).toBe('no-store');
    expect(bridge.body).toContain('sessiondesk');
    expect(bridge.body).not.toMatch(/\bimport\b|\brequire\(/);

    expect((await get(shell.port, '/nothing-here.js')).status).toBe(404);
  });

  it('answers 403 to any Host but 127.0.0.1:PORT or localhost:PORT (DNS rebinding)', async () => {
    expect((await get(shell.port, '/', `localhost:${shell.port}`)).status).toBe(200);
    expect((await get(shell.port, '/', `LOCALHOST:${shell.port}`)).status).toBe(200);
    for (const host of [
      `evil.example:${shell.port}`,
      '127.0.0.1',
      `127.0.0.1:${shell.port + 1}`,
      'localhost',
    ]) {
      const refused = await get(shell.port, '/', host);
      expect(refused.status, host).toBe(403);
      expect(refused.body).not.toContain('bridge.js');
    }
    expect((await get(shell.port, '/bridge.js', `rebound.example:${shell.port}`)).status).toBe(403);
    await expect(
      ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin, {
        host: `evil.example:${shell.port}`,
      }),
    ).rejects.toThrow('refused: 403');
    expect(logged('refused a request for another host').length).toBeGreaterThan(0);
  });

  it('ends the connection of a refused upgrade, even if the client keeps it open', async () => {
    const connection = connect(shell.port, '127.0.0.1');
    let response = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => (response += chunk));
    const ended = new Promise<void>((resolve) => connection.once('close', () => resolve()));
    connection.write(
      [
        'GET /ipc HTTP/1.1',
        `Host: rebound.example:${shell.port}`,
        `Origin: ${shell.origin}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        '',
        '',
      ].join('\r\n'),
    );
    await ended;
    expect(response).toMatch(/^HTTP\/1\.1 403/);
  });

  it('refuses a WebSocket whose Origin is not its own, or that has none', async () => {
    const url = `ws://127.0.0.1:${shell.port}/ipc`;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${shell.port + 1}`, 'null', undefined]) {
      await expect(ShellSocket.open(url, origin), String(origin)).rejects.toThrow('refused: 403');
    }
    // Its own origin, by either name.
    (await ShellSocket.open(url, `http://localhost:${shell.port}`)).close();
    expect(logged('refused a WebSocket from another origin').length).toBeGreaterThan(0);
  });

  it('closes a socket with 4401 when the key is wrong', async () => {
    const socket = await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin);
    socket.send('not-the-key');
    expect(await socket.closed).toEqual({ code: CLOSE_UNAUTHORIZED, reason: 'The key is not valid.' });
    expect(socket.messages).toEqual([]);
  });

  it(`closes a socket with 4401 when no key comes within ${KEY_TIMEOUT_MS / 1000} s`, async () => {
    const started = Date.now();
    const socket = await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin);
    const closed = await socket.closed;
    expect(closed.code).toBe(CLOSE_UNAUTHORIZED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(KEY_TIMEOUT_MS - 100);
    expect(Date.now() - started).toBeLessThan(KEY_TIMEOUT_MS + 2_000);
  });

  it('does not pass commands or events to a socket that has not presented the key', async () => {
    const socket = await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin);
    socket.send(JSON.stringify({ id: 1, name: 'settings.update', input: { theme: 'dark' } }));
    expect((await socket.closed).code).toBe(CLOSE_UNAUTHORIZED);
    expect(socket.messages).toEqual([]);
    // The core never saw the change.
    const keyed = await ShellSocket.ready(shell.origin, shell.key);
    expect(await keyed.invoke(2, 'settings.get', {})).toMatchObject({
      ok: true,
      value: { values: { theme: 'system' } },
    });
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
    keyed.close();
  });

  it('carries invokes to the core and back: a view, a refusal with its fields, an unknown command', async () => {
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    // A fresh data folder: nobody is signed in.
    expect(await socket.invoke(1, 'account.get', {})).toEqual({ ok: true, value: null });
    expect(await socket.invoke(2, 'settings.get', {})).toEqual({
      ok: true,
      value: {
        hostKind: 'desktop',
        values: DEFAULT_SETTINGS,
        locked: {},
        remoteClients: expect.arrayContaining([
          { id: 'rustdesk', name: 'RustDesk', usesExecutable: expect.any(Boolean), available: true },
        ]),
        autoUpdate: expect.any(Boolean),
        defaultServerUrl: '',
        // No page has said which languages its browser prefers: English; the shell is a development host.
        displayLanguage: 'en',
        systemLanguage: 'en',
        pseudoLanguageAvailable: true,
      },
    });
    expect(await socket.invoke(3, 'settings.update', { theme: 'neon' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.any(String),
        fields: [
          {
            field: 'theme',
            code: 'invalid_choice',
            params: { options: 'system, light, dark' },
            message: expect.stringContaining('system, light, dark'),
          },
        ],
      },
    });
    expect(await socket.invoke(4, 'nope', {})).toEqual({
      ok: false,
      error: {
        code: 'unknown_command',
        params: { command: 'nope' },
        message: expect.stringContaining('nope'),
      },
    });
    socket.close();
  });

  it('answers each invoke by its id, in the order they finish, with several in flight', async () => {
    const service = await silentServer();
    cleanups.push(() => service.close());
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    // A sign-in to a service that accepts the connection and never answers stays in flight.
    socket.send(
      JSON.stringify({ id: 7, name: 'account.signIn', input: { serverUrl: service.url, ...CREDENTIALS } }),
    );
    socket.send(JSON.stringify({ id: 8, name: 'account.get', input: {} }));
    socket.send(JSON.stringify({ id: 9, name: 'settings.get', input: {} }));
    expect((await socket.next((m) => m.type === 'result' && m.id === 8)).result).toEqual({
      ok: true,
      value: null,
    });
    expect((await socket.next((m) => m.type === 'result' && m.id === 9)).result).toMatchObject({
      ok: true,
      value: { values: { theme: 'system' } },
    });
    await expect.poll(() => service.received()).toContain('POST /api/v1/auth/login');
    expect(socket.messages.some((m) => m.id === 7)).toBe(false);

    service.hangUp();
    expect((await socket.next((m) => m.type === 'result' && m.id === 7)).result).toEqual({
      ok: false,
      error: {
        code: 'unreachable',
        params: expect.objectContaining({ address: service.url }),
        message: expect.stringContaining(service.url),
      },
    });
    expect(socket.messages.filter((m) => m.type === 'result').map((m) => m.id)).toEqual([8, 9, 7]);
    socket.close();
  });

  it('ignores, with a log line, messages that are not {id:number, name:string, input}', async () => {
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    const before = logged('ignored').length;
    for (const bad of [
      'not json',
      '[1,2]',
      'null',
      JSON.stringify({ id: '1', name: 'account.signIn', input: { ...CREDENTIALS, password: 'hunter2' } }),
      JSON.stringify({ id: 1.5, name: 'account.get', input: {} }),
      JSON.stringify({ id: 1, name: 42, input: {} }),
      JSON.stringify({ id: 1, input: {} }),
    ]) {
      socket.send(bad);
    }
    socket.send(Buffer.from([1, 2, 3]));
    // Still open and still answering after all of them, and none of them was answered.
    expect(
      await socket.invoke(99, 'account.signIn', { email: 'not an address', password: 'hunter2' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.any(String),
        fields: [{ field: 'email', code: 'invalid_email', message: expect.any(String) }],
      },
    });
    expect(socket.messages.map((m) => [m.type, m.id])).toEqual([
      ['ready', undefined],
      ['result', 99],
    ]);
    expect(logged('ignored').length - before).toBe(8);
    // A missing input is passed on as undefined: the core decides (no input is `{}` to it).
    socket.send(JSON.stringify({ id: 100, name: 'account.get' }));
    expect((await socket.next((m) => m.type === 'result' && m.id === 100)).result).toEqual({
      ok: true,
      value: null,
    });
    expect(JSON.stringify(log.lines)).not.toContain('hunter2');
    socket.close();
  });

  it('closes a socket that sends a message over 1 MiB', async () => {
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    socket.send(JSON.stringify({ id: 1, name: 'account.get', input: { big: 'x'.repeat(1024 * 1024) } }));
    expect((await socket.closed).code).toBe(1009);
    expect(socket.messages.filter((m) => m.type === 'result')).toEqual([]);
  });

  it('forwards the core’s events to every socket with the key, and only to those', async () => {
    const first = await ShellSocket.ready(shell.origin, shell.key);
    const second = await ShellSocket.ready(shell.origin, shell.key);
    const without = await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin);
    // A change of settings: the core emits `settings` with the new view.
    const updated = await first.invoke(1, 'settings.update', { theme: 'dark' });
    expect(updated).toMatchObject({ ok: true, value: { values: { ...DEFAULT_SETTINGS, theme: 'dark' } } });
    const view = (updated as { value: unknown }).value;
    for (const socket of [first, second]) {
      expect(await socket.next((m) => m.type === 'event')).toEqual({
        type: 'event',
        name: 'settings',
        payload: view,
      });
    }
    // The event came before the answer to the command that caused it.
    expect(first.messages.map((m) => m.type)).toEqual(['ready', 'event', 'result']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(without.messages).toEqual([]);
    for (const socket of [first, second, without]) socket.close();
  });

  it('speaks the language of the browser a page runs in, as its socket’s address lists it', async () => {
    const settingsOf = (socket: ShellSocket) =>
      socket.snapshot.find((m) => m.type === 'event' && m.name === 'settings').payload;
    // The bridge lists navigator.languages; the shell's machine speaks English.
    const first = await ShellSocket.ready(shell.origin, shell.key, { query: '?languages=de-AT,de,en' });
    // The state it is sent first already speaks its browser's language.
    expect(settingsOf(first)).toMatchObject({ displayLanguage: 'de', systemLanguage: 'de' });

    // A browser in another language: the core follows it, and the pages already there hear it.
    const second = await ShellSocket.ready(shell.origin, shell.key, { query: '?languages=ja%2Cfr-CA' });
    expect(settingsOf(second)).toMatchObject({ displayLanguage: 'fr' });
    const heard = await first.next((m) => m.type === 'event' && m.name === 'settings');
    expect(heard.payload).toMatchObject({ displayLanguage: 'fr' });

    // None it speaks: English. Nonsense in the list is skipped.
    const third = await ShellSocket.ready(shell.origin, shell.key, { query: '?languages=ja,<x>,pt-BR' });
    expect(settingsOf(third)).toMatchObject({ displayLanguage: 'pt' });
    const japanese = await ShellSocket.ready(shell.origin, shell.key, { query: '?languages=ja' });
    expect(settingsOf(japanese)).toMatchObject({ displayLanguage: 'en' });

    // Without the list, the socket's Accept-Language says it; with neither, nothing changes.
    const header = await ShellSocket.ready(shell.origin, shell.key, {
      headers: { 'accept-language': 'es-ES,es;q=0.9,en;q=0.8' },
    });
    expect(settingsOf(header)).toMatchObject({ displayLanguage: 'es' });
    const neither = await ShellSocket.ready(shell.origin, shell.key);
    expect(settingsOf(neither)).toMatchObject({ displayLanguage: 'es' });

    // The agent's own choice wins over the browser's.
    expect(await neither.invoke(1, 'settings.update', { language: 'zh-Hant' })).toMatchObject({
      ok: true,
      value: { displayLanguage: 'zh-Hant' },
    });
    const last = await ShellSocket.ready(shell.origin, shell.key, { query: '?languages=de' });
    expect(settingsOf(last)).toMatchObject({ displayLanguage: 'zh-Hant', systemLanguage: 'de' });
    for (const socket of [first, second, third, japanese, header, neither, last]) socket.close();
  });

  it('gives the core its data folder: the settings are saved there', async () => {
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    expect(await socket.invoke(1, 'settings.update', { theme: 'light' })).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ theme: 'light' });
    socket.close();
  });

  it('without --server, a sign-in needs the service’s address', async () => {
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    expect(await socket.invoke(1, 'account.signIn', CREDENTIALS)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.any(String),
        fields: [{ field: 'serverUrl', code: 'required', message: expect.any(String) }],
      },
    });
    socket.close();
  });
});

describe('the files the browser shell serves', () => {
  /** A renderer folder with dotfiles and links in it and a file beside it, none of which may be served. */
  function rendererWithSecrets() {
    const outer = testDir('shell-outer');
    const rendererDir = fixtureRenderer(join(outer, 'renderer'));
    writeFileSync(join(rendererDir, '.env'), 'SECRET=dotfile\n');
    mkdirSync(join(rendererDir, '.vite'));
    writeFileSync(join(rendererDir, '.vite', 'manifest.json'), '{"SECRET":"a dot-folder"}\n');
    writeFileSync(join(rendererDir, 'assets', '.hidden.js'), 'SECRET = "a dotfile in a folder";\n');
    writeFileSync(join(outer, 'outside.txt'), 'SECRET=outside the renderer\n');
    symlinkSync(join(outer, 'outside.txt'), join(rendererDir, 'assets', 'link.txt'));
    symlinkSync(outer, join(rendererDir, 'linked-folder'));
    return rendererDir;
  }

  it('answers 404, as to any unknown address, for dotfiles, files added after start, links, folders and traversals', async () => {
    const rendererDir = rendererWithSecrets();
    const { shell } = await launch(undefined, { rendererDir });
    // Planted once the shell runs: not part of the build it started with.
    writeFileSync(join(rendererDir, 'planted.js'), 'SECRET = "planted";\n');
    writeFileSync(join(rendererDir, 'assets', 'planted.js'), 'SECRET = "planted";\n');

    const usual = await get(shell.port, '/nothing-here.js');
    expect(usual.status).toBe(404);
    expect(JSON.parse(usual.body)).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Route GET:/nothing-here.js not found',
    });
    for (const path of [
      '/.env',
      '/%2eenv',
      '/.%65nv',
      '/.vite/manifest.json',
      '/%2evite/manifest.json',
      '/assets/.hidden.js',
      '/planted.js',
      '/assets/planted.js',
      '/assets/link.txt',
      '/linked-folder/outside.txt',
      '/assets',
      '/assets/',
      '/../outside.txt',
      '/assets/../../outside.txt',
      '/%2e%2e/outside.txt',
      '/..%2foutside.txt',
      '/assets/..%2f..%2foutside.txt',
      '/%2e%2e%2foutside.txt',
      '/..%5coutside.txt',
      '/%252e%252e/outside.txt',
      `/${encodeURIComponent(join(rendererDir, 'assets', 'app.js'))}`,
    ]) {
      const answer = await get(shell.port, path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type'], path).toBe(usual.headers['content-type']);
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(JSON.parse(answer.body), path).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `Route GET:${path} not found`,
      });
    }

    // The page and the build's own files, as before.
    for (const path of ['/', '/index.html', '/assets/app.js', '/assets/app.css', '/icon.svg', '/bridge.js']) {
      expect((await get(shell.port, path)).status, path).toBe(200);
    }
  });
});

describe('the browser shell’s options to the core', () => {
  it('--server is the service the sign-in offers, and where one without an address goes', async () => {
    // Nothing listens on the discard port.
    const { shell } = await launch(undefined, { serverUrl: 'http://127.0.0.1:9' });
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    const settings = await socket.invoke(0, 'settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { defaultServerUrl: 'http://127.0.0.1:9' } });
    expect(await socket.invoke(1, 'account.signIn', CREDENTIALS)).toEqual({
      ok: false,
      error: {
        code: 'unreachable',
        params: expect.objectContaining({ address: 'http://127.0.0.1:9' }),
        message: expect.stringMatching(/127\.0\.0\.1:9\b/),
      },
    });
    expect(await socket.invoke(2, 'account.get', {})).toEqual({ ok: true, value: null });
    socket.close();
  });
});

describe('the browser shell’s start and stop', () => {
  it('stops, once: closes its sockets with 1001, stops listening, and lets go of the data folder', async () => {
    const dataDir = testDir('shell-stop');
    const { shell } = await launch(dataDir);
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    expect(await socket.invoke(1, 'settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    await Promise.all([shell.stop(), shell.stop()]);
    expect((await socket.closed).code).toBe(1001);
    await expect(get(shell.port, '/')).rejects.toThrow();
    await expect(ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin)).rejects.toThrow();

    // A new shell, with a new core, on the same folder: it starts, and sees what the first one saved.
    const next = await launch(dataDir);
    const again = await ShellSocket.ready(next.shell.origin, next.shell.key);
    expect(await again.invoke(1, 'settings.get', {})).toMatchObject({
      ok: true,
      value: { values: { theme: 'dark' } },
    });
    again.close();
  });

  it('refuses to start without a built renderer, saying what to run', async () => {
    const dataDir = testDir('shell-nobuild');
    await expect(
      startBrowserShell({
        dataDir,
        port: 0,
        rendererDir: dataDir,
        logger: capturedLogger().logger,
        env,
      }),
    ).rejects.toThrow('npm run build');
  });

  it('fails to start on a port in use (stopping the core it started); the folder serves the next start', async () => {
    const first = await launch();
    const dataDir = testDir('shell-busy');
    await expect(
      startBrowserShell({
        dataDir,
        port: first.shell.port,
        rendererDir: renderer.path,
        logger: capturedLogger().logger,
        env,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    // The first shell is unharmed, and the folder serves the next shell's core.
    expect((await get(first.shell.port, '/')).status).toBe(200);
    const next = await launch(dataDir);
    const socket = await ShellSocket.ready(next.shell.origin, next.shell.key);
    expect(await socket.invoke(1, 'settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
    socket.close();
  });
});
