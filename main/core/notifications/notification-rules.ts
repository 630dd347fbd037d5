/**
 * Which live changes deserve a notification, for this agent: a request of mine (or waiting in a queue
 * of mine) became Waiting or Ready, I was invited to one, a scheduled one is due, one arrived in my queue.
 * Pure: the shell shows them; the settings decide whether it does.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { NotificationView } from '@shared/ipc/views';
import type { Me, TimelineEvent } from '@shared/protocol/api';

export interface NotificationContext {
  readonly me: Pick<Me, 'id' | 'memberships'>;
  /** Whether requests sitting in a queue of mine notify too. */
  readonly queues: boolean;
}

function isMine(request: SessionRequest, me: NotificationContext['me']): boolean {
  return request.assigneeId === me.id || request.participants.some((p) => p.agentId === me.id);
}

function inMyQueue(request: SessionRequest, me: NotificationContext['me']): boolean {
  return request.assigneeId === null && me.memberships.some((m) => m.channelId === request.channelId);
}

function who(request: SessionRequest): string {
  return request.recipientName;
}

export function notificationsFor(
  before: SessionRequest | null,
  after: SessionRequest,
  events: readonly TimelineEvent[],
  context: NotificationContext,
): NotificationView[] {
  const { me } = context;
  const mine = isMine(after, me);
  const queued = context.queues && inMyQueue(after, me);
  const out: NotificationView[] = [];
  const becameStatus = before !== null && before.status !== after.status;
  const note = (kind: NotificationView['kind'], title: string, body: string) =>
    out.push({ kind, requestId: after.id, title, body });

  if (becameStatus && after.status === 'ready' && (mine || queued)) {
    note('ready', `${who(after)} is ready`, `${who(after)} allowed access. You can connect now.`);
  } else if (becameStatus && after.status === 'waiting' && before.status === 'open' && (mine || queued)) {
    note(
      'waiting',
      `${who(after)} opened the link`,
      `${who(after)} is looking at the invitation and has not allowed access yet.`,
    );
  }

  const invitedNow =
    after.participants.some((p) => p.agentId === me.id && p.via === 'invited') &&
    !(before?.participants.some((p) => p.agentId === me.id) ?? false);
  if (invitedNow) {
    const by = events.find((e) => e.type === 'invited' && e.actor.kind === 'agent');
    const inviter = by?.actor.kind === 'agent' ? by.actor.name : 'A technician';
    note('invited', 'You are invited to a session', `${inviter} invited you to help ${who(after)}.`);
  }

  if ((mine || queued) && events.some((e) => e.type === 'reminder')) {
    note('due', `Session with ${who(after)} is due`, `The session scheduled with ${who(after)} is due now.`);
  }

  const cameIntoQueue =
    queued &&
    after.status !== 'closed' &&
    after.status !== 'expired' &&
    (before === null || before.assigneeId !== null || before.channelId !== after.channelId);
  if (cameIntoQueue && after.createdBy !== me.id) {
    note(
      'queued',
      `${who(after)} is waiting in the queue`,
      `A request from ${who(after)} is waiting to be picked up.`,
    );
  }
  return out;
}
