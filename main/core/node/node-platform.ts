/**
 * The core's platform on a desktop (Electron's main process, the browser shell): files in the data folder,
 * the host's SecretStore, better-sqlite3 in a worker thread, `ws`, spawned programs, the machine's policy.
 * The host passes what only it knows — its secret store, how it opens a URI and asks where to save, and
 * where single sign-on returns.
 */
import { nodeCaches } from '../cache/node/node-caches';
import { prestartCache } from '../cache/node/cache-prestart';
import type { CorePlatform, HandoffOs } from '../platform/host';
import type { SecretStore } from '../platform/secret-store';
import { NodeProcessStarter } from '../handoff/node/process-starter';
import { loadPolicy } from '../settings/node/load-policy';
import { FileDocumentStore } from './file-documents';
import { PathFileSaver, type ChooseSaveFile } from './file-saver';
import { listenLoopback } from './loopback-listener';
import { SecretTokenVault } from './secret-token-vault';
import { wsSockets } from './ws-sockets';

export interface NodePlatformOptions {
  /** The app's data folder (Electron's userData, the browser shell's --data-dir). */
  readonly dataDir: string;
  readonly secrets: SecretStore;
  /** Opens a URI with the OS's handler for its scheme; the core has checked the scheme is allowed. */
  openUri(uri: string): Promise<void>;
  /** Where to save a file the agent exports, or null when they cancelled. */
  readonly chooseSaveFile: ChooseSaveFile;
  /** The application's id, for the macOS managed preferences file (`<appId>.plist`). */
  readonly appId: string;
  /**
   * Where single sign-on comes back when the agent's own page goes to the provider (the browser shell:
   * a path of its loopback origin). Absent: the system browser and a loopback listener (RFC 8252).
   */
  readonly ssoReturnBase?: () => string;
  /** Environment (SESSIONDESK_POLICY_FILE, PATH for hand-offs, …); defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  readonly os?: NodeJS.Platform;
  /**
   * Whether SESSIONDESK_POLICY_FILE may replace the machine's policy. The packaged app passes false:
   * anyone who can set an environment variable could otherwise lift their organisation's policy.
   */
  readonly allowPolicyFileOverride?: boolean;
}

const handoffOs = (os: NodeJS.Platform): HandoffOs => (os === 'win32' || os === 'darwin' ? os : 'linux');

export function createNodePlatform(options: NodePlatformOptions): CorePlatform {
  // A stored account's cache opens as soon as the core asks: its worker opens it now, while the policy is
  // read (unless the host prestarted it already, before importing the core).
  void prestartCache(options.dataDir);
  const env = options.env ?? process.env;
  const os = options.os ?? process.platform;
  return {
    hostKind: 'desktop',
    os: handoffOs(os),
    env,
    documents: new FileDocumentStore(options.dataDir),
    tokens: new SecretTokenVault(options.secrets),
    caches: nodeCaches(options.dataDir),
    sockets: wsSockets,
    processes: new NodeProcessStarter({ platform: os, env }),
    files: new PathFileSaver(options.chooseSaveFile),
    sso: options.ssoReturnBase
      ? { kind: 'page', returnBase: options.ssoReturnBase }
      : { kind: 'loopback', listen: listenLoopback, open: (url) => options.openUri(url) },
    loadPolicy: () =>
      loadPolicy({
        platform: os,
        env,
        appId: options.appId,
        ...(options.allowPolicyFileOverride === undefined
          ? {}
          : { allowPolicyFileOverride: options.allowPolicyFileOverride }),
      }),
    openUri: (uri) => options.openUri(uri),
  };
}
