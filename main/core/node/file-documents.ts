/**
 * The core's documents as files in the desktop's data folder (`settings.json`, `account.json`), each
 * replaced atomically (written beside, flushed, renamed) and readable by its user only (0600).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentName, DocumentStore } from '../platform/documents';
import { isNotFound } from '../settings/errors';
import { writeFileAtomic } from './atomic-file';

export const documentFile = (dataDir: string, name: DocumentName): string => join(dataDir, `${name}.json`);

export class FileDocumentStore implements DocumentStore {
  constructor(private readonly dataDir: string) {}

  read(name: DocumentName): string | null {
    try {
      return readFileSync(documentFile(this.dataDir, name), 'utf8');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  write(name: DocumentName, text: string, options: { readonly keepPrevious?: boolean } = {}): void {
    const file = documentFile(this.dataDir, name);
    writeFileAtomic(file, text, options.keepPrevious ? { backup: `${file}.bak` } : {});
  }

  remove(name: DocumentName): void {
    rmSync(documentFile(this.dataDir, name), { force: true });
  }

  describe(name: DocumentName): string {
    return documentFile(this.dataDir, name);
  }
}
