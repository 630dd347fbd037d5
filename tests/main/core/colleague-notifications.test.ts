/** notificationsFor, routing and collaboration: what other agents did that concerns me, and nothing I did. */
import { describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent, TimelineEventType } from '@shared/protocol/api';
import { notificationsFor } from '../../../main/core/notifications/notification-rules';
import { sessionRequest } from '../support/session-request';

const en = translator('en');

const me = { id: 'me', memberships: [{ channelId: 'desk', canRelease: false }] };
const base = sessionRequest({
  status: 'ready',
  consent: 'granted',
  channelId: 'desk',
  assigneeId: 'bob',
  createdBy: 'bob',
  sessionCode: '12345678',
});
const withMe: SessionRequest = { ...base, participants: [{ agentId: 'me', via: 'invited', since: '' }] };

let nextId = 1;
function event(type: TimelineEventType, by: string, data: TimelineEvent['data'] = {}): TimelineEvent {
  return {
    id: nextId++,
    requestId: 'r1',
    seq: 2,
    at: '',
    type,
    actor: { kind: 'agent', agentId: by, name: by === 'me' ? 'Me' : by[0]!.toUpperCase() + by.slice(1) },
    data,
  };
}

const found = (before: SessionRequest | null, after: SessionRequest, events: TimelineEvent[]) =>
  notificationsFor(en, before, after, events, { me, queues: false }).map((n) => [n.kind, n.title]);

describe('routing notifications', () => {
  it('tells me when a colleague assigns or transfers a request to me, with the transfer note', () => {
    const mine = { ...base, assigneeId: 'me' };
    expect(found(base, mine, [event('assigned', 'bob', { agentId: 'me' })])).toEqual([
      ['assigned', 'Bob assigned you a request'],
    ]);
    const transfer = notificationsFor(
      en,
      base,
      mine,
      [event('transferred', 'bob', { agentId: 'me', note: 'VPN' })],
      {
        me,
        queues: false,
      },
    );
    expect(transfer.map((n) => [n.kind, n.body])).toEqual([['assigned', 'Ana: “VPN”']]);
  });

  it('says nothing when I did it, when it went to someone else, or when a channel move kept it mine', () => {
    const mine = { ...base, assigneeId: 'me' };
    expect(found(base, mine, [event('picked_up', 'me')])).toEqual([]);
    expect(
      found(base, { ...base, assigneeId: 'carol' }, [event('assigned', 'bob', { agentId: 'carol' })]),
    ).toEqual([]);
    expect(found(mine, mine, [event('transferred', 'bob', { agentId: 'me', channelId: 'other' })])).toEqual(
      [],
    );
  });

  it('tells me when a session passes to me because its owner left, once', () => {
    const after = { ...base, assigneeId: 'me', participants: [] };
    expect(
      found(withMe, after, [event('left', 'bob'), event('owner_changed', 'bob', { agentId: 'me' })]),
    ).toEqual([['assigned', 'You now own the session with Ana']]);
  });
});

describe('collaborative session notifications', () => {
  it('tells the agents on a session when a colleague joins or leaves it', () => {
    const joined = {
      ...withMe,
      participants: [...withMe.participants, { agentId: 'carol', via: 'joined' as const, since: '' }],
    };
    expect(found(withMe, joined, [event('joined', 'carol')])).toEqual([
      ['joined', 'Carol joined the session'],
    ]);
    expect(found(joined, withMe, [event('left', 'carol')])).toEqual([['left', 'Carol left the session']]);
  });

  it('tells every participant when the owner ends the session for everyone', () => {
    const ended = { ...withMe, status: 'closed' as const };
    expect(found(withMe, ended, [event('ended', 'bob')])).toEqual([['ended', 'Bob ended the session']]);
  });

  it('says nothing to an agent who is not on the session, nor about my own joining or leaving', () => {
    const joined = { ...base, participants: [{ agentId: 'carol', via: 'joined' as const, since: '' }] };
    expect(found(base, joined, [event('joined', 'carol')])).toEqual([]);
    expect(found(base, { ...base, status: 'closed' }, [event('ended', 'bob')])).toEqual([]);
    const iJoined = { ...base, participants: [{ agentId: 'me', via: 'joined' as const, since: '' }] };
    expect(found(base, iJoined, [event('joined', 'me')])).toEqual([]);
    expect(found(iJoined, base, [event('left', 'me')])).toEqual([]);
  });
});

describe('queue notifications', () => {
  const queued = { ...base, assigneeId: null };
  const kinds = (before: SessionRequest | null, after: SessionRequest, events: TimelineEvent[]) =>
    notificationsFor(en, before, after, events, { me, queues: true }).map((n) => n.kind);

  it('tell the channel’s members when a colleague releases a request to the queue, the creator too', () => {
    expect(kinds(base, { ...queued, createdBy: 'me' }, [event('released', 'bob')])).toEqual(['queued']);
  });

  it('say nothing to the agent who released it or created it into the queue', () => {
    expect(kinds({ ...base, assigneeId: 'me' }, queued, [event('released', 'me')])).toEqual([]);
    expect(kinds(null, { ...queued, createdBy: 'me' }, [event('created', 'me')])).toEqual([]);
  });
});

describe('colleagues’ notifications in the language the client speaks', () => {
  it('word what a colleague did in it, the names and the transfer note as they are', () => {
    const pseudo = translator('en-XA');
    const mine = { ...base, assigneeId: 'me' };
    const said = notificationsFor(
      pseudo,
      base,
      mine,
      [
        event('assigned', 'bob', { agentId: 'me' }),
        event('transferred', 'carol', { agentId: 'me', note: 'VPN' }),
      ],
      { me, queues: false },
    );
    expect(said.map((n) => [n.title, n.body])).toEqual([
      [
        expect.stringMatching(/^\[Bob áššîĝñéđ ýöû á ŕéǫûéšţ ·+\]$/),
        expect.stringMatching(/^\[Ţĥé ŕéǫûéšţ ƒŕöɱ Ana îš ñöŵ ýöûŕš\. ·+\]$/),
      ],
      [expect.stringMatching(/^\[Carol ţŕáñšƒéŕŕéđ /), expect.stringMatching(/^\[Ana: “VPN” ·*\]$/)],
    ]);
  });
});
