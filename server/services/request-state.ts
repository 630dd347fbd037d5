/**
 * A stored request as the state machine reads it, and what a transition writes back: the state's columns
 * and its connections, with the timeline events the system adds when the transition also expired the
 * request or lapsed the end user's permission.
 */
import type { RequestState } from '@shared/domain/transitions';
import type { RequestRow } from '../store/rows';
import type { Store } from '../store/store';
import type { NewEvent, RequestPatch } from './request-writer';

export async function requestState(store: Store, row: RequestRow): Promise<RequestState> {
  return {
    status: row.status,
    consent: row.consent,
    expiresAt: row.expiresAt,
    connectedAgentIds: await store.requests.connectedAgentIds(row.id),
    consentLapsesAt: row.consentLapsesAt,
    deleted: false,
  };
}

/** Writes the new state's connections; its columns, as the patch to write with the change. */
export async function writeState(
  store: Store,
  requestId: string,
  state: RequestState,
  now: number,
): Promise<RequestPatch> {
  await store.requests.setConnections(requestId, state.connectedAgentIds, now);
  return { status: state.status, consent: state.consent, consentLapsesAt: state.consentLapsesAt };
}

/** The system's part of a transition: the request expired, or the permission lapsed with the session. */
export function systemEvents(before: RequestState, after: RequestState): NewEvent[] {
  const events: NewEvent[] = [];
  if (after.status === 'expired' && before.status !== 'expired') {
    events.push({ type: 'expired', actor: { kind: 'system' } });
  }
  if (before.consent === 'granted' && after.consent === 'pending') {
    events.push({ type: 'consent_lapsed', actor: { kind: 'system' } });
  }
  return events;
}
