/**
 * The desktop's FileSaver: the host says where (Electron's save dialog; the browser shell a new file in the
 * downloads folder), and the file is written beside it as `<name>.part`, renamed over it when complete — a
 * failed save never leaves half a file under the name the agent chose, nor replaces the file that was there.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { FileSaver, FileSink, SaveFileRequest } from '../platform/files';

/** The host's question: where to save, or null when the agent cancelled. */
export type ChooseSaveFile = (request: SaveFileRequest) => Promise<string | null>;

export class PathFileSaver implements FileSaver {
  constructor(private readonly choose: ChooseSaveFile) {}

  async save(request: SaveFileRequest): Promise<FileSink | null> {
    const path = await this.choose(request);
    return path === null ? null : new PartFileSink(path);
  }
}

class PartFileSink implements FileSink {
  private readonly partial: string;
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(readonly target: string) {
    this.partial = `${target}.part`;
    this.stream = createWriteStream(this.partial, { flags: 'w' });
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        this.stream.once('drain', resolve);
        this.stream.once('error', reject);
      });
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    if (this.failure) throw this.failure;
    await rename(this.partial, this.target);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.partial, { force: true });
  }
}
