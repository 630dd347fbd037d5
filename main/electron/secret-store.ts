/**
 * The Electron shell's SecretStore: values encrypted with safeStorage (the OS keychain's key) and kept,
 * base64, in `<userData>/secrets.json` (0600). Where safeStorage cannot really encrypt — not available,
 * or Linux without a keyring (the `basic_text` backend, a fixed key) — tokens are not written anywhere:
 * they live in memory for this run, and the agent signs in again next time.
 */
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/platform/secret-store';
import { FileSecretStore, type SecretCodec } from '../node/file-secret-store';

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  get(name: string): Promise<string | null> {
    return Promise.resolve(this.values.get(name) ?? null);
  }
  set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
    return Promise.resolve();
  }
  delete(name: string): Promise<void> {
    this.values.delete(name);
    return Promise.resolve();
  }
}

const SAFE_STORAGE: SecretCodec = {
  encode: async (value) => (await safeStorage.encryptStringAsync(value)).toString('base64'),
  decode: async (stored) => {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
    return { value: result, stale: shouldReEncrypt };
  },
};

/** Why tokens cannot be persisted here, or null when they can. Call after `ready`. */
async function whyNotPersisted(): Promise<string | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return 'the operating system offers no encryption to this app (safeStorage is not available)';
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'no keyring (GNOME Keyring, KWallet) is running, so safeStorage would use a fixed key';
  }
  return null;
}

export async function createSecretStore(
  userData: string,
  warn: (message: string) => void,
): Promise<SecretStore> {
  const reason = await whyNotPersisted();
  if (reason) {
    warn(
      `Sign-in tokens are kept in memory only and not saved: ${reason}. You will sign in again next time.`,
    );
    return new MemorySecretStore();
  }
  return new FileSecretStore(join(userData, 'secrets.json'), { codec: SAFE_STORAGE, warn });
}
