/** Names for the ids a request carries: agents and channels from the directory, "Private" for mine. */
import type { DirectoryView } from '@shared/ipc/views';
import type { Channel, Me } from '@shared/protocol/api';
import { STRINGS } from '../strings';

export interface Names {
  agent(id: string | null): string;
  channel(id: string): string;
}

export function channelLabel(channel: Channel, meId: string | null): string {
  if (channel.kind === 'private') return channel.ownerId === meId ? STRINGS.sidebar.private : channel.name;
  return channel.name;
}

export function namesFor(directory: DirectoryView, me: Me | null): Names {
  const agents = new Map(directory.agents.map((a) => [a.id, a.name]));
  if (me) agents.set(me.id, me.name);
  const channels = new Map(directory.channels.map((c) => [c.id, channelLabel(c, me?.id ?? null)]));
  if (me && !channels.has(me.privateChannelId)) channels.set(me.privateChannelId, STRINGS.sidebar.private);
  return {
    agent: (id) => (id === null ? STRINGS.table.unassigned : (agents.get(id) ?? STRINGS.table.unknownAgent)),
    channel: (id) => channels.get(id) ?? STRINGS.table.unknownChannel,
  };
}

/** Private first, then shared channels by name. */
export function sortedChannels(channels: readonly Channel[]): Channel[] {
  return [...channels].sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'private' ? -1 : 1,
  );
}
