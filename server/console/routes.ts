/**
 * GET /console…: the web console, the agent client in a browser. The page is the renderer's build
 * (build.ts rewrites it for the console); its files come from the build folder; the manifest makes it
 * installable and the service worker opens it offline. Every answer carries the console's policy
 * (policy.ts). Paths without a file extension are the client's own routes: each answers the page, so a
 * reload of /console/sso-return or any other client address works.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { transformSync } from 'esbuild';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_EMAIL_LANGUAGE, pickLanguageFromAcceptLanguage } from '@shared/domain/languages';
import { translator } from '@shared/i18n/translator';
import { CONSOLE_PATH, CONSOLE_SESSION_PATH } from '@shared/protocol/console';
import { sendError } from '../http/errors';
import { DEFAULT_CONSOLE_BUILD_DIR, isImmutable, loadConsoleBuild, type ConsoleBuild } from './build';
import { CONSOLE_HEADERS } from './policy';

export const MANIFEST_FILE = 'manifest.webmanifest';
export const SERVICE_WORKER_FILE = 'sw.js';
/** The renderer's icon (renderer/public/icon.svg, copied into its build). */
const ICON_FILE = 'icon.svg';
/** The renderer's own colours (renderer/src/styles/base.css: the light theme's --bg and --accent). */
const BACKGROUND_COLOUR = '#f4f6f9';
const THEME_COLOUR = '#1b62cf';

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The service worker's script, transpiled once: the service defines PRECACHE before it per build. */
const serviceWorkerCode = transformSync(
  readFileSync(new URL('./client/service-worker.ts', import.meta.url), 'utf8'),
  { loader: 'ts', format: 'iife', target: 'es2020', minify: true },
).code;

/**
 * The build as it is now: listed again whenever the renderer's index.html has changed (a stat per
 * request), so `npm run build` while the service runs serves the new build at once, rather than a page
 * naming assets that are gone. Until there is a build, every request looks again.
 */
function buildSource(buildDir: string): () => ConsoleBuild | null {
  const index = join(buildDir, 'renderer', 'index.html');
  let build: ConsoleBuild | null = null;
  let seen: number | null = null;
  return () => {
    const changed = statSync(index, { throwIfNoEntry: false })?.mtimeMs ?? null;
    if (changed === null) return (build = seen = null);
    if (changed !== seen || !build) {
      build = loadConsoleBuild(buildDir);
      seen = changed;
    }
    return build;
  };
}

export function registerConsoleRoutes(app: FastifyInstance, options: { buildDir: string | undefined }): void {
  const buildDir = resolve(options.buildDir ?? DEFAULT_CONSOLE_BUILD_DIR);
  const currentBuild = buildSource(buildDir);

  void app.register(async (scope) => {
    // serve: false — files are sent only by the handler below, and only the build's listed ones.
    await scope.register(fastifyStatic, { root: buildDir, serve: false });
    scope.addHook('onSend', (_request, reply, payload, done) => {
      reply.headers(CONSOLE_HEADERS);
      done(null, payload);
    });

    scope.get(CONSOLE_PATH, { schema: { hide: true } }, (request, reply) => answer(request, reply, ''));
    scope.get<{ Params: { '*': string } }>(
      `${CONSOLE_PATH}/*`,
      { schema: { hide: true } },
      (request, reply) => answer(request, reply, request.params['*']),
    );
  });

  function answer(request: FastifyRequest, reply: FastifyReply, path: string) {
    const [pathname = '', query] = request.url.split('?', 2);
    // With the router's ignoreTrailingSlash, /console reaches here too: the page's relative addresses need
    // the slash.
    if (pathname === CONSOLE_PATH) {
      return reply.redirect(`${CONSOLE_PATH}/${query === undefined ? '' : `?${query}`}`, 301);
    }
    const build = currentBuild();
    if (!build) return notBuilt(request, reply);
    if (path === MANIFEST_FILE) {
      return reply
        .type('application/manifest+json; charset=utf-8')
        .header('cache-control', NO_CACHE)
        .send(JSON.stringify(manifest(build)));
    }
    if (path === SERVICE_WORKER_FILE) {
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', NO_CACHE)
        .send(serviceWorker(build));
    }
    const folder = build.files.get(path);
    if (folder !== undefined) {
      reply.header('cache-control', isImmutable(path) ? IMMUTABLE : NO_CACHE);
      return reply.sendFile(path, folder, { cacheControl: false, dotfiles: 'deny' });
    }
    if (path === '' || !/\.[^/]*$/.test(path)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', NO_CACHE).send(build.page);
    }
    return sendError(reply, 404, 'not_found', 'The service has no such address.', {
      params: { thing: 'path' },
    });
  }
}

/** The web app manifest: the console installs as an app of its own, opening at /console/. */
export function manifest(build: ConsoleBuild) {
  return {
    name: 'Sessiondesk',
    short_name: 'Sessiondesk',
    id: `${CONSOLE_PATH}/`,
    start_url: `${CONSOLE_PATH}/`,
    scope: `${CONSOLE_PATH}/`,
    display: 'standalone',
    background_color: BACKGROUND_COLOUR,
    theme_color: THEME_COLOUR,
    icons: build.files.has(ICON_FILE)
      ? [{ src: `${CONSOLE_PATH}/${ICON_FILE}`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }]
      : [],
  };
}

/** What the service worker precaches and leaves alone, for this build. */
export function precacheOf(build: ConsoleBuild) {
  return {
    cache: `sessiondesk-console-${build.version}`,
    prefix: 'sessiondesk-console-',
    page: `${CONSOLE_PATH}/`,
    scope: `${CONSOLE_PATH}/`,
    bypass: [CONSOLE_SESSION_PATH, `${CONSOLE_PATH}/${SERVICE_WORKER_FILE}`],
    files: [...build.files.keys(), MANIFEST_FILE].sort().map((file) => `${CONSOLE_PATH}/${file}`),
  };
}

function serviceWorker(build: ConsoleBuild): string {
  return `const PRECACHE = ${JSON.stringify(precacheOf(build))};\n${serviceWorkerCode}`;
}

/** 503 while there is no build: a page (in the browser's language) telling the operator what to run. */
function notBuilt(request: FastifyRequest, reply: FastifyReply) {
  const language =
    pickLanguageFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_EMAIL_LANGUAGE;
  const text = translator(language).t('error.console_not_built');
  const escaped = text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return reply
    .status(503)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>Sessiondesk</title></head>` +
        `<body><p>${escaped}</p></body></html>\n`,
    );
}
