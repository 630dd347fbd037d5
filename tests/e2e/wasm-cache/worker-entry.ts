/**
 * The test's dedicated Worker: the web console's cache opener (browser-caches.ts) as the console's core
 * Worker runs it, driven by the page's messages, each answered with its result or its error's code.
 */
import type { Change } from '@shared/protocol/api';
import { browserCaches } from '../../../main/core/cache/browser/browser-caches';
import type { OpenCache } from '../../../main/core/platform/caches';
import { requestQuerySchema } from '@shared/ipc/contract';

const ACCOUNT = { serverUrl: 'https://sessiondesk.example', agentId: 'agent-1' };
const caches = browserCaches();
let cache: OpenCache | null = null;

type Command =
  | { readonly op: 'open'; readonly agentId?: string }
  | { readonly op: 'apply'; readonly changes: Change[]; readonly cursor: number }
  | { readonly op: 'queueNote'; readonly requestId: string; readonly text: string }
  | { readonly op: 'read'; readonly search: string }
  | { readonly op: 'import'; readonly bytes: number[] }
  | { readonly op: 'remove' }
  | { readonly op: 'close' };

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'open':
      cache = await caches.open({ ...ACCOUNT, agentId: command.agentId ?? ACCOUNT.agentId }, () => undefined);
      return null;
    case 'apply':
      return cache!.applyLive(command.changes, command.cursor);
    case 'queueNote':
      return cache!.queueNote(`note-${command.text}`, command.requestId, command.text, 1_000);
    case 'read': {
      const query = (search: string) => requestQuerySchema.parse({ view: { type: 'all' }, search });
      const all = await cache!.page(query(''), 'me', 0);
      const found = await cache!.page(query(command.search), 'me', 0);
      return {
        all: all.rows.map((row) => row.id),
        found: found.rows.map((row) => row.id),
        cursor: (await cache!.syncState()).cursor,
        outbox: await cache!.pendingOutbox(),
        next: await cache!.nextOutbox(),
      };
    }
    case 'import':
      await caches.importCacheDatabase(ACCOUNT, new Uint8Array(command.bytes));
      cache = null;
      return null;
    case 'remove':
      await caches.remove(ACCOUNT);
      cache = null;
      return null;
    case 'close':
      await cache?.close();
      cache = null;
      return null;
  }
}

self.onmessage = async (event: MessageEvent<{ id: number; command: Command }>) => {
  const { id, command } = event.data;
  try {
    self.postMessage({ id, ok: true, value: await run(command) });
  } catch (error) {
    const { code, name, message } = error as { code?: string; name?: string; message?: string };
    self.postMessage({ id, ok: false, error: { code: code ?? null, name, message } });
  }
};
