/**
 * The web console's documents (settings, which account) as files of the Origin Private File System,
 * read once before the core starts (`load`), then answered from memory; each write replaces the file
 * through a writable stream, which the browser commits atomically when it closes (a crash keeps the old
 * text). Writes go one after the other in the order made.
 */
import { DOCUMENT_NAMES, type DocumentName, type DocumentStore } from '../platform/documents';

const fileName = (name: DocumentName) => `${name}.json`;

export class OpfsDocumentStore implements DocumentStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly folder: FileSystemDirectoryHandle,
    private readonly texts: Map<DocumentName, string>,
    private readonly onError: (error: unknown) => void,
  ) {}

  static async load(onError: (error: unknown) => void): Promise<OpfsDocumentStore> {
    const folder = await navigator.storage.getDirectory();
    const texts = new Map<DocumentName, string>();
    for (const name of DOCUMENT_NAMES) {
      try {
        const handle = await folder.getFileHandle(fileName(name));
        texts.set(name, await (await handle.getFile()).text());
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'NotFoundError')) onError(error);
      }
    }
    return new OpfsDocumentStore(folder, texts, onError);
  }

  read(name: DocumentName): string | null {
    return this.texts.get(name) ?? null;
  }

  write(name: DocumentName, text: string, options: { readonly keepPrevious?: boolean } = {}): void {
    const previous = this.texts.get(name);
    this.texts.set(name, text);
    this.queue(async () => {
      if (options.keepPrevious && previous !== undefined)
        await this.replace(`${fileName(name)}.bak`, previous);
      await this.replace(fileName(name), text);
    });
  }

  remove(name: DocumentName): void {
    this.texts.delete(name);
    this.queue(async () => {
      try {
        await this.folder.removeEntry(fileName(name));
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
      }
    });
  }

  describe(name: DocumentName): string {
    return `opfs:/${fileName(name)}`;
  }

  private async replace(file: string, text: string): Promise<void> {
    const handle = await this.folder.getFileHandle(file, { create: true });
    const writable = await handle.createWritable();
    await writable.write(text);
    await writable.close();
  }

  private queue(work: () => Promise<void>): void {
    this.writes = this.writes.then(work).catch((error: unknown) => this.onError(error));
  }
}
