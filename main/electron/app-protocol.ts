/**
 * The app:// scheme in Electron: registered as privileged before `ready`, then served from the built
 * renderer (out/renderer) with protocol.handle. Every decision — the privileges, which file a URL gets,
 * its headers, the 404 — is in app-scheme.ts; this file only lists the folder and reads the file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import { listRendererFiles, type RendererFiles } from '../node/renderer-files';
import { APP_NOT_FOUND, APP_SCHEME, APP_SCHEME_PRIVILEGES, planAppResponse } from './app-scheme';

/** Before `ready` (Electron allows it once). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

const notFound = () => new Response('Not found', { status: 404, headers: APP_NOT_FOUND.headers });

/** After `ready`: serves the renderer's files as the folder holds them now, and nothing else. */
export function serveAppScheme(rendererDir: string, warn: (message: string) => void): void {
  let files: RendererFiles;
  try {
    files = listRendererFiles(rendererDir);
  } catch (error) {
    warn(`the renderer in ${rendererDir} could not be listed (npm run build?): ${String(error)}`);
    files = new Set();
  }
  protocol.handle(APP_SCHEME, async (request) => {
    const plan = planAppResponse(request.method, request.url, files);
    if (plan.status !== 200) return notFound();
    try {
      const body = await readFile(join(rendererDir, ...plan.file.split('/')));
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: plan.headers });
    } catch (error) {
      warn(`app://: ${plan.file} could not be read: ${String(error)}`);
      return notFound();
    }
  });
}
