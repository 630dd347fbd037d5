/**
 * Which live changes deserve a notification, for this agent: a request of mine (or waiting in a queue
 * of mine) became Waiting or Ready (the end user allowed access; not Ready again after a session), I was
 * invited to one, a scheduled one is due, one arrived in my queue, one was assigned or transferred to me
 * (or its session passed to me), in a collaborative session I am on, another agent joined, left or ended
 * it, the end user ended access while I was connected, the end user rated one of mine ("How did we
 * do?"), and the end user wrote in the chat of a request I am on that is not on screen. My own doings never
 * notify me.
 * Pure: the shell shows them; the settings decide whether it does. Worded by `t`, in the language the
 * client speaks when the change arrives.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { Translator } from '@shared/i18n/translator';
import type { NotificationView } from '@shared/ipc/views';
import type { Me, TimelineEvent } from '@shared/protocol/api';

export interface NotificationContext {
  readonly me: Pick<Me, 'id' | 'memberships'>;
  /** Whether requests sitting in a queue of mine notify too. */
  readonly queues: boolean;
  /** The request whose details are on screen: its chat messages are seen there, not notified. */
  readonly onScreen?: string | null;
}

function isMine(request: SessionRequest, me: NotificationContext['me']): boolean {
  return request.assigneeId === me.id || request.participants.some((p) => p.agentId === me.id);
}

function inMyQueue(request: SessionRequest, me: NotificationContext['me']): boolean {
  return request.assigneeId === null && me.memberships.some((m) => m.channelId === request.channelId);
}

/** A notification shows the start of a chat message: one line, at most about two lines of a toast. */
const PREVIEW_MAX = 120;

function previewText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_MAX ? `${line.slice(0, PREVIEW_MAX - 1)}…` : line;
}

function who(request: SessionRequest): string {
  return request.recipientName;
}

function wasOn(request: SessionRequest | null, me: NotificationContext['me']): boolean {
  return request !== null && isMine(request, me);
}

/**
 * Events another agent caused, with their name; and those an integration caused (a ticketing system
 * assigning me a request), named after it: even acting for me, it did what I did not.
 */
function byOthers(events: readonly TimelineEvent[], me: NotificationContext['me']) {
  return events.flatMap((event) =>
    (event.actor.kind === 'agent' && event.actor.agentId !== me.id) || event.actor.kind === 'integration'
      ? [{ event, name: event.actor.name }]
      : [],
  );
}

/** Routing and collaboration: what other agents did that concerns me. */
function fromColleagues(
  t: Translator,
  before: SessionRequest | null,
  after: SessionRequest,
  events: readonly TimelineEvent[],
  me: NotificationContext['me'],
): Omit<NotificationView, 'requestId'>[] {
  const out: Omit<NotificationView, 'requestId'>[] = [];
  const recipient = who(after);
  const onItBefore = wasOn(before, me);
  for (const { event, name: colleague } of byOthers(events, me)) {
    const toMe = event.data['agentId'] === me.id;
    switch (event.type) {
      case 'assigned':
        if (toMe)
          out.push({
            kind: 'assigned',
            title: t.t('notifications.assigned.title', { colleague }),
            body: t.t('notifications.assigned.body', { recipient }),
          });
        break;
      case 'transferred':
        if (toMe && before?.assigneeId !== me.id)
          out.push({
            kind: 'assigned',
            title: t.t('notifications.transferred.title', { colleague }),
            body:
              typeof event.data['note'] === 'string'
                ? t.t('notifications.transferred.note', { recipient, note: event.data['note'] })
                : t.t('notifications.assigned.body', { recipient }),
          });
        break;
      case 'owner_changed':
        if (toMe)
          out.push({
            kind: 'assigned',
            title: t.t('notifications.ownerChanged.title', { recipient }),
            body: t.t('notifications.ownerChanged.body', { colleague }),
          });
        break;
      case 'joined':
        if (onItBefore)
          out.push({
            kind: 'joined',
            title: t.t('notifications.joined.title', { colleague }),
            body: t.t('notifications.joined.body', { colleague, recipient }),
          });
        break;
      case 'left':
        // Ownership passing to me says it already.
        if (
          isMine(after, me) &&
          !events.some((e) => e.type === 'owner_changed' && e.data['agentId'] === me.id)
        )
          out.push({
            kind: 'left',
            title: t.t('notifications.left.title', { colleague }),
            body: t.t('notifications.left.body', { colleague, recipient }),
          });
        break;
      case 'ended':
        if (onItBefore)
          out.push({
            kind: 'ended',
            title: t.t('notifications.ended.title', { colleague }),
            body: t.t('notifications.ended.body', { colleague, recipient }),
          });
        break;
      default:
        break;
    }
  }
  return out;
}

