/**
 * notificationsFor and the end user's consent: ending access during a session, and the end of a session;
 * and the words of every notification in the language of the translator it is given.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent, TimelineEventType } from '@shared/protocol/api';
import { notificationsFor } from '../../../main/core/notifications/notification-rules';
import { sessionRequest } from '../support/session-request';

const en = translator('en');

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
  notificationsFor(en, before, after, events, { me, queues: false }).map((n) => [n.kind, n.title, n.body]);

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

describe('"How did we do?" answered (issue 19)', () => {
  const closed = sessionRequest({
    status: 'closed',
    channelId: 'desk',
    assigneeId: 'bob',
    participants: [{ agentId: 'me', via: 'invited', since: '' }],
    recipientName: 'Ana',
  });
  const rated = (data: TimelineEvent['data']): TimelineEvent => ({ ...byEndUser('rated'), data });

  it('tells the agents on the request the rating, with the comment as the end user wrote it', () => {
    expect(found(closed, closed, [rated({ rating: 4, comment: '<b>Thanks</b>' })])).toEqual([
      ['rated', 'Ana rated your help 4 out of 5', '“<b>Thanks</b>”'],
    ]);
    expect(found(closed, closed, [rated({ rating: 2, comment: '' })])).toEqual([
      ['rated', 'Ana rated your help 2 out of 5', 'No comment.'],
    ]);
  });

  it('says nothing to an agent who is not on the request, even in its channel', () => {
    const notMine = { ...closed, participants: [] };
    expect(found(notMine, notMine, [rated({ rating: 5, comment: '' })])).toEqual([]);
  });
});

describe('the words, in the language the client speaks', () => {
  // Spanish, Chinese… arrive from translators; the pseudo-locale's words are predictable: the English
  // ones accented, lengthened and bracketed, with the names (placeholders) as they are.
  const pseudo = translator('en-XA');
  const mine = sessionRequest({ assigneeId: 'me', channelId: 'desk', recipientName: 'Ana' });

  it('words a notification in that language, names kept', () => {
    const ready = notificationsFor(pseudo, { ...mine, status: 'waiting' }, { ...mine, status: 'ready' }, [], {
      me,
      queues: false,
    });
    expect(ready).toEqual([
      {
        kind: 'ready',
        requestId: mine.id,
        title: expect.stringMatching(/^\[Ana îš ŕéáđý ·+\]$/),
        body: expect.stringMatching(/^\[Ana áĺĺöŵéđ áççéšš\. Ýöû çáñ çöññéçţ ñöŵ\. ·+\]$/),
      },
    ]);
  });

  it('leaves no English word in any of them', () => {
    const words = (n: { title: string; body: string }) => `${n.title} ${n.body}`;
    const all = [
      ...notificationsFor(pseudo, connected, endedAccess, [byEndUser('access_ended')], { me, queues: false }),
      ...notificationsFor(pseudo, mine, { ...mine, status: 'waiting' }, [], { me, queues: false }),
      ...notificationsFor(pseudo, mine, mine, [byEndUser('reminder')], { me, queues: false }),
      ...notificationsFor(pseudo, null, { ...mine, assigneeId: null, createdBy: 'bob' }, [], {
        me,
        queues: true,
      }),
    ];
    expect(all.map((n) => n.kind)).toEqual(['access_ended', 'waiting', 'due', 'queued']);
    for (const notification of all) {
      expect(notification.title).toMatch(/^\[.*\]$/);
      expect(notification.body).toMatch(/^\[.*\]$/);
      // Every letter but the name's is accented: no plain English word of three letters or more is left.
      expect(words(notification).replaceAll('Ana', '')).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
