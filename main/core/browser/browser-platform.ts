/**
 * The core's platform in the web console's Worker: documents on the Origin Private File System, the
 * refresh token in the service's HttpOnly cookie, SQLite-WASM on OPFS, a browser WebSocket opened with a
 * stream ticket, no programs (Connect opens link schemes, or offers an `.rdp` file), downloads and URIs
 * through the page, and single sign-on in a window of its own so the page — and this core — stay.
 *
 * The service the console talks to is the one that served it: the sign-in's address is its origin, set as
 * the installation's policy would set it (the page's CSP allows no other anyway).
 */
import { CONSOLE_SSO_RETURN_PATH } from '@shared/protocol/console';
import type { CacheOpener } from '../platform/caches';
import type { DocumentStore } from '../platform/documents';
import type { CorePlatform, HandoffOs } from '../platform/host';
import { checkOpenableUri } from '../platform/uri-policy';
import { CookieTokenVault } from './cookie-token-vault';
import { DownloadFileSaver } from './download-file-saver';
import { ticketSockets } from './ticket-sockets';

/** What a Worker cannot do itself and asks its page for. */
export interface PageRequests {
  /** Opens a remote-control app's link (`anydesk:…`) or an https page (a provider's sign-out). */
  openUri(uri: string): void;
  /** Opens single sign-on's window at the provider. */
  openWindow(url: string): void;
  /** Offers a finished file as a download. */
  download(name: string, file: Blob): void;
}

export interface BrowserPlatformOptions {
  /** The console's origin: the service's address. */
  readonly origin: string;
  readonly documents: DocumentStore;
  readonly caches: CacheOpener;
  /** The operating system the browser says it runs on (which clients' links a hand-off prefers). */
  readonly os: HandoffOs;
  readonly page: PageRequests;
}

/** The operating system of a user agent, from `navigator.userAgentData.platform` or the user agent string. */
export function handoffOsOf(platform: string): HandoffOs {
  if (/win/i.test(platform)) return 'win32';
  if (/mac|iphone|ipad/i.test(platform)) return 'darwin';
  return 'linux';
}

export function createBrowserPlatform(options: BrowserPlatformOptions): CorePlatform {
  const { page, origin } = options;
  return {
    hostKind: 'web',
    os: options.os,
    env: {},
    documents: options.documents,
    tokens: new CookieTokenVault(),
    caches: options.caches,
    sockets: ticketSockets,
    processes: null,
    files: new DownloadFileSaver((name, file) => page.download(name, file)),
    sso: {
      kind: 'window',
      returnBase: () => `${origin}${CONSOLE_SSO_RETURN_PATH}`,
      open: (url) => {
        page.openWindow(url);
        return Promise.resolve();
      },
    },
    loadPolicy: () =>
      Promise.resolve({ values: { ServerUrl: origin }, source: 'the web console', warnings: [] }),
    openUri: (uri) => {
      // The policy every shell applies before a URI leaves the app (no javascript:, file:, data:…).
      const checked = checkOpenableUri(uri);
      if (!checked.ok) return Promise.reject(new Error(checked.reason));
      page.openUri(checked.uri);
      return Promise.resolve();
    },
  };
}
