/**
 * The small documents the core keeps between runs: the agent's settings and which account is signed in
 * (never a secret). Read when the core starts and replaced whole; a replacement is atomic (a crash keeps
 * the old text or the new, never half). On the desktop each is a JSON file in the data folder; in the web
 * console, a file of the Origin Private File System read before the core starts.
 */
export const DOCUMENT_NAMES = ['settings', 'account'] as const;
export type DocumentName = (typeof DOCUMENT_NAMES)[number];

export interface DocumentStore {
  /** The text last written, or null when there is none; throws when it is there but cannot be read. */
  read(name: DocumentName): string | null;
  /**
   * Replaces the text. `keepPrevious`: the text it replaces is kept beside it (`settings.json.bak`) — the
   * settings do so when what they replace could not be read, rather than lose it silently.
   */
  write(name: DocumentName, text: string, options?: { readonly keepPrevious?: boolean }): void;
  remove(name: DocumentName): void;
  /** Where a document lives, for messages and logs (`/home/…/settings.json`, `opfs:/settings.json`). */
  describe(name: DocumentName): string;
}
