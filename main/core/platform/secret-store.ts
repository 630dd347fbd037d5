/**
 * Where the core keeps secrets (refresh and access tokens). The Electron shell encrypts them with
 * safeStorage; the browser shell keeps them in a file only its user can read (0600).
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}
