/** notificationsFor and the end user's consent: ending access during a session, and the end of a session. */
import { describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent, TimelineEventType } from '@shared/protocol/api';
import { notificationsFor } from '../../../main/core/notifications/notification-rules';
import { sessionRequest } from '../support/session-request';

const me = { id: 'me', memberships: [{ channelId: 'desk', canRelease: false }] };
const connected = sessionRequest({
  status: 'connected',
  consent: 'granted',
  channelId: 'desk',
  assigneeId: 'bob',
  participants: [{ agentId: 'me', via: 'invited', since: '' }],
  connectedAgentIds: ['bob', 'me'],
  recipientName: 'Ana',
});
const endedAccess: SessionRequest = {
  ...connected,
  status: 'waiting',
  consent: 'denied',
  connectedAgentIds: [],
};

function byEndUser(type: TimelineEventType): TimelineEvent {
  return { id: 1, requestId: 'r1', seq: 2, at: '', type, actor: { kind: 'end_user' }, data: {} };
}

const found = (before: SessionRequest, after: SessionRequest, events: TimelineEvent[]) =>
  notificationsFor(before, after, events, { me, queues: false }).map((n) => [n.kind, n.title, n.body]);

describe('the end user ends access', () => {
  it('tells me when I am connected to the session: the end user ended access', () => {
    expect(found(connected, endedAccess, [byEndUser('access_ended')])).toEqual([
      [
        'access_ended',
        'Ana ended access',
        'Ana ended your access to their computer. End the remote session; connecting again needs their permission.',
      ],
    ]);
  });

  it('says nothing to an agent on the request who was not connected', () => {
    const onlyBob = { ...connected, connectedAgentIds: ['bob'] };
    expect(found(onlyBob, endedAccess, [byEndUser('access_ended')])).toEqual([]);
  });
});

describe('the end of a session', () => {
  it('is not "ready": the request is Ready again because the session ended, not because access was allowed', () => {
    const mine = { ...connected, assigneeId: 'me', participants: [], connectedAgentIds: ['me'] };
    const after: SessionRequest = { ...mine, status: 'ready', connectedAgentIds: [] };
    const disconnected: TimelineEvent = {
      ...byEndUser('disconnected'),
      actor: { kind: 'agent', agentId: 'me', name: 'Me' },
    };
    expect(found(mine, after, [disconnected])).toEqual([]);
  });
});
