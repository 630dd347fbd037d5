/**
 * app://, the scheme the Electron window loads the renderer from, instead of file:// (Electron's security
 * checklist, item 18): a page on file:// may read other local files, and GrantFileProtocolExtraPrivileges,
 * turned off in packaged builds, gave it more. Here: the scheme's privileges, which file a request for an
 * app:// URL gets and with which headers, or a 404. Pure: imports no electron (app-protocol.ts serves it).
 *
 * A request is served only a file of the build's listing (node/renderer-files.ts: no dotfile,
 * no link, nothing added after the start), named by a URL on this host whose decoded path segments are
 * plain names: no traversal, plain or encoded, no encoded slash, no absolute path, no folder.
 */
import type { RendererFiles } from '../node/renderer-files';
import { RENDERER_CSP } from './csp';

export const APP_SCHEME = 'app';
const APP_HOST = 'sessiondesk';
const PAGE_FILE = 'index.html';
/** The app's page: the window loads it, and IPC answers only it (app-url.ts). */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/${PAGE_FILE}`;

/**
 * What protocol.registerSchemesAsPrivileged grants app://, and only that:
 * - standard: RFC 3986 URLs, so `./assets/…` in index.html resolves, and the page has an origin of its
 *   own (app://sessiondesk) that the CSP's 'self' names and its module scripts load from as same-origin;
 * - secure: a secure context, as file: was: the clipboard API (Copy link, Show PIN → Copy) needs one.
 * Not supportFetchAPI (the renderer calls no fetch(): its data comes over IPC, and module scripts and
 * styles are not Fetch API calls), corsEnabled (no other origin may read it), bypassCSP, stream,
 * allowServiceWorkers, codeCache or allowExtensions.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true } as const;

const CONTENT_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    mjs: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json',
    map: 'application/json',
    txt: 'text/plain; charset=utf-8',
    svg: 'image/svg+xml',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    avif: 'image/avif',
    ico: 'image/x-icon',
    woff: 'font/woff',
    woff2: 'font/woff2',
    ttf: 'font/ttf',
    otf: 'font/otf',
    wasm: 'application/wasm',
  }),
);
const UNKNOWN_TYPE = 'application/octet-stream';

/** Every answer carries the renderer's policy and nosniff; the page's own <meta> says the same. */
const headersFor = (contentType: string): Readonly<Record<string, string>> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
});

export type AppResponsePlan =
  | { readonly status: 200; readonly file: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly status: 404; readonly headers: Readonly<Record<string, string>> };

export const APP_NOT_FOUND: AppResponsePlan = {
  status: 404,
  headers: headersFor('text/plain; charset=utf-8'),
};

/** A decoded path segment that names a file or folder in the renderer's tree, and nothing else. */
const isPlainName = (segment: string) =>
  segment !== '' && !segment.startsWith('.') && !/[/\\\0]/.test(segment);

/**
 * The file an app:// URL names (`index.html`, `assets/x.js`), relative to the renderer folder, or null
 * when it is not a plain path on this scheme and host. Query and fragment do not count.
 */
export function appUrlPath(candidate: string): string | null {
  const url = URL.parse(candidate);
  if (url?.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username !== '' || url.password !== '' || !url.pathname.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of url.pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!isPlainName(segment)) return null;
    segments.push(segment);
  }
  return segments.join('/');
}

export const isAppPageUrl = (candidate: string): boolean => appUrlPath(candidate) === PAGE_FILE;

/** What to answer a request on app://: a listed file with its type, or the 404. */
export function planAppResponse(method: string, url: string, files: RendererFiles): AppResponsePlan {
  if (method !== 'GET' && method !== 'HEAD') return APP_NOT_FOUND;
  const file = appUrlPath(url);
  if (file === null || !files.has(file)) return APP_NOT_FOUND;
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  return { status: 200, file, headers: headersFor(CONTENT_TYPES.get(extension) ?? UNKNOWN_TYPE) };
}
