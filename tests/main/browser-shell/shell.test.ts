/**
 * The browser shell in-process: what it serves and with which headers, who may talk to it (Host,
 * Origin, the launch key), and how it carries the IPC contract between a page and the core — the real
 * AgentCore for one round trip, a scripted core for the rest.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startBrowserShell, type BrowserShell } from '../../../main/browser-shell/shell';
import { CLOSE_UNAUTHORIZED, KEY_TIMEOUT_MS } from '../../../main/browser-shell/bridge/protocol';
import {
  capturedLogger,
  fakeCore,
  fixtureRenderer,
  RENDERER_CSP,
  ShellSocket,
  temporaryDir,
  type LogLine,
} from './helpers';

let renderer: ReturnType<typeof temporaryDir>;
beforeAll(() => {
  renderer = temporaryDir('renderer');
  fixtureRenderer(renderer.path);
});
afterAll(() => renderer.remove());

/** A folder removed when the test ends, however it ends. */
function testDir(prefix: string) {
  const dir = temporaryDir(prefix);
  onTestFinished(() => dir.remove());
  return dir;
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

describe('the browser shell with a scripted core', () => {
  let data: ReturnType<typeof temporaryDir>;
  const fake = fakeCore(async (name, input) => {
    if (name === 'slow') await new Promise((resolve) => setTimeout(resolve, 200));
    if (name === 'throws') throw new Error('boom');
    return { ok: true, value: { name, input } };
  });
  const log = capturedLogger();
  let shell: BrowserShell;
  const sockets: ShellSocket[] = [];
  const track = (socket: ShellSocket) => (sockets.push(socket), socket);
  const logged = (message: string) => log.lines.filter((line: LogLine) => line.msg.includes(message));

  beforeAll(async () => {
    data = temporaryDir('shell-data');
    shell = await startBrowserShell({
      dataDir: data.path,
      port: 0,
      rendererDir: renderer.path,
      logger: log.logger,
      serverUrl: 'https://support.example.com',
      createCore: (options) => {
        expect(options.defaultServerUrl).toBe('https://support.example.com');
        expect(options.host.dataDir).toBe(data.path);
        expect(options.host.appId).toBe('com.sessiondesk.agent');
        return Promise.resolve(fake.core);
      },
    });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await shell?.stop();
    data?.remove();
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
    track(await ShellSocket.open(url, `http://localhost:${shell.port}`));
    expect(logged('refused a WebSocket from another origin').length).toBeGreaterThan(0);
  });

  it('closes a socket with 4401 when the key is wrong', async () => {
    const socket = track(await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin));
    socket.send('not-the-key');
    expect(await socket.closed).toEqual({ code: CLOSE_UNAUTHORIZED, reason: 'The key is not valid.' });
    expect(fake.calls).toEqual([]);
  });

  it(`closes a socket with 4401 when no key comes within ${KEY_TIMEOUT_MS / 1000} s`, async () => {
    const started = Date.now();
    const socket = track(await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin));
    const closed = await socket.closed;
    expect(closed.code).toBe(CLOSE_UNAUTHORIZED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(KEY_TIMEOUT_MS - 100);
    expect(Date.now() - started).toBeLessThan(KEY_TIMEOUT_MS + 2_000);
  });

  it('does not pass commands or events to a socket that has not presented the key', async () => {
    const socket = track(await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin));
    socket.send(JSON.stringify({ id: 1, name: 'account.get', input: {} }));
    expect((await socket.closed).code).toBe(CLOSE_UNAUTHORIZED);
    expect(fake.calls).toEqual([]);
  });

  it('carries invokes to the core and answers each by its id, in the order they finish', async () => {
    const socket = track(await ShellSocket.ready(shell.origin, shell.key));
    fake.calls.length = 0;
    socket.send(JSON.stringify({ id: 7, name: 'slow', input: { a: 1 } }));
    socket.send(JSON.stringify({ id: 8, name: 'requests.counts', input: {} }));
    const fast = await socket.next((m) => m.type === 'result' && m.id === 8);
    expect(fast.result).toEqual({ ok: true, value: { name: 'requests.counts', input: {} } });
    expect(socket.messages.some((m) => m.id === 7)).toBe(false);
    const slow = await socket.next((m) => m.type === 'result' && m.id === 7);
    expect(slow.result).toEqual({ ok: true, value: { name: 'slow', input: { a: 1 } } });
    expect(fake.calls).toEqual([
      { name: 'slow', input: { a: 1 } },
      { name: 'requests.counts', input: {} },
    ]);
  });

  it('answers an internal error when the core throws, without the error’s text', async () => {
    const socket = track(await ShellSocket.ready(shell.origin, shell.key));
    const result = await socket.invoke(1, 'throws', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toContain('boom');
  });

  it('ignores, with a log line, messages that are not {id:number, name:string, input}', async () => {
    const socket = track(await ShellSocket.ready(shell.origin, shell.key));
    fake.calls.length = 0;
    const before = logged('ignored').length;
    for (const bad of [
      'not json',
      '[1,2]',
      'null',
      JSON.stringify({ id: '1', name: 'account.get', input: {} }),
      JSON.stringify({ id: 1.5, name: 'account.get', input: {} }),
      JSON.stringify({ id: 1, name: 42, input: {} }),
      JSON.stringify({ id: 1, input: {} }),
    ]) {
      socket.send(bad);
    }
    socket.send(Buffer.from([1, 2, 3]));
    // Still open and still answering after all of them.
    expect(await socket.invoke(99, 'account.get', { secret: 'hunter2' })).toEqual({
      ok: true,
      value: { name: 'account.get', input: { secret: 'hunter2' } },
    });
    expect(fake.calls).toEqual([{ name: 'account.get', input: { secret: 'hunter2' } }]);
    expect(logged('ignored').length - before).toBe(8);
    // A missing input is passed on as undefined: the core decides.
    expect(await socket.invoke(100, 'account.get', undefined)).toEqual({
      ok: true,
      value: { name: 'account.get' },
    });
    expect(JSON.stringify(log.lines)).not.toContain('hunter2');
  });

  it('closes a socket that sends a message over 1 MiB', async () => {
    const socket = track(await ShellSocket.ready(shell.origin, shell.key));
    socket.send(JSON.stringify({ id: 1, name: 'account.get', input: { big: 'x'.repeat(1024 * 1024) } }));
    expect((await socket.closed).code).toBe(1009);
  });

  it('forwards the core’s events to every socket with the key, and only to those', async () => {
    const first = track(await ShellSocket.ready(shell.origin, shell.key));
    const second = track(await ShellSocket.ready(shell.origin, shell.key));
    const without = track(await ShellSocket.open(`ws://127.0.0.1:${shell.port}/ipc`, shell.origin));
    fake.emit('navigate', { requestId: 'r-1' });
    for (const socket of [first, second]) {
      expect(await socket.next((m) => m.type === 'event')).toEqual({
        type: 'event',
        name: 'navigate',
        payload: { requestId: 'r-1' },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(without.messages).toEqual([]);
  });
});

describe('the browser shell’s start and stop', () => {
  it('stops: closes its sockets with 1001, unsubscribes from the core and stops it, once', async () => {
    const data = testDir('shell-stop');
    const fake = fakeCore();
    const shell = await startBrowserShell({
      dataDir: data.path,
      port: 0,
      rendererDir: renderer.path,
      logger: capturedLogger().logger,
      createCore: () => Promise.resolve(fake.core),
    });
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    expect(fake.listenerCount()).toBe(1);
    await Promise.all([shell.stop(), shell.stop()]);
    expect((await socket.closed).code).toBe(1001);
    expect(fake.state.stopped).toBe(1);
    expect(fake.listenerCount()).toBe(0);
    await expect(get(shell.port, '/')).rejects.toThrow();
  });

  it('refuses to start without a built renderer, saying what to run', async () => {
    const data = testDir('shell-nobuild');
    const fake = fakeCore();
    await expect(
      startBrowserShell({
        dataDir: data.path,
        port: 0,
        rendererDir: data.path,
        logger: capturedLogger().logger,
        createCore: () => Promise.resolve(fake.core),
      }),
    ).rejects.toThrow('npm run build');
  });

  it('stops the core when it cannot listen', async () => {
    const data = testDir('shell-busy');
    const first = await startBrowserShell({
      dataDir: data.path,
      port: 0,
      rendererDir: renderer.path,
      logger: capturedLogger().logger,
      createCore: () => Promise.resolve(fakeCore().core),
    });
    const fake = fakeCore();
    await expect(
      startBrowserShell({
        dataDir: data.path,
        port: first.port,
        rendererDir: renderer.path,
        logger: capturedLogger().logger,
        createCore: () => Promise.resolve(fake.core),
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(fake.state.stopped).toBe(1);
    await first.stop();
  });
});

describe('the browser shell with the real AgentCore', () => {
  let data: ReturnType<typeof temporaryDir>;
  let shell: BrowserShell;
  beforeAll(async () => {
    data = temporaryDir('shell-core');
    shell = await startBrowserShell({
      dataDir: data.path,
      port: 0,
      rendererDir: renderer.path,
      logger: capturedLogger().logger,
    });
  });
  afterAll(async () => {
    await shell?.stop();
    data?.remove();
  });

  it('an invoke reaches the core, which answers an unknown command with unknown_command', async () => {
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    try {
      expect(await socket.invoke(1, 'nope', {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_command' },
      });
    } finally {
      socket.close();
    }
  });
});
