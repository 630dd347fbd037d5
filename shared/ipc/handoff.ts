/**
 * One running hand-off per agent per request: what Connect does when this agent is connected already or
 * a client this app launched for the request still runs. The service counts a repeated connect as a
 * harmless repeat, but a second remote-control client on the agent's desk is not harmless. The core
 * refuses with this code; the row shows Connect disabled with its sentence.
 *
 * What "brings it forward" can honestly mean differs by hand-off: a URI opened again is routed by the
 * OS to the app already running, which comes forward (how it treats the link is the app's). A process
 * started by Sessiondesk cannot be raised portably from here, so a second Connect is refused, saying
 * it runs.
 */
import { domainError, type DomainError } from '../domain/errors';
import type { SettingsView } from './settings';
import type { RequestRow } from './views';

export const HANDOFF_REFUSAL_CODES = ['handoff_starting', 'already_running', 'already_connected'] as const;
export type HandoffRefusalCode = (typeof HANDOFF_REFUSAL_CODES)[number];

export type ConnectAgain =
  /** `reopen`: open the running hand-off's link again instead of launching and connecting anew. */
  | { readonly allowed: true; readonly reopen: boolean }
  | ({ readonly allowed: false } & DomainError<HandoffRefusalCode>);

const LAUNCH: ConnectAgain = { allowed: true, reopen: false };

/** Whether Connect may launch (or open again) for `agentId`, given what runs for the request now. */
export function connectAgain(
  row: Pick<RequestRow, 'connectedAgentIds' | 'handoff'>,
  agentId: string,
): ConnectAgain {
  const connected = row.connectedAgentIds.includes(agentId);
  const handoff = row.handoff;
  switch (handoff?.kind) {
    case 'starting':
      return { allowed: false, ...domainError('handoff_starting', { client: handoff.client }) };
    case 'process':
      // Whatever the service says: a second client beside the running one is what this prevents.
      return { allowed: false, ...domainError('already_running', { client: handoff.client }) };
    case 'uri':
      if (connected) return { allowed: true, reopen: true };
      break;
    case undefined:
      break;
  }
  if (!connected) return LAUNCH;
  return { allowed: false, ...domainError('already_connected') };
}

/**
 * Whether the agent's chosen remote-control client can be handed off to on this host: null when it can,
 * else the refusal Connect is disabled with (the web console cannot start a custom command line).
 * `remoteClients` is the settings view's list, whose `available` the core decided for this host.
 */
export function chosenClientRefusal(
  settings: Pick<SettingsView, 'values' | 'remoteClients'>,
): DomainError<'needs_desktop_app'> | null {
  const chosen = settings.remoteClients.find((c) => c.id === settings.values.remoteClient);
  if (chosen === undefined || chosen.available) return null;
  return domainError('needs_desktop_app', { client: chosen.name });
}
