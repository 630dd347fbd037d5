/**
 * Names for the ids a request carries: agents and channels from the directory, in the reader's language
 * where the service's name is a word of its own — a Private channel is named "Private" by the service (it
 * cannot be renamed), so the client says it in the display language instead.
 */
import type { DirectoryView } from '@shared/ipc/views';
import type { Translator } from '@shared/i18n/translator';
import type { Channel, Me } from '@shared/protocol/api';

export interface Names {
  agent(id: string | null): string;
  channel(id: string): string;
  /**
   * A channel as an event recorded it: the name it had then (`storedName`), except a Private channel,
   * said in the reader's language. A channel not in the directory keeps its stored name.
   */
  channelAt(id: string | null, storedName: string | null): string;
}

/** A channel's name as the client shows it. Only its owner sees a Private channel. */
export function channelLabel(t: Translator, channel: Channel): string {
  return channel.kind === 'private' ? t.t('sidebar.private') : channel.name;
}

export function namesFor(t: Translator, directory: DirectoryView, me: Me | null): Names {
  const agents = new Map(directory.agents.map((a) => [a.id, a.name]));
  if (me) agents.set(me.id, me.name);
  const channels = new Map(directory.channels.map((c) => [c.id, channelLabel(t, c)]));
  const privateIds = new Set(directory.channels.filter((c) => c.kind === 'private').map((c) => c.id));
  if (me) privateIds.add(me.privateChannelId);
  if (me && !channels.has(me.privateChannelId)) channels.set(me.privateChannelId, t.t('sidebar.private'));
  const channel = (id: string) => channels.get(id) ?? t.t('table.unknownChannel');
  return {
    agent: (id) => (id === null ? t.t('table.unassigned') : (agents.get(id) ?? t.t('table.unknownAgent'))),
    channel,
    channelAt: (id, storedName) =>
      storedName === null || (id !== null && privateIds.has(id)) ? channel(id ?? '') : storedName,
  };
}

/** Private first, then shared channels by name, in the reader's alphabetical order. */
export function sortedChannels(t: Translator, channels: readonly Channel[]): Channel[] {
  return [...channels].sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name, t.locale) : a.kind === 'private' ? -1 : 1,
  );
}