export function notificationsFor(
  t: Translator,
  before: SessionRequest | null,
  after: SessionRequest,
  events: readonly TimelineEvent[],
  context: NotificationContext,
): NotificationView[] {
  const { me } = context;
  const recipient = who(after);
  const mine = isMine(after, me);
  const queued = context.queues && inMyQueue(after, me);
  const out: NotificationView[] = [];
  const becameStatus = before !== null && before.status !== after.status;
  const note = (kind: NotificationView['kind'], title: string, body: string) =>
    out.push({ kind, requestId: after.id, title, body });

  // Ready after the session ended is not news: the end user allowed nothing new.
  if (becameStatus && after.status === 'ready' && before.status !== 'connected' && (mine || queued)) {
    note(
      'ready',
      t.t('notifications.ready.title', { recipient }),
      t.t('notifications.ready.body', { recipient }),
    );
  } else if (becameStatus && after.status === 'waiting' && before.status === 'open' && (mine || queued)) {
    note(
      'waiting',
      t.t('notifications.waiting.title', { recipient }),
      t.t('notifications.waiting.body', { recipient }),
    );
  }

  // My remote-control session runs on the end user's computer until one of us ends it: they just did.
  if (before?.connectedAgentIds.includes(me.id) && events.some((e) => e.type === 'access_ended')) {
    note(
      'access_ended',
      t.t('notifications.accessEnded.title', { recipient }),
      t.t('notifications.accessEnded.body', { recipient }),
    );
  }

  // The end user wrote in the chat: seen already when the request is on screen.
  if (mine && after.id !== context.onScreen) {
    const messages = events.filter((e) => e.type === 'message' && e.actor.kind === 'end_user');
    const last = messages.at(-1);
    if (last) {
      const text = typeof last.data['text'] === 'string' ? last.data['text'] : '';
      note(
        'message',
        t.t('notifications.message.title', { recipient }),
        messages.length > 1
          ? t.t('notifications.message.several', { recipient, count: messages.length })
          : t.t('notifications.message.body', { text: previewText(text) }),
      );
    }
  }

  const invitedNow =
    after.participants.some((p) => p.agentId === me.id && p.via === 'invited') &&
    !(before?.participants.some((p) => p.agentId === me.id) ?? false);
  if (invitedNow) {
    const by = events.find((e) => e.type === 'invited' && e.actor.kind === 'agent');
    note(
      'invited',
      t.t('notifications.invited.title'),
      by?.actor.kind === 'agent'
        ? t.t('notifications.invited.body', { inviter: by.actor.name, recipient })
        : t.t('notifications.invited.bodyNoInviter', { recipient }),
    );
  }

  // "How did we do?": the agents on the request (its assignee, the participants) hear the answer.
  const rated = events.find((e) => e.type === 'rated');
  if (mine && rated) {
    const rating = typeof rated.data['rating'] === 'number' ? rated.data['rating'] : 0;
    const comment = typeof rated.data['comment'] === 'string' ? rated.data['comment'] : '';
    note(
      'rated',
      t.t('notifications.rated.title', { recipient, rating }),
      comment ? t.t('notifications.rated.comment', { comment }) : t.t('notifications.rated.noComment'),
    );
  }

  if ((mine || queued) && events.some((e) => e.type === 'reminder')) {
    note('due', t.t('notifications.due.title', { recipient }), t.t('notifications.due.body', { recipient }));
  }

  const cameIntoQueue =
    queued &&
    after.status !== 'closed' &&
    after.status !== 'expired' &&
    (before === null || before.assigneeId !== null || before.channelId !== after.channelId);
  for (const found of fromColleagues(t, before, after, events, me))
    out.push({ ...found, requestId: after.id });

  // Not for what I did myself: creating it into the queue, or releasing or moving it there. A request an
  // integration created names me its creator when it acted for me (or I made its token): not mine.
  const byIntegration = events.some((e) => e.actor.kind === 'integration');
  const byMe =
    before === null
      ? after.createdBy === me.id && !byIntegration
      : events.length > 0 && events.every((e) => e.actor.kind === 'agent' && e.actor.agentId === me.id);
  if (cameIntoQueue && !byMe) {
    note(
      'queued',
      t.t('notifications.queued.title', { recipient }),
      t.t('notifications.queued.body', { recipient }),
    );
  }
  return out;
}
