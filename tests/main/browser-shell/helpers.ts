/**
 * Helpers for the browser shell's tests: a small renderer to serve (the real index.html's policy, a
 * module script that records whether the bridge was there first), an environment that keeps the
 * machine's policy away from the real core, a service address that accepts connections and never
 * answers (a command that stays in flight), a log that can be read back, and a WebSocket client that
 * speaks the shell's protocol.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { WebSocket } from 'ws';
import type { CommandResult } from '@shared/ipc/contract';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The policy renderer/index.html states in its <meta>. */
export const RENDERER_CSP = /content="([^"]+)"/.exec(
  /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]+"/.exec(
    readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8'),
  )![0],
)![1]!;

export function temporaryDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `sessiondesk-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * renderer/index.html with its module script pointing at a stand-in bundle (in <head>, as Vite puts
 * it), which records what it found and subscribes to events as soon as it runs.
 */
export function fixtureRenderer(dir: string): string {
  const source = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
  const html = source
    .replace(/\s*<script type="module" src="\.\/src\/main\.tsx"><\/script>/, '')
    .replace(
      '</head>',
      '  <script type="module" src="./assets/app.js"></script>\n    <link rel="stylesheet" href="./assets/app.css" />\n  </head>',
    );
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(
    join(dir, 'assets', 'app.js'),
    [
      'window.bridgeAtStart = typeof window.sessiondesk;',
      'window.events = [];',
      "if (window.sessiondesk) window.sessiondesk.on('settings', (payload) => window.events.push(payload));",
      "document.getElementById('root').textContent = 'started';",
    ].join('\n'),
  );
  writeFileSync(join(dir, 'assets', 'app.css'), 'body { margin: 0; }\n');
  writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export function capturedLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/**
 * The environment for a test's core: an empty policy file (SESSIONDESK_POLICY_FILE, written in `dir`),
 * so that neither the machine's policy nor the developer's environment changes what the core does.
 */
export function noPolicyEnv(dir: string): NodeJS.ProcessEnv {
  const file = join(dir, 'policy.json');
  writeFileSync(file, '{}\n');
  return { PATH: process.env['PATH'], SESSIONDESK_POLICY_FILE: file };
}

/**
 * A TCP server on 127.0.0.1 that accepts connections, reads what comes and never answers: a sign-in
 * against it stays in flight (the core's HTTP timeout is 20 s) until `hangUp` ends its connections,
 * which fails it as `unreachable`.
 */
export async function silentServer() {
  const connections = new Set<Socket>();
  let received = '';
  const server = createServer((connection) => {
    connections.add(connection);
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => (received += chunk));
    connection.on('error', () => {});
    connection.once('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hangUp = () => {
    for (const connection of connections) connection.destroy();
  };
  return {
    url,
    /** What the clients sent so far (the HTTP requests, headers and bodies). */
    received: () => received,
    hangUp,
    close: () =>
      new Promise<void>((resolve) => {
        hangUp();
        server.close(() => resolve());
      }),
  };
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** A WebSocket client of the shell, keeping every message it receives. */
export class ShellSocket {
  readonly messages: any[] = [];
  /** The events the shell sent before `ready`: its state when this socket presented the key. */
  snapshot: any[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse((data as Buffer).toString('utf8')));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(
    url: string,
    origin: string | undefined,
    headers: Record<string, string> = {},
  ): Promise<ShellSocket> {
    const socket = new WebSocket(url, { ...(origin ? { origin } : {}), headers });
    const client = new ShellSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (request, response) => {
        reject(new Error(`refused: ${response.statusCode}`));
        response.destroy();
        request.destroy();
      });
      socket.once('error', reject);
    });
  }

  /**
   * Opens a socket, presents the key and waits for `ready`; what came before it (the state snapshot)
   * moves to `snapshot`, so `messages` starts with `ready`.
   */
  static async ready(
    origin: string,
    key: string,
    options: { readonly headers?: Record<string, string>; readonly query?: string } = {},
  ): Promise<ShellSocket> {
    const url = `${origin.replace('http', 'ws')}/ipc${options.query ?? ''}`;
    const client = await ShellSocket.open(url, origin, options.headers);
    client.send(key);
    await client.next((m) => m.type === 'ready');
    const at = client.messages.findIndex((m) => m.type === 'ready');
    client.snapshot = client.messages.splice(0, at);
    return client;
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** The first message (already received or to come) matching `match`. */
  async next(match: (message: any) => boolean, timeoutMs = 5_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 50);
      });
    }
  }

  async invoke(id: number, name: string, input: unknown): Promise<CommandResult<unknown>> {
    this.send(JSON.stringify({ id, name, input }));
    return (await this.next((m) => m.type === 'result' && m.id === id)).result;
  }

  close(): void {
    this.socket.close();
  }
}
