/**
 * Where the renderer is loaded from (app://sessiondesk/index.html, or electron-vite's dev server when
 * not packaged) and whether a URL is that page: IPC is answered only for it. Pure: imports no electron.
 */
import { APP_PAGE_URL, isAppPageUrl } from './app-scheme';

export type RendererLocation =
  | { readonly kind: 'app'; readonly url: string }
  | { readonly kind: 'dev-server'; readonly url: string; readonly origin: string };

/**
 * The dev server only when the app is not packaged: a packaged app never loads a page an environment
 * variable points at.
 */
export function rendererLocation(devServerUrl: string | undefined, packaged: boolean): RendererLocation {
  if (devServerUrl && !packaged) {
    const url = new URL(devServerUrl);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return { kind: 'dev-server', url: url.href, origin: url.origin };
    }
  }
  return { kind: 'app', url: APP_PAGE_URL };
}

export function isRendererUrl(candidate: string, location: RendererLocation): boolean {
  if (location.kind === 'app') return isAppPageUrl(candidate);
  return URL.parse(candidate)?.origin === location.origin;
}
