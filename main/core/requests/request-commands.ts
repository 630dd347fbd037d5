/**
 * The request commands of the IPC contract, for a signed-in agent: reads from the cache (offline too),
 * creates and notes through the outbox (offline too), and every other action straight to the service,
 * refused offline with the reason. Connect hands off to the remote-control client first.
 */
import type { RequestActionInput } from '@shared/ipc/contract';
import type { RequestActionType } from '@shared/domain/permissions';
import type { SessionRequest } from '@shared/domain/session-request';
import { sessionRequestSchema } from '@shared/protocol/api';
import { joinMailto } from '@shared/protocol/join-url';
import { checkWireAction } from '@shared/protocol/wire-access';
import type { ExternalRefInput } from '@shared/schemas/integration-input';
import { checkRequestTimes, type CreateRequestInput } from '@shared/schemas/request-input';
import type { SignedInClient } from '../account/signed-in-client';
import { LOCAL_ID_PREFIX } from '../cache/cache-store';
import { CoreError } from '../core-error';
import { provisionalRequest } from './provisional-request';

/** How long an online create waits for the service before answering "queued". */
const ONLINE_CREATE_WAIT_MS = 15_000;

/** What needs the live state of a request, as `offline` names it. */
type LiveAction = RequestActionInput['type'] | 'connect' | 'disconnect' | 'join' | 'ticket';

export function offlineError(action: LiveAction): CoreError {
  return new CoreError('offline', { action });
}

function requireLive(client: SignedInClient, action: LiveAction): void {
  if (!client.live) throw offlineError(action);
}

/** Creates a request: through the outbox, so it is never lost. Online, waits for the service's answer. */
export async function createRequest(
  client: SignedInClient,
  input: CreateRequestInput,
  now: number,
): Promise<{ rowId: string; queued: boolean }> {
  const key = crypto.randomUUID();
  const rowId = `${LOCAL_ID_PREFIX}${key}`;
  const provisional = provisionalRequest(rowId, input, client.agent, await client.cache.channels(), now);
  // The service checks again; checked here too so an offline create is not refused hours later.
  const issues = checkRequestTimes(
    {
      scheduledAt: input.scheduledAt === null ? null : Date.parse(input.scheduledAt),
      expiresAt: Date.parse(provisional.expiresAt),
    },
    now,
  );
  if (issues.length > 0) throw new CoreError('invalid_input', undefined, issues);

  const outboxId = await client.cache.queueCreate(key, input, provisional, now);
  const shownQueued = () => {
    client.changed({ changed: [rowId], removed: [] });
    return { rowId, queued: true };
  };
  if (!client.live) return shownQueued();

  // Online, the dialog waits for the service's answer (its link and PIN), but not forever.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ONLINE_CREATE_WAIT_MS)));
  await Promise.race([client.outbox.kick(), waited]);
  clearTimeout(timer);
  // Online, the local row is told only if it stays: the service's row replaces it, in one event.
  const outcome = client.outbox.takeOutcome(outboxId);
  if (outcome?.created) return { rowId: outcome.created, queued: false };
  if (outcome?.error) {
    // Online, the dialog shows the service's refusal beside the fields instead of a rejected row.
    client.changed((await client.cache.discardOutbox(outboxId)) ?? { changed: [], removed: [] });
    throw outcome.error;
  }
  return shownQueued();
}

export async function addNote(
  client: SignedInClient,
  requestId: string,
  text: string,
  now: number,
): Promise<{ outboxId: number }> {
  if (!(await client.cache.request(requestId))) throw new CoreError('not_found', { thing: 'listed_request' });
  const outboxId = await client.cache.queueNote(crypto.randomUUID(), requestId, text, now);
  client.changed({ changed: [requestId], removed: [] });
  void client.outbox.kick();
  return { outboxId };
}

/**
 * A chat message to the end user (and by e-mail when `byEmail`, by text message when `bySms`): through the outbox like a note, so it is
 * shown at once, kept offline and sent once with its key. The shared rule is checked first so that a
 * message the service would refuse (not on the request, request closed) is refused now, not later.
 */
export async function sendMessage(
  client: SignedInClient,
  input: { requestId: string; text: string; byEmail: boolean; bySms: boolean },
  now: number,
): Promise<{ outboxId: number }> {
  const request = await client.cache.request(input.requestId);
  if (!request) throw new CoreError('not_found', { thing: 'listed_request' });
  // Offline, a channel not fetched yet leaves the verdict to the service (null).
  const channels = await client.cache.channels();
  const verdict = checkWireAction(client.agent, request, channels, { type: 'message' }, now);
  if (verdict && !verdict.allowed) throw new CoreError(verdict.error);
  if (input.byEmail && request.recipientEmail === null) throw new CoreError('no_recipient_email');
  // Whether the organisation has an SMS gateway is the service's to say (agents cannot read it).
  if (input.bySms && !request.recipientPhone) throw new CoreError('no_recipient_phone');
  const { text, byEmail, bySms } = input;
  const outboxId = await client.cache.queueMessage(
    crypto.randomUUID(),
    input.requestId,
    { text, byEmail, bySms },
    now,
  );
  client.changed({ changed: [input.requestId], removed: [] });
  void client.outbox.kick();
  return { outboxId };
}

