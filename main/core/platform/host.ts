/**
 * What the shell hosting the core (Electron, or the browser shell in plain Node) provides it: a data
 * folder, secret storage, and a way to open URIs (remote-control hand-offs by URI scheme).
 */
import type { SecretStore } from './secret-store';

export interface CoreHost {
  /** The app's data folder (Electron's userData, or the browser shell's --data-dir). */
  readonly dataDir: string;
  readonly secrets: SecretStore;
  /** Opens a URI with the OS's handler for its scheme; the core has checked the scheme is allowed. */
  openUri(uri: string): Promise<void>;
  /** The application's id, for the macOS managed preferences file (`<appId>.plist`). */
  readonly appId: string;
}
