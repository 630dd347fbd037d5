/**
 * The web console's Content Security Policy and the headers sent with everything under /console. The
 * policy goes out as a header on the page and on every script: a Worker's policy is its own response's,
 * not the page's. It keeps what the renderer's own meta policy allows (renderer/index.html: its own
 * scripts, styles, images with data: URLs, fonts, connections to its origin) and adds what the console
 * needs beside: its Worker, the WebAssembly of SQLite (`'wasm-unsafe-eval'`, nothing wider), the manifest.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self'"],
  // 'self' covers the same origin's ws: and wss: (CSP Level 3).
  ['connect-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['manifest-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"],
];

const policy = (directives: readonly (readonly [string, string])[]) =>
  directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy every response under /console carries as a header. */
export const CONSOLE_CSP = policy(DIRECTIVES);

/**
 * The same policy for the page's meta element, which replaces the renderer's: without frame-ancestors,
 * which a meta policy may not set (browsers ignore it there and warn; the header carries it).
 */
export const CONSOLE_META_CSP = policy(DIRECTIVES.filter(([name]) => name !== 'frame-ancestors'));

/** The headers of every answer under /console. */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};
