/**
 * Where the renderer is loaded from (the built index.html, or electron-vite's dev server when not
 * packaged) and whether a URL is that page: IPC is answered only for it. Pure: imports no electron.
 */

export type RendererLocation =
  | { readonly kind: 'file'; readonly url: string }
  | { readonly kind: 'dev-server'; readonly url: string; readonly origin: string };

/**
 * The dev server only when the app is not packaged: a packaged app never loads a page an environment
 * variable points at.
 */
export function rendererLocation(
  indexFileUrl: string,
  devServerUrl: string | undefined,
  packaged: boolean,
): RendererLocation {
  if (devServerUrl && !packaged) {
    const url = new URL(devServerUrl);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return { kind: 'dev-server', url: url.href, origin: url.origin };
    }
  }
  return { kind: 'file', url: new URL(indexFileUrl).href };
}

const withoutFragmentAndQuery = (url: URL) => `${url.protocol}//${url.host}${url.pathname}`;

export function isRendererUrl(
  candidate: string,
  location: RendererLocation,
  platform: NodeJS.Platform = process.platform,
): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return url.origin === location.origin;
  if (url.protocol !== 'file:' || url.host !== '') return false;
  const actual = decodeURIComponent(withoutFragmentAndQuery(url));
  const expected = decodeURIComponent(withoutFragmentAndQuery(new URL(location.url)));
  // Windows paths are case-insensitive (C:/ and c:/ are the same file).
  return platform === 'win32' ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
}
