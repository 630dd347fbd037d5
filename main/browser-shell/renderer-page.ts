/**
 * The built renderer's index.html as the browser shell serves it: the Content-Security-Policy it
 * carries in a <meta> (sent as a header too), and the bridge script inserted before the module bundle.
 */

export const BRIDGE_SCRIPT_PATH = '/bridge.js';
const BRIDGE_TAG = `<script src=".${BRIDGE_SCRIPT_PATH}"></script>`;

const decodeEntities = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The policy of the page's `<meta http-equiv="Content-Security-Policy">`, or null without one. */
export function extractCsp(html: string): string | null {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const [, name, double, single] of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set(name!.toLowerCase(), decodeEntities(double ?? single ?? ''));
    }
    if (attributes.get('http-equiv')?.toLowerCase() === 'content-security-policy') {
      const policy = attributes.get('content')?.trim();
      if (policy) return policy;
    }
  }
  return null;
}

/**
 * The page with `<script src="./bridge.js">` in <head>, before the first script there (Vite puts the
 * module bundle in <head>), so `window.sessiondesk` exists before the renderer runs. A classic script
 * from the page's own origin: the CSP's `script-src 'self'` allows it.
 */
export function injectBridge(html: string): string {
  const headEnd = html.search(/<\/head\s*>/i);
  if (headEnd === -1) throw new Error('The renderer’s index.html has no </head>.');
  const firstScript = html.search(/<script\b/i);
  const at = firstScript !== -1 && firstScript < headEnd ? firstScript : headEnd;
  return `${html.slice(0, at)}${BRIDGE_TAG}\n    ${html.slice(at)}`;
}
