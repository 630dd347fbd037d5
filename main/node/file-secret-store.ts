/**
 * The node hosts' SecretStore: one JSON file, `<dataDir>/secrets.json`, that only its user can read
 * (0600), replaced atomically on every change. The Electron shell stores its safeStorage-encrypted
 * values through the same class, with a codec.
 */
import { chmod, readFile } from 'node:fs/promises';
import { PRIVATE_FILE_MODE, writeFileAtomic } from './atomic-file';

/** How values are stored: as they are (the browser shell), or encrypted (Electron's safeStorage). */
export interface SecretCodec {
  encode(value: string): Promise<string>;
  /** `stale`: decoded, but should be encoded again (the key was rotated). */
  decode(stored: string): Promise<{ readonly value: string; readonly stale?: boolean }>;
}

export interface FileSecretStoreOptions {
  readonly codec?: SecretCodec;
  /** Where a file that cannot be read, or a value that cannot be decoded, is reported. */
  readonly warn?: (message: string) => void;
}

const PLAIN: SecretCodec = {
  encode: (value) => Promise.resolve(value),
  decode: (stored) => Promise.resolve({ value: stored }),
};

const FILE_VERSION = 1;
const MAX_NAME_LENGTH = 200;

type Entries = Record<string, string>;

function checkName(name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new TypeError(`A secret's name is 1 to ${MAX_NAME_LENGTH} characters.`);
  }
}

/** The core's SecretStore, by its shape: main/node/ imports nothing of the core. */
export class FileSecretStore {
  private readonly codec: SecretCodec;
  private readonly warn: (message: string) => void;
  private entries: Entries | null = null;
  /** Every operation runs after the previous one, so that read-modify-write never interleaves. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    options: FileSecretStoreOptions = {},
  ) {
    this.codec = options.codec ?? PLAIN;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  get(name: string): Promise<string | null> {
    checkName(name);
    return this.serial(async () => {
      const entries = await this.load();
      const stored = entries[name];
      if (stored === undefined) return null;
      let decoded;
      try {
        decoded = await this.codec.decode(stored);
      } catch (error) {
        this.warn(
          `The secret "${name}" in ${this.path} cannot be decoded (${String(error)}); it is ignored.`,
        );
        return null;
      }
      if (decoded.stale) await this.save({ ...entries, [name]: await this.codec.encode(decoded.value) });
      return decoded.value;
    });
  }

  set(name: string, value: string): Promise<void> {
    checkName(name);
    if (typeof value !== 'string') throw new TypeError('A secret is a string.');
    return this.serial(async () => {
      const entries = await this.load();
      await this.save({ ...entries, [name]: await this.codec.encode(value) });
    });
  }

  delete(name: string): Promise<void> {
    checkName(name);
    return this.serial(async () => {
      const entries = await this.load();
      if (!(name in entries)) return;
      const rest = { ...entries };
      delete rest[name];
      await this.save(rest);
    });
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async load(): Promise<Entries> {
    if (this.entries) return this.entries;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return (this.entries = {});
    }
    // A file another program loosened goes back to owner-only before anything is read from it.
    if (process.platform !== 'win32') await chmod(this.path, PRIVATE_FILE_MODE);
    const entries = parseEntries(text);
    if (!entries) this.warn(`${this.path} is not a secrets file this version can read; it will be replaced.`);
    return (this.entries = entries ?? {});
  }

  private async save(entries: Entries): Promise<void> {
    await writeFileAtomic(
      this.path,
      `${JSON.stringify({ version: FILE_VERSION, secrets: entries }, null, 2)}\n`,
    );
    this.entries = entries;
  }
}

function parseEntries(text: string): Entries | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { version, secrets } = parsed as { version?: unknown; secrets?: unknown };
  if (version !== FILE_VERSION || typeof secrets !== 'object' || secrets === null) return null;
  const entries: Entries = {};
  for (const [name, value] of Object.entries(secrets)) {
    if (typeof value === 'string') entries[name] = value;
  }
  return entries;
}
