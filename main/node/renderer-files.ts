/**
 * The built renderer's files (out/renderer), listed once when a shell starts: the only files either
 * shell serves. The browser shell answers 404 to any other path, and so does the Electron app's app://
 * scheme. What is not listed: dotfiles and everything in a dot-folder (`.env`, `.vite/`), symbolic
 * links (they could point anywhere), anything that is not a regular file, and whatever appears in the
 * folder after the start. Plain Node, no electron: both shells use it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Paths relative to the renderer folder, with `/` between segments (`index.html`, `assets/x.js`). */
export type RendererFiles = ReadonlySet<string>;

export function listRendererFiles(rendererDir: string): RendererFiles {
  const files = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      // Dirent reports the link itself, not what it points at: a symbolic link is neither.
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.add(`${prefix}${entry.name}`);
    }
  };
  walk(rendererDir, '');
  return files;
}
