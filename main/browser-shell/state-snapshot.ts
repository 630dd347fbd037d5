/**
 * What a page that (re)connects to the browser shell is told first: the core's state now, as the events
 * it would have received (account, connection, settings, sync, directory), then "every row may have
 * changed". A page whose socket dropped — the shell was busy, the laptop slept — missed the events in
 * between; these bring it level without a reload. On the first connection they repeat what the page
 * asks for anyway, which is harmless.
 */
import type { CommandName, EventName, EventPayloads } from '@shared/ipc/contract';
import type { IpcHost } from '../core/ipc/ipc-host';

type Snapshot = { [E in EventName]: { readonly name: E; readonly payload: EventPayloads[E] } }[EventName];

/** Each event with the command that reads its current payload; those refused (signed out) are left out. */
const READS: readonly (readonly [EventName, CommandName])[] = [
  ['account', 'account.get'],
  ['connection', 'connection.get'],
  ['settings', 'settings.get'],
  ['sync', 'sync.get'],
  ['directory', 'directory.get'],
];

export async function stateSnapshot(core: Pick<IpcHost, 'invoke'>): Promise<Snapshot[]> {
  const results = await Promise.all(
    READS.map(async ([name, command]) => ({ name, result: await core.invoke(command, {}) })),
  );
  const events = results.flatMap(({ name, result }) =>
    result.ok ? [{ name, payload: result.value } as Snapshot] : [],
  );
  const signedIn = events.some((e) => e.name === 'account' && e.payload !== null);
  return signedIn ? [...events, { name: 'requests', payload: { ids: [], all: true } }] : events;
}
