/**
 * The core's `chooseSaveFile` in Electron: the system's save dialog, attached to the window, starting in
 * the Downloads folder with the suggested name. Thin: the core writes the file.
 */
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { SaveFileRequest } from '../core/platform/files';

export function saveDialog(
  window: () => BrowserWindow | null,
): (request: SaveFileRequest) => Promise<string | null> {
  return async ({ defaultName, filterName, extension }) => {
    const options = {
      defaultPath: join(app.getPath('downloads'), defaultName),
      filters: [{ name: filterName, extensions: [extension] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
        'createDirectory' | 'showOverwriteConfirmation'
      >,
    };
    const parent = window();
    const result =
      parent && !parent.isDestroyed()
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
