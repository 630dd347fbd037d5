/**
 * The web console's core: the same AgentCore as the desktop's, in a dedicated Worker of the console page,
 * on the browser platform (main/core/browser/). The page's bridge sends it the renderer's commands and
 * gets back their results and the core's events; tokens never leave this Worker (the refresh token not
 * even into it past the sign-in: the service keeps it in an HttpOnly cookie).
 *
 * A dedicated Worker, not a SharedWorker: SQLite's OPFS files are reached through synchronous access
 * handles, which only dedicated Workers have. A second tab therefore cannot open the same cache while the
 * first holds it; it is told so (`cache_in_use`) instead of waiting.
 */
import { AgentCore } from '../core/agent-core';
import { browserCaches } from '../core/cache/browser/browser-caches';
import { createBrowserPlatform, handoffOsOf } from '../core/browser/browser-platform';
import { OpfsDocumentStore } from '../core/browser/opfs-documents';
import { commandError } from '../core/ipc/command-dispatch';
import type { PageMessage, WorkerMessage } from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: WorkerMessage) => self.postMessage(message);
const log = (message: string, error?: unknown) => console.warn(`[sessiondesk] ${message}`, error ?? '');

async function start(languages: readonly string[], platform: string): Promise<AgentCore> {
  const documents = await OpfsDocumentStore.load((error) => log('a document could not be kept', error));
  const core = await AgentCore.start({
    platform: createBrowserPlatform({
      origin: self.location.origin,
      documents,
      caches: browserCaches(),
      os: handoffOsOf(platform),
      page: {
        openUri: (uri) => post({ type: 'open-uri', uri }),
        openWindow: (url) => post({ type: 'open-window', url }),
        download: (name, file) => post({ type: 'download', name, file }),
      },
    }),
    defaultServerUrl: self.location.origin,
    systemLanguages: languages,
    log,
  });
  core.onEvent((name, payload) => post({ type: 'event', name, payload }));
  return core;
}

let core: Promise<AgentCore> | null = null;

self.addEventListener('message', (event: MessageEvent<PageMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      core ??= start(message.languages, message.platform);
      core.then(
        () => post({ type: 'started' }),
        (error: unknown) => {
          const { code, message: text } = commandError(error);
          log('the core could not start', error);
          post({ type: 'failed', code, message: text });
        },
      );
      return;
    case 'invoke':
      if (!core) return;
      void core
        .then((started) => started.invoke(message.name, message.input))
        .catch((error: unknown) => ({ ok: false as const, error: commandError(error) }))
        .then((result) => post({ type: 'result', id: message.id, result }));
      return;
    case 'sso-return':
      void core?.then((started) => started.receiveSsoRedirect(message.url));
      return;
    case 'languages':
      void core?.then((started) => started.setSystemLanguages(message.languages));
      return;
  }
});
