/**
 * The browser shell: a plain Node process hosting the same core as the Electron app and serving the
 * built renderer's files (out/renderer, as listed at start: node/renderer-files.ts) on 127.0.0.1, for
 * browsers and tests. The IPC contract travels over a local WebSocket (/ipc, see bridge/protocol.ts)
 * that a page may use only with the per-launch key in its address (`#key=…`). It knows no command: it
 * carries messages between the page and the core. The `system` language is the browser's: each page that
 * presents the key tells the core the languages its browser prefers (bridge/protocol.ts).
 *
 * What a hostile web page in the same browser cannot do:
 * - read the page or the bridge through DNS rebinding: any Host other than 127.0.0.1:PORT or
 *   localhost:PORT is answered 403;
 * - open the socket from its own origin: an upgrade whose Origin is not the shell's is refused;
 * - use the socket without the key, which only the address the shell printed carries.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import { build } from 'esbuild';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import { pino, type Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { pickLanguageFromAcceptLanguage } from '@shared/domain/languages';
import type { CommandResult } from '@shared/ipc/contract';
import { AgentCore, type AgentCoreOptions } from '../core/agent-core';
import { ssoReturnPage } from '../core/account/sso-sign-in';
import { defaultDownloadsDir, saveInFolder } from '../core/node/downloads-folder';
import { createNodePlatform } from '../core/node/node-platform';
import { PRIVATE_DIR_MODE } from '../node/atomic-file';
import {
  CLOSE_UNAUTHORIZED,
  IPC_PATH,
  KEY_TIMEOUT_MS,
  LANGUAGES_PARAM,
  MAX_MESSAGE_BYTES,
  type InvokeMessage,
  type ShellMessage,
} from './bridge/protocol';
import { FileSecretStore } from '../node/file-secret-store';
import { openUri } from './open-uri';
import { stateSnapshot } from './state-snapshot';
import { DEFAULT_PORT } from './cli-options';
import { BRIDGE_SCRIPT_PATH, extractCsp, injectBridge } from './renderer-page';
import { listRendererFiles, type RendererFiles } from '../node/renderer-files';

/** electron-builder's appId: the core names the macOS managed-preferences file after it. */
export const APP_ID = 'com.sessiondesk.agent';
const HOST = '127.0.0.1';
const MAX_NAME_LENGTH = 200;
/** How long a stop waits for connections to close before it ends them. */
const STOP_GRACE_MS = 1_000;
/**
 * Where single sign-on comes back to: the shell's own origin (it is never served under the service's),
 * so the tab that went to the provider comes home with its key still in its sessionStorage.
 */
export const SSO_RETURN_PATH = '/sso/return';
const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const BRIDGE_ENTRY = fileURLToPath(new URL('./bridge/bridge.ts', import.meta.url));
const BRIDGE_TSCONFIG = fileURLToPath(new URL('./bridge/tsconfig.json', import.meta.url));

export interface BrowserShellOptions {
  /** The core's data folder: its cache, settings, and `secrets.json` (0600). */
  readonly dataDir: string;
  /** Default 7310; 0 picks a free port. The shell listens on 127.0.0.1 only. */
  readonly port?: number;
  /** The service's address for sign-in (`--server`). */
  readonly serverUrl?: string;
  /**
   * Where exports are saved (`--downloads-dir`): a page has no save dialog the core could open, so an
   * export goes where a browser's download would. Default: the user's Downloads folder.
   */
  readonly downloadsDir?: string;
  /** The built renderer; default out/renderer (`npm run build`). */
  readonly rendererDir?: string;
  readonly logger?: Logger;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** The launch key; default 32 random bytes. Tests restart a shell with the same key. */
  readonly key?: string;
}

export interface BrowserShell {
  /** `http://127.0.0.1:PORT/#key=KEY`: the address to open. */
  readonly url: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  readonly key: string;
  /** Closes every socket and the server, then stops the core. */
  stop(): Promise<void>;
}

const INTERNAL_ERROR: CommandResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The Sessiondesk app could not run this command.' },
};

