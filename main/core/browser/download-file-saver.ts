/**
 * The web console's FileSaver: a browser page cannot write where it likes, so a saved file (a report's
 * CSV, an `.rdp` file) is gathered in the Worker and handed to the page as a Blob, which offers it as a
 * download under the suggested name. Nothing reaches the page before the file is complete.
 */
import type { FileSaver, FileSink, SaveFileRequest } from '../platform/files';

/** What the page does with a finished file. */
export type OfferDownload = (name: string, file: Blob) => void;

export class DownloadFileSaver implements FileSaver {
  constructor(private readonly offer: OfferDownload) {}

  save(request: SaveFileRequest): Promise<FileSink> {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let open = true;
    const offer = this.offer;
    return Promise.resolve({
      target: request.defaultName,
      write(chunk: Uint8Array): Promise<void> {
        if (!open) return Promise.reject(new Error('The file is closed.'));
        chunks.push(new Uint8Array(chunk));
        return Promise.resolve();
      },
      close(): Promise<void> {
        open = false;
        offer(request.defaultName, new Blob(chunks, { type: request.mediaType }));
        return Promise.resolve();
      },
      abort(): Promise<void> {
        open = false;
        chunks.length = 0;
        return Promise.resolve();
      },
    });
  }
}
