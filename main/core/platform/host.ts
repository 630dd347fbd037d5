/**
 * What the shell hosting the core (Electron, or the browser shell in plain Node) provides it: a data
 * folder, secret storage, a way to open URIs (remote-control hand-offs by URI scheme) and to choose where
 * an export is saved.
 */
import type { SecretStore } from './secret-store';

export interface SaveFileRequest {
  /** The file name to suggest (`requests-2026-11-01-2026-12-01.csv`). */
  readonly defaultName: string;
  /** The kind of file, in the agent's language, for the dialog's filter ("CSV files"). */
  readonly filterName: string;
  /** The extension the file gets, without the dot. */
  readonly extension: string;
}

export interface CoreHost {
  /** The app's data folder (Electron's userData, or the browser shell's --data-dir). */
  readonly dataDir: string;
  readonly secrets: SecretStore;
  /** Opens a URI with the OS's handler for its scheme; the core has checked the scheme is allowed. */
  openUri(uri: string): Promise<void>;
  /**
   * Where to save a file the agent exports (a report's CSV): a path the core may write, or null when
   * the agent cancelled. Electron asks with the system's save dialog; the browser shell, which has no
   * dialog of its own, names a new file in its downloads folder as a browser's download would.
   */
  chooseSaveFile(request: SaveFileRequest): Promise<string | null>;
  /**
   * Where single sign-on comes back to when the agent's own page goes to the provider (the browser
   * shell: a path of its loopback origin, which hands the redirect to AgentCore.receiveSsoRedirect).
   * Absent: the system browser, and the core's own loopback listener (RFC 8252).
   */
  readonly ssoReturnBase?: () => string;
  /** The application's id, for the macOS managed preferences file (`<appId>.plist`). */
  readonly appId: string;
}