/** The agent has seen the request's chat: its unread count goes to zero (kept in the cache). */
export async function markRead(client: SignedInClient, requestId: string): Promise<null> {
  const change = await client.cache.markRead(requestId);
  if (change.changed.length > 0) client.changed(change);
  return null;
}

/** Assign, transfer, release, … : straight to the service; the answer updates the cache at once. */
export async function act(
  client: SignedInClient,
  requestId: string,
  action: RequestActionInput,
): Promise<SessionRequest | null> {
  requireLive(client, action.type);
  if (action.type === 'delete') {
    await client.session.request('DELETE', `/requests/${requestId}`);
    client.changed(await client.cache.removeRequest(requestId));
    return null;
  }
  const { type, ...body } = action;
  // Action names are the routes' but for the invitation by SMS, whose route is spelled with a dash.
  const route = type === 'sms_invitation' ? 'sms-invitation' : type;
  const after = await client.session.request('POST', `/requests/${requestId}/${route}`, {
    body,
    schema: sessionRequestSchema,
  });
  await client.answered(after);
  return after;
}

export async function join(client: SignedInClient, sessionCode: string): Promise<SessionRequest> {
  requireLive(client, 'join');
  const after = await client.session.request('POST', '/join', {
    body: { sessionCode },
    schema: sessionRequestSchema,
  });
  await client.answered(after);
  return after;
}

/** Email join URL: the agent's e-mail program opens with the session's join URL and code. */
export async function emailJoinUrl(
  client: SignedInClient,
  requestId: string,
  openUri: (uri: string) => Promise<void>,
): Promise<null> {
  const request = await client.cache.request(requestId);
  if (!request) throw new CoreError('not_found', { thing: 'listed_request' });
  if (!request.sessionCode) throw new CoreError('not_found', { thing: 'session_code' });
  const uri = joinMailto({
    sessionCode: request.sessionCode,
    recipientName: request.recipientName,
    fromName: client.agent.name,
  });
  try {
    await openUri(uri);
  } catch (error) {
    throw Object.assign(new CoreError('launch_failed', { program: 'mail' }), { cause: error });
  }
  return null;
}

/**
 * Sets, changes or clears (null) the ticket the request belongs to: PATCH /requests/{id}, straight to
 * the service like the other actions (online only), after the shared rules' verdict from the cache so a
 * refusal names its reason before anything is sent; the answer updates the cache at once.
 */
export async function setTicket(
  client: SignedInClient,
  requestId: string,
  externalRef: ExternalRefInput | null,
  now: number,
): Promise<SessionRequest> {
  const request = await client.cache.request(requestId);
  if (!request) throw new CoreError('not_found', { thing: 'listed_request' });
  await checkCached(client, request, 'set_external_ref', now);
  requireLive(client, 'ticket');
  const after = await client.session.request('PATCH', `/requests/${requestId}`, {
    body: { externalRef },
    schema: sessionRequestSchema,
  });
  await client.answered(after);
  return after;
}

/**
 * Opens the request's ticket in the system's browser: its address as the service sent it, never one the
 * renderer names, and only an http or https one (the shell's URI policy checks again, and opens no plain
 * http: the agent copies such an address instead).
 */
export async function openTicket(
  client: SignedInClient,
  requestId: string,
  openUri: (uri: string) => Promise<void>,
): Promise<null> {
  const request = await client.cache.request(requestId);
  if (!request) throw new CoreError('not_found', { thing: 'listed_request' });
  const url = request.externalRef?.url ?? null;
  if (url === null) throw new CoreError('not_found', { thing: 'ticket_link' });
  if (!isWebAddress(url)) throw new CoreError('ticket_link_failed');
  try {
    await openUri(url);
  } catch (error) {
    throw Object.assign(new CoreError('ticket_link_failed'), { cause: error });
  }
  return null;
}

function isWebAddress(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'https:' || protocol === 'http:') && hostname !== '';
  } catch {
    return false;
  }
}

/** The shared rules' verdict on an action, from the cache: refuses before anything is launched. */
export async function checkCached(
  client: SignedInClient,
  request: SessionRequest,
  action: Extract<RequestActionType, 'connect' | 'disconnect' | 'set_external_ref'>,
  now: number,
): Promise<void> {
  const channels = await client.cache.channels();
  const verdict = checkWireAction(client.agent, request, channels, { type: action }, now);
  if (verdict && !verdict.allowed) throw new CoreError(verdict.error);
}
