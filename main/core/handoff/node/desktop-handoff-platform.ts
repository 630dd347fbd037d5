/**
 * Connect's part of a desktop platform, built from the old CoreHost until the core takes a CorePlatform
 * (issue 20: the lead's refactor passes `platform` itself and removes this file). Programs start through
 * NodeProcessStarter; a file is saved where the host's save dialog says, through a temporary file beside it
 * (a desktop plans no file hand-off today, so this serves the seam's shape more than Connect).
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import type { FileSaver, FileSink } from '../../platform/files';
import type { CoreHost } from '../../platform/host';
import type { HandoffPlatform } from '../../requests/handoff';
import { handoffPlatform } from '../profiles';
import { NodeProcessStarter } from './process-starter';

export function desktopHandoffPlatform(
  host: Pick<CoreHost, 'openUri' | 'chooseSaveFile'>,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): HandoffPlatform {
  return {
    hostKind: 'desktop',
    os: handoffPlatform(platform),
    env,
    processes: new NodeProcessStarter({ platform, env }),
    files: hostFileSaver(host),
    openUri: (uri) => host.openUri(uri),
  };
}

function hostFileSaver(host: Pick<CoreHost, 'chooseSaveFile'>): FileSaver {
  return {
    async save(request): Promise<FileSink | null> {
      const path = await host.chooseSaveFile(request);
      if (path === null) return null;
      const partial = `${path}.partial`;
      await writeFile(partial, new Uint8Array());
      return {
        write: (chunk) => writeFile(partial, chunk, { flag: 'a' }),
        async close() {
          await rename(partial, path);
          return path;
        },
        abort: () => rm(partial, { force: true }),
      };
    },
  };
}
