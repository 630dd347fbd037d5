/**
 * Which webhook events a change to a request makes (server/webhooks/webhook-events.ts), from the row before
 * and after and the timeline events written with it; and that a payload leaves out the link and PIN unless
 * the endpoint includes them.
 */
import { describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { RequestRow } from '../../server/store/rows';
import { payloadRequest, webhookEventsOf } from '../../server/webhooks/webhook-events';

const row = (over: Partial<RequestRow> = {}) =>
  ({ id: 'r1', status: 'open', consent: 'pending', assigneeId: 'a1', ...over }) as RequestRow;
const agent = { kind: 'agent', agentId: 'a1', name: 'Ana' } as const;
const system = { kind: 'system' } as const;

describe('webhook events of a change', () => {
  it('a new request is request.created, whatever its events', () => {
    expect(webhookEventsOf(null, row(), [{ type: 'created', actor: agent }])).toEqual([
      { type: 'request.created', extra: {} },
    ]);
  });

  it('a status change carries from, to and the consent after it', () => {
    const before = row({ status: 'waiting' });
    const after = row({ status: 'ready', consent: 'granted' });
    expect(webhookEventsOf(before, after, [{ type: 'allowed', actor: { kind: 'end_user' } }])).toEqual([
      { type: 'request.status_changed', extra: { from: 'waiting', to: 'ready', consent: 'granted' } },
    ]);
  });

  it('a consent change in the same status is a status change too (the end user denied)', () => {
    expect(
      webhookEventsOf(row({ status: 'waiting' }), row({ status: 'waiting', consent: 'denied' }), []),
    ).toEqual([
      { type: 'request.status_changed', extra: { from: 'waiting', to: 'waiting', consent: 'denied' } },
    ]);
  });

  it('closing and expiring add request.closed and request.expired after the status change', () => {
    expect(webhookEventsOf(row(), row({ status: 'closed' }), []).map((e) => e.type)).toEqual([
      'request.status_changed',
      'request.closed',
    ]);
    expect(
      webhookEventsOf(row(), row({ status: 'expired' }), [{ type: 'expired', actor: system }]).map(
        (e) => e.type,
      ),
    ).toEqual(['request.status_changed', 'request.expired']);
  });

  it('request.closed carries the outcome and wrap-up note given at closing (none when closed by End)', () => {
    const closedEvent = {
      type: 'closed' as const,
      actor: agent,
      data: { outcome: 'resolved', wrapUp: 'Done' },
    };
    expect(webhookEventsOf(row(), row({ status: 'closed' }), [closedEvent])[1]).toEqual({
      type: 'request.closed',
      extra: { outcome: 'resolved', wrapUp: 'Done' },
    });
    expect(webhookEventsOf(row(), row({ status: 'closed' }), [{ type: 'ended', actor: agent }])[1]).toEqual({
      type: 'request.closed',
      extra: { outcome: null, wrapUp: '' },
    });
  });

  it('the end user’s answer to "How did we do?" is request.rated with the rating and comment', () => {
    const rated = {
      type: 'rated' as const,
      actor: { kind: 'end_user' as const },
      data: { rating: 3, comment: '' },
    };
    expect(webhookEventsOf(row({ status: 'closed' }), row({ status: 'closed' }), [rated])).toEqual([
      { type: 'request.rated', extra: { rating: 3, comment: '' } },
    ]);
  });

  it('a new assignee, or the queue, is request.assigned with from and to', () => {
    expect(webhookEventsOf(row(), row({ assigneeId: 'a2' }), [])).toEqual([
      { type: 'request.assigned', extra: { from: 'a1', to: 'a2' } },
    ]);
    expect(webhookEventsOf(row(), row({ assigneeId: null }), [])).toEqual([
      { type: 'request.assigned', extra: { from: 'a1', to: null } },
    ]);
  });

  it('each note is request.note_added with its text and author; other events make none', () => {
    const events = [
      { type: 'note' as const, actor: agent, data: { text: 'first' } },
      { type: 'link_opened' as const, actor: { kind: 'end_user' as const } },
      { type: 'note' as const, actor: agent, data: { text: 'second' } },
    ];
    expect(webhookEventsOf(row(), row(), events)).toEqual([
      { type: 'request.note_added', extra: { text: 'first', actor: agent } },
      { type: 'request.note_added', extra: { text: 'second', actor: agent } },
    ]);
  });
});

describe('the request in a payload', () => {
  const request = {
    id: 'r1',
    link: 'https://desk/j/token',
    pin: '123456789',
    status: 'open',
  } as SessionRequest;

  it('leaves out the link and PIN unless the endpoint includes them', () => {
    expect(payloadRequest(request, false)).toEqual({ id: 'r1', status: 'open' });
    expect(payloadRequest(request, true)).toEqual(request);
  });
});
