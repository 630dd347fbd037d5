/**
 * Which URIs a shell hands to the operating system (CorePlatform.openUri), whatever the core asks: https,
 * or a custom scheme of an application (rustdesk:, anydesk:, tv-…:, vnc:, rdp:, …). Never a scheme that
 * runs script, reads local files, or is known to start a dangerous handler. Pure, so it lives with the
 * core's seams and every host checks with it: the Electron shell before shell.openExternal, the browser
 * shell before the platform opener, the web console before the page opens a link.
 */

export const MAX_URI_LENGTH = 8_192;

/**
 * Refused whatever the core's own allow-list says: script and local content, the browser's own
 * schemes, plain-text transports, and Windows handlers with a history of remote code execution.
 */
export const REFUSED_SCHEMES: ReadonlySet<string> = new Set([
  'javascript',
  'vbscript',
  'data',
  'file',
  'blob',
  'filesystem',
  'about',
  'http',
  'ws',
  'wss',
  'ftp',
  'smb',
  'nfs',
  'afp',
  'jar',
  'chrome',
  'chrome-extension',
  'chrome-untrusted',
  'devtools',
  'view-source',
  'mk',
  'its',
  'ms-its',
  'hcp',
  'res',
  'shell',
  'search',
  'search-ms',
  'ms-msdt',
  'ms-officecmd',
  'ms-word',
  'ms-excel',
  'ms-powerpoint',
  'ms-settings',
  'ms-appinstaller',
  'x-apple.systempreferences',
  // The app's own deep links: handing one to the OS would only come back here.
  'sessiondesk',
]);

export type UriCheck =
  | { readonly ok: true; readonly uri: string; readonly scheme: string }
  | { readonly ok: false; readonly reason: string };

/** RFC 3986 characters only: no spaces, quotes or controls that an opener could read another way. */
const URI_SYNTAX = /^([A-Za-z][A-Za-z0-9+.-]*):[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;

export function checkOpenableUri(uri: unknown): UriCheck {
  if (typeof uri !== 'string' || uri.length === 0) return { ok: false, reason: 'The URI is empty.' };
  if (uri.length > MAX_URI_LENGTH) {
    return { ok: false, reason: `The URI is longer than ${MAX_URI_LENGTH} characters.` };
  }
  const match = URI_SYNTAX.exec(uri);
  if (!match || BAD_PERCENT.test(uri)) {
    return { ok: false, reason: 'The URI has characters that must be percent-encoded.' };
  }
  const scheme = match[1]!.toLowerCase();
  if (REFUSED_SCHEMES.has(scheme)) return { ok: false, reason: `The ${scheme}: scheme is never opened.` };
  if (scheme === 'https') {
    // Only the plain form: `https:host` means the same to a URL parser but not to every OS handler.
    let host = '';
    try {
      host = new URL(uri).hostname;
    } catch {
      // falls through to the refusal below
    }
    if (!/^https:\/\/[^/]/i.test(uri) || host === '')
      return { ok: false, reason: 'The https: URI has no host.' };
  }
  return { ok: true, uri, scheme };
}
