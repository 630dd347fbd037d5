/**
 * A FileSaver that keeps what is saved in memory, as the web console's download hands the bytes to the
 * page: the tests read back exactly what the agent would get. `cancel` answers as a cancelled dialog.
 */
import type { FileSaver, SaveFileRequest } from '../../../main/core/platform/files';

export interface KeptFile {
  readonly request: SaveFileRequest;
  readonly text: string;
}

export function keptFiles(options: { cancel?: boolean } = {}): { saver: FileSaver; files: KeptFile[] } {
  const files: KeptFile[] = [];
  const saver: FileSaver = {
    save(request) {
      if (options.cancel) return Promise.resolve(null);
      const chunks: Uint8Array[] = [];
      return Promise.resolve({
        target: request.defaultName,
        write(chunk) {
          chunks.push(chunk);
          return Promise.resolve();
        },
        close() {
          files.push({ request, text: new TextDecoder().decode(Buffer.concat(chunks)) });
          return Promise.resolve();
        },
        abort: () => Promise.resolve(),
      });
    },
  };
  return { saver, files };
}
