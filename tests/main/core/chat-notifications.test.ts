/**
 * notificationsFor and the chat (issue 19): the end user's new message notifies the agents on the
 * request, unless that request is on screen; an agent's own message, or a colleague's, does not.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import { notificationsFor } from '../../../main/core/notifications/notification-rules';
import { sessionRequest } from '../support/session-request';

const en = translator('en');
const me = { id: 'me', memberships: [{ channelId: 'desk', canRelease: false }] };
const mine = sessionRequest({ id: 'r1', assigneeId: 'me', channelId: 'desk', recipientName: 'Ana' });

let nextId = 1;
function message(text: string, from: 'end_user' | 'agent' = 'end_user'): TimelineEvent {
  return {
    id: nextId++,
    requestId: 'r1',
    seq: 2,
    at: '2026-03-10T12:00:00Z',
    type: 'message',
    actor: from === 'end_user' ? { kind: 'end_user' } : { kind: 'agent', agentId: 'bob', name: 'Bob' },
    data: { text, from, byEmail: false },
  };
}

const found = (request: SessionRequest, events: TimelineEvent[], onScreen: string | null = null) =>
  notificationsFor(en, request, request, events, { me, queues: true, onScreen }).map((n) => [
    n.kind,
    n.requestId,
    n.title,
    n.body,
  ]);

describe('a chat message from the end user', () => {
  it('notifies the assignee, with the start of the message as text', () => {
    expect(found(mine, [message('The printer <b>still</b> jams')])).toEqual([
      ['message', 'r1', 'Ana wrote to you', '“The printer <b>still</b> jams”'],
    ]);
  });

  it('notifies a participant too', () => {
    const helping = {
      ...mine,
      assigneeId: 'bob',
      participants: [{ agentId: 'me', via: 'invited', since: '' }],
    };
    expect(found(helping as SessionRequest, [message('Hello?')]).map(([kind]) => kind)).toEqual(['message']);
  });

  it('says how many when several arrive at once', () => {
    expect(found(mine, [message('One'), message('Two'), message('Three')])).toEqual([
      ['message', 'r1', 'Ana wrote to you', '3 new messages from Ana.'],
    ]);
  });

  it('shortens a long message to one line', () => {
    const [, , , body] = found(mine, [message(`${'word '.repeat(60)}\nsecond line`)])[0]!;
    expect(body).toMatch(/^“(word ){23}word…”$/);
  });

  it('does not notify while the request is on screen (it is read there)', () => {
    expect(found(mine, [message('Hello?')], 'r1')).toEqual([]);
    expect(found(mine, [message('Hello?')], 'another')).toHaveLength(1);
  });

  it('does not notify for an agent’s message, nor an agent who is not on the request', () => {
    expect(found(mine, [message('On my way', 'agent')])).toEqual([]);
    const queued = { ...mine, assigneeId: null };
    expect(found(queued, [message('Anyone?')])).toEqual([]);
  });
});
