/**
 * The core's platform seams, one object per host: everything the core needs from where it runs —
 * storage (documents, the cache), secrets (the token vault), sockets, process launching, files, URIs,
 * policy and single sign-on's return — and nothing else. Code in `main/core/` outside `node/` and `browser/`
 * folders imports no `node:` module and no native package (lint enforces it): it runs in Electron's main
 * process, in the browser shell's Node process and in the web console's Worker alike.
 *
 * Implementations: `main/core/node/node-platform.ts` (Electron and the browser shell pass their
 * SecretStore, openUri and save dialog), `main/core/browser/browser-platform.ts` (the web console).
 */
import type { HostKind } from '@shared/ipc/settings';
import type { LoadedPolicy } from '../settings/policy-source';
import type { CacheOpener } from './caches';
import type { DocumentStore } from './documents';
import type { FileSaver } from './files';
import type { ProcessStarter } from './processes';
import type { SocketOpener } from './sockets';
import type { TokenVault } from './token-vault';

/** The operating system a hand-off plans for (the web console: the one the browser says it runs on). */
export type HandoffOs = 'win32' | 'darwin' | 'linux';

/**
 * Where single sign-on comes back to. `page`: the agent's own page goes to the provider and back to a path
 * of the host's origin, which hands the redirect to AgentCore.receiveSsoRedirect (the browser shell, the
 * web console). `loopback`: the system browser, opened with `open`, and a one-shot listener on 127.0.0.1
 * the core starts for the answer (RFC 8252; Electron).
 */
export type SsoReturn =
  | { readonly kind: 'page'; readonly returnBase: () => string }
  /**
   * `window`: the provider opens in a window of its own (the web console's page must stay, its core lives
   * in it); the redirect comes back under `returnBase()` in that window, which hands it to the page's core.
   */
  | { readonly kind: 'window'; readonly returnBase: () => string; open(url: string): Promise<void> }
  | { readonly kind: 'loopback'; readonly listen: LoopbackListen; open(url: string): Promise<void> };

/** A request the loopback listener received: its method and path, and how to answer it (once). */
export interface LoopbackRequest {
  readonly method: string;
  /** The path and query, as sent (`/sso/<segment>?code=…&state=…`). */
  readonly url: string;
  respond(status: number, headers: Readonly<Record<string, string>>, body: string): void;
}

export interface LoopbackServer {
  readonly port: number;
  /** Stops listening at once; an answer being sent is finished first. */
  close(): void;
}

/** Listens on 127.0.0.1, on a port the OS picks, handing each request to `handle` (node only). */
export type LoopbackListen = (handle: (request: LoopbackRequest) => void) => Promise<LoopbackServer>;

export interface CorePlatform {
  readonly hostKind: HostKind;
  readonly os: HandoffOs;
  /** Environment the hand-off reads (PATH for program names); empty in the web console. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly documents: DocumentStore;
  readonly tokens: TokenVault;
  readonly caches: CacheOpener;
  readonly sockets: SocketOpener;
  /** Starting programs: null where the host cannot (the web console). */
  readonly processes: ProcessStarter | null;
  readonly files: FileSaver;
  readonly sso: SsoReturn;
  /** The organisation's policy for this installation (none in the web console). */
  loadPolicy(): Promise<LoadedPolicy>;
  /** Opens a URI with its handler; the core has checked the scheme is allowed. */
  openUri(uri: string): Promise<void>;
  /** Cryptographic randomness and hashing come from WebCrypto (`globalThis.crypto`) on every host. */
}
