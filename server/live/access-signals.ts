/**
 * What ends or refreshes agents' streams besides the feed: a sign-in revoked, an agent's access or
 * password changed, the agents, channels or organisation settings changed. On SQLite one process holds
 * every stream, so these go straight to its hub. On PostgreSQL an agent's streams may be held by any
 * instance: each signal is sent through the database (NOTIFY) and every instance, this one included,
 * applies it to its own hub when it arrives. Signals are JSON, checked with a schema on arrival.
 */
import { z } from 'zod';
import { INVALIDATE_KINDS } from '@shared/protocol/stream';
import type { LiveHub } from './hub';

/** What the services signal: these methods of the hub. */
export type AccessSignals = Pick<LiveHub, 'invalidate' | 'endSession' | 'endAgentSessions' | 'accessChanged'>;

export const accessSignalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invalidate'), what: z.enum(INVALIDATE_KINDS).exclude(['me']) }),
  z.object({ kind: z.literal('endSession'), familyId: z.string().min(1) }),
  z.object({ kind: z.literal('endAgentSessions'), agentId: z.string().min(1) }),
  z.object({ kind: z.literal('accessChanged'), agentId: z.string().min(1) }),
]);
export type AccessSignal = z.infer<typeof accessSignalSchema>;

/** Signals sent by `send` (PostgreSQL: a NOTIFY every instance receives). */
export function signalsThrough(send: (signal: AccessSignal) => void): AccessSignals {
  return {
    invalidate: (what) => send({ kind: 'invalidate', what }),
    endSession: (familyId) => send({ kind: 'endSession', familyId }),
    endAgentSessions: (agentId) => send({ kind: 'endAgentSessions', agentId }),
    accessChanged: (agentId) => send({ kind: 'accessChanged', agentId }),
  };
}

/** Applies a signal that arrived as JSON to this instance's hub; false if it is not one. */
export function applySignal(hub: LiveHub, json: string): boolean {
  let parsed;
  try {
    parsed = accessSignalSchema.safeParse(JSON.parse(json));
  } catch {
    return false;
  }
  if (!parsed.success) return false;
  const signal = parsed.data;
  switch (signal.kind) {
    case 'invalidate':
      hub.invalidate(signal.what);
      break;
    case 'endSession':
      hub.endSession(signal.familyId);
      break;
    case 'endAgentSessions':
      hub.endAgentSessions(signal.agentId);
      break;
    case 'accessChanged':
      hub.accessChanged(signal.agentId);
      break;
  }
  return true;
}