/** The renderer's files, read and prepared once at start. */
interface Page {
  readonly dir: string;
  /** What the build holds at start: the only files served (node/renderer-files.ts). */
  readonly files: RendererFiles;
  readonly html: string;
  readonly csp: string;
  readonly bridgeJs: string;
}

async function preparePage(rendererDir: string): Promise<Page> {
  const indexPath = join(rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`${indexPath} is missing: build the renderer first (npm run build).`);
  }
  const source = readFileSync(indexPath, 'utf8');
  const csp = extractCsp(source);
  if (!csp) throw new Error(`${indexPath} has no Content-Security-Policy <meta>.`);
  const bundled = await build({
    entryPoints: [BRIDGE_ENTRY],
    tsconfig: BRIDGE_TSCONFIG,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const bridgeJs = bundled.outputFiles[0]?.text;
  if (!bridgeJs) throw new Error('The bridge script could not be bundled.');
  return {
    dir: rendererDir,
    files: listRendererFiles(rendererDir),
    html: injectBridge(source),
    csp,
    bridgeJs,
  };
}

function checkKey(key: string): string {
  if (!/^[A-Za-z0-9_-]{43,}$/.test(key)) throw new Error('A launch key is at least 32 bytes, base64url.');
  return key;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A language tag as a browser lists it ("de-AT", "zh-Hant-TW"), and no longer than any real one. */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
const MAX_LANGUAGES = 20;

/**
 * The languages the browser a page runs in prefers, most preferred first, for the `system` language:
 * those its socket's address lists (the bridge sends navigator.languages), else those of its
 * Accept-Language header; null when it says neither (a client that is not a browser: no change).
 */
export function browserLanguages(url: string, acceptLanguage: string | undefined): string[] | null {
  const listed = new URL(url, 'http://shell').searchParams.get(LANGUAGES_PARAM);
  if (listed !== null) {
    return listed
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => LANGUAGE_TAG.test(tag))
      .slice(0, MAX_LANGUAGES);
  }
  if (acceptLanguage === undefined) return null;
  const language = pickLanguageFromAcceptLanguage(acceptLanguage);
  return language === null ? [] : [language];
}

/** `{id, name, input}` from the page, or why it is not one. */
export function parseInvokeMessage(text: string): InvokeMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const { id, name, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return 'no numeric id';
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH) return 'no command name';
  return { id, name, input };
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const log =
    options.logger ??
    pino({ name: 'browser-shell', level: 'info' }, pino.destination({ fd: 2, sync: false }));
  const page = await preparePage(resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR));
  const key = checkKey(options.key ?? randomBytes(32).toString('base64url'));
  const keyDigest = createHash('sha256').update(key).digest();
  const keyMatches = (candidate: Buffer) =>
    timingSafeEqual(createHash('sha256').update(candidate).digest(), keyDigest);

  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const platform = options.platform ?? process.platform;
  /** Known once listening; a sign-in cannot start before a page has connected. */
  let shellOrigin = '';
  const corePlatform = createNodePlatform({
    dataDir,
    secrets: new FileSecretStore(join(dataDir, 'secrets.json'), {
      warn: (message) => log.warn(message),
    }),
    openUri: (uri) => openUri(uri, platform),
    chooseSaveFile: saveInFolder(
      resolve(options.downloadsDir ?? defaultDownloadsDir(options.env ?? process.env)),
    ),
    appId: APP_ID,
    ssoReturnBase: () => `${shellOrigin}${SSO_RETURN_PATH}`,
    env: options.env ?? process.env,
    os: platform,
  });
  const coreOptions: AgentCoreOptions = {
    platform: corePlatform,
    log: (message, error) => (error === undefined ? log.warn(message) : log.warn({ err: error }, message)),
    ...(options.serverUrl ? { defaultServerUrl: options.serverUrl } : {}),
    // A development host: the pseudo-locale may be chosen to test layouts. Until a page connects with
    // its browser's languages, none: the machine the shell runs on is not where the agent reads.
    pseudoLanguageAvailable: true,
  };
  const core = await AgentCore.start(coreOptions);

  /** Every TCP connection, so that a stop can end those that do not close by themselves. */
  const connections = new Set<Socket>();
  let app: FastifyInstance;
  try {
    app = await buildApp();
    app.server.on('connection', (connection: Socket) => {
      connections.add(connection);
      connection.once('close', () => connections.delete(connection));
    });
    await app.listen({ host: HOST, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    await core.stop();
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const origin = `http://${HOST}:${port}`;
  shellOrigin = origin;

  /** Sockets that presented the key: they get the core's events. */
  const ready = new Set<WebSocket>();
  /** Events held for a socket until its state snapshot is sent, so they arrive after it, in order. */
  const catchingUp = new Map<WebSocket, string[]>();
  const sockets = new Set<WebSocket>();
  const send = (socket: WebSocket, message: ShellMessage | string) => {
    if (socket.readyState === socket.OPEN) {
      socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    }
  };
  const unsubscribe = core.onEvent((name, payload) => {
    let text: string;
    try {
      text = JSON.stringify({ type: 'event', name, payload } satisfies ShellMessage);
    } catch (error) {
      log.error({ err: error, event: name }, 'an event could not be serialised; it was not sent');
      return;
    }
    for (const socket of ready) {
      const held = catchingUp.get(socket);
      if (held) held.push(text);
      else send(socket, text);
    }
  });

  /**
   * A page presented the key: first the core's state now, then `ready` (the page sends its commands
   * from then on), then the events that came while the state was read, in order.
   */
  const bringLevel = async (socket: WebSocket) => {
    catchingUp.set(socket, []);
    ready.add(socket);
    try {
      for (const event of await stateSnapshot(core)) send(socket, { type: 'event', ...event });
    } catch (error) {
      log.error({ err: error }, 'the state for a page could not be read');
    }
    send(socket, { type: 'ready' });
    for (const text of catchingUp.get(socket) ?? []) send(socket, text);
    catchingUp.delete(socket);
  };

  async function buildApp(): Promise<FastifyInstance> {
    const logger: FastifyBaseLogger = log;
    const fastify = Fastify({
      loggerInstance: logger,
      logController: new LogController({ disableRequestLogging: true }),
      forceCloseConnections: true,
      bodyLimit: 16 * 1024,
    });

    // First, so that its hooks mark upgrade requests (and destroy the socket of one refused below).
    await fastify.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host.
    fastify.addHook('onRequest', (request, reply, done) => {
      const requestHost = request.headers.host?.toLowerCase();
      if (!requestHost || !allowedHosts.has(requestHost)) {
        log.warn(
          { host: request.headers.host ?? null, url: request.url },
          'refused a request for another host',
        );
        void reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
        return;
      }
      done();
    });
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      // The page's own policy, plus what only a header can say (no framing by other sites).
      void reply.header('Content-Security-Policy', `${page.csp}; frame-ancestors 'none'`);
      void reply.header('X-Content-Type-Options', 'nosniff');
      void reply.header('Referrer-Policy', 'no-referrer');
      void reply.header('X-Frame-Options', 'DENY');
      void reply.header('Cross-Origin-Opener-Policy', 'same-origin');
      void reply.header('Cross-Origin-Resource-Policy', 'same-origin');
      done(null, payload);
    });

    // The build's own files, as listed at start, and nothing else: no dotfile, nothing added since,
    // no folder, nothing outside. Any other path is a 404 like an unknown address. @fastify/static
    // only sends the file (its type, ETag, ranges); it serves no route of its own.
    await fastify.register(fastifyStatic, { root: page.dir, serve: false, index: false, dotfiles: 'ignore' });
    fastify.get<{ Params: { '*': string } }>('/*', (request, reply) =>
      page.files.has(request.params['*']) ? reply.sendFile(request.params['*']) : reply.callNotFound(),
    );

    const sendIndex = (_request: unknown, reply: FastifyReply) =>
      reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.html);
    fastify.get('/', sendIndex);
    fastify.get('/index.html', sendIndex);
    fastify.get(BRIDGE_SCRIPT_PATH, (_request, reply) =>
      reply.header('Cache-Control', 'no-store').type('text/javascript; charset=utf-8').send(page.bridgeJs),
    );

    // The provider's redirect, through the service: the waiting attempt takes it; the tab goes home,
    // signed in (or the sign-in screen asks why not). A redirect of no attempt of ours is answered here.
    fastify.get(`${SSO_RETURN_PATH}/*`, async (request, reply) => {
      const receipt = await core.receiveSsoRedirect(`${shellOrigin}${request.url}`);
      if (receipt.kind === 'accepted' || !core.ssoWaiting) {
        return reply.header('Cache-Control', 'no-store').redirect('/', 303);
      }
      const page = ssoReturnPage(core.settings.translator(), receipt);
      return reply
        .code(page.status)
        .header('Cache-Control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(page.html);
    });

    fastify.get(
      IPC_PATH,
      {
        websocket: true,
        preValidation: (request, reply, done) => {
          const requestOrigin = request.headers.origin;
          if (!requestOrigin || !allowedOrigins.has(requestOrigin.toLowerCase())) {
            log.warn({ origin: requestOrigin ?? null }, 'refused a WebSocket from another origin');
            void reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
            return;
          }
          done();
        },
      },
      (socket, request) => {
        sockets.add(socket);
        let authorised = false;
        let refused = false;
        const refuse = (reason: string) => {
          refused = true;
          log.warn({ reason }, 'closed a WebSocket without the key');
          socket.close(CLOSE_UNAUTHORIZED, reason);
        };
        const deadline = setTimeout(
          () => refuse(`The key was not presented within ${KEY_TIMEOUT_MS / 1000} s.`),
          KEY_TIMEOUT_MS,
        );
        socket.on('message', (data, isBinary) => {
          if (refused) return;
          const bytes = toBuffer(data);
          if (!authorised) {
            clearTimeout(deadline);
            if (isBinary || !keyMatches(bytes)) return refuse('The key is not valid.');
            authorised = true;
            // Before the state it is sent, so that its settings already speak the browser's language.
            const languages = browserLanguages(request.url, request.headers['accept-language']);
            if (languages) core.setSystemLanguages(languages);
            void bringLevel(socket);
            return;
          }
          if (isBinary) return log.warn('ignored a binary message from the page');
          const message = parseInvokeMessage(bytes.toString('utf8'));
          // Never the content: a sign-in carries a password.
          if (typeof message === 'string')
            return log.warn({ reason: message }, 'ignored a message from the page');
          void answer(socket, message);
        });
        socket.on('close', (code) => {
          clearTimeout(deadline);
          sockets.delete(socket);
          ready.delete(socket);
          catchingUp.delete(socket);
          if (code === 1009)
            log.warn(`closed a WebSocket that sent a message over ${MAX_MESSAGE_BYTES} bytes`);
        });
      },
    );
    return fastify;
  }

  async function answer(socket: WebSocket, message: InvokeMessage): Promise<void> {
    let result: CommandResult<unknown>;
    try {
      result = await core.invoke(message.name, message.input);
    } catch (error) {
      log.error({ err: error, command: message.name }, 'the core failed a command');
      result = INTERNAL_ERROR;
    }
    let text: string;
    try {
      text = JSON.stringify({ type: 'result', id: message.id, result } satisfies ShellMessage);
    } catch (error) {
      log.error({ err: error, command: message.name }, 'a result could not be serialised');
      text = JSON.stringify({
        type: 'result',
        id: message.id,
        result: INTERNAL_ERROR,
      } satisfies ShellMessage);
    }
    send(socket, text);
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      unsubscribe();
      for (const socket of sockets) socket.close(1001, 'The Sessiondesk app is stopping.');
      const closing = app.close();
      const force = setTimeout(() => {
        for (const connection of connections) connection.destroy();
      }, STOP_GRACE_MS);
      try {
        await closing;
      } finally {
        clearTimeout(force);
        await core.stop();
      }
    })());

  return { url: `${origin}/#key=${key}`, origin, port, key, stop };
}
