/** Every timeline event type the service records, as a sentence with who did it, in the reader's words. */
import { describe, expect, it } from 'vitest';
import { translator, type Translator } from '../../shared/i18n/translator';
import { TIMELINE_EVENT_TYPES, type TimelineEvent } from '../../shared/protocol/api';
import { describeEvent, joinNames } from '../../renderer/src/details/timeline-text';
import { namesFor } from '../../renderer/src/domain/people';
import { AGENTS, CHANNELS, ME_ID, OTHER_ID, PRIVATE_ID, me } from './fixtures';

const en = translator('en');
const pseudo = translator('en-XA');
const directory = { agents: AGENTS, channels: CHANNELS };
const names = namesFor(en, directory, me());
const dana = { kind: 'agent', agentId: AGENTS[0]!.id, name: 'Dana Whitfield' } as const;
const event = (
  type: TimelineEvent['type'],
  data: TimelineEvent['data'] = {},
  actor: TimelineEvent['actor'] = dana,
) => ({ id: 1, requestId: 'r', seq: 1, at: '2026-03-10T12:00:00Z', type, actor, data });
const say = (e: TimelineEvent) => describeEvent(en, e, names, () => '10 Mar 16:00');
const sayIn = (t: Translator, e: TimelineEvent) =>
  describeEvent(t, e, namesFor(t, directory, me()), () => '10 Mar 16:00');

describe('describeEvent', () => {
  it('words a chat message and a rating, their texts as they were written (issue 19)', () => {
    expect(say(event('message', { text: '<b>Hi</b>', from: 'agent', byEmail: false }))).toMatchObject({
      text: 'Dana Whitfield wrote in the chat:',
      note: '<b>Hi</b>',
    });
    expect(
      say(event('message', { text: 'Hello', from: 'end_user', byEmail: false }, { kind: 'end_user' })),
    ).toMatchObject({ who: 'The end user', text: 'The end user wrote in the chat:', note: 'Hello' });
    expect(say(event('message', { text: 'See you', from: 'agent', byEmail: true })).text).toBe(
      'Dana Whitfield wrote in the chat (also sent by email):',
    );
    expect(say(event('rated', { rating: 4, comment: 'Quick, thanks' }, { kind: 'end_user' }))).toMatchObject({
      text: 'The end user rated the session 4/5:',
      note: 'Quick, thanks',
    });
    expect(say(event('rated', { rating: 2, comment: null }, { kind: 'end_user' })).note).toBeNull();
  });

  it('has a sentence for every event type', () => {
    for (const type of TIMELINE_EVENT_TYPES) {
      const text = say(event(type));
      expect(text.text, type).not.toBe('');
      expect(text.text, type).not.toMatch(/undefined|null/);
    }
  });

  it('names who and whom', () => {
    expect(say(event('created', { channelId: CHANNELS[1]!.id, channelName: 'Support' })).text).toBe(
      'Dana Whitfield created the request in Support.',
    );
    expect(say(event('link_opened', {}, { kind: 'end_user' })).text).toBe('The end user opened the link.');
    expect(say(event('allowed', {}, { kind: 'end_user' })).text).toBe('The end user allowed access.');
    expect(say(event('expired', {}, { kind: 'system' }))).toMatchObject({
      who: 'Sessiondesk',
      text: 'The request expired.',
    });
    expect(say(event('assigned', { agentId: OTHER_ID, agentName: 'Sam Ortega' })).text).toBe(
      'Dana Whitfield assigned it to Sam Ortega.',
    );
    expect(
      say(event('transferred', { channelId: CHANNELS[1]!.id, channelName: 'Support', note: 'over to you' })),
    ).toMatchObject({
      text: 'Dana Whitfield transferred it to Support.',
      note: 'over to you',
    });
    expect(
      say(event('invited', { agentIds: [OTHER_ID], agentNames: ['Sam Ortega', 'Ada Admin'] })).text,
    ).toBe('Dana Whitfield invited Sam Ortega and Ada Admin.');
    // Issue 19: the outcome given at closing in the sentence, the wrap-up note under it.
    expect(say(event('closed', { outcome: 'follow_up', wrapUp: 'Call back Monday.' }))).toMatchObject({
      text: 'Dana Whitfield closed the request: Follow-up needed.',
      note: 'Call back Monday.',
    });
    expect(say(event('closed'))).toMatchObject({ text: 'Dana Whitfield closed the request.', note: null });
    expect(say(event('note', { text: 'Printer fixed.' }))).toMatchObject({
      text: 'Dana Whitfield added a note:',
      note: 'Printer fixed.',
    });
    expect(
      say(event('email_sent', { kind: 'invitation', to: 'jordan@example.com' }, { kind: 'system' })).text,
    ).toBe('Email sent to jordan@example.com.');
    expect(say(event('rescheduled', { scheduledAt: '2026-03-10T16:00:00Z' })).text).toBe(
      'Dana Whitfield rescheduled it to 10 Mar 16:00.',
    );
    expect(say(event('owner_changed', { agentId: null, agentName: null })).text).toMatch(/queue/);
    expect(say(event('assigned', { agentId: ME_ID, agentName: 'Dana Whitfield' })).text).toBe(
      'Dana Whitfield took it on.',
    );
  });

  it('says an agent the service took off a channel in one sentence', () => {
    const system = { kind: 'system' } as const;
    const data = { agentId: OTHER_ID, reason: 'removed_from_channel' };
    expect(say(event('released', data, system)).text).toBe(
      'Sessiondesk released it to the queue: Sam Ortega was removed from the channel.',
    );
    expect(say(event('left', data, system)).text).toBe(
      'Sam Ortega left the session: they were removed from the channel.',
    );
  });

  it('names the Private channel in the reader’s language, not the service’s stored English', () => {
    const created = event('created', { channelId: PRIVATE_ID, channelName: 'Private' });
    expect(say(created).text).toBe('Dana Whitfield created the request in Private.');
    // The pseudo-locale's "Private" is the catalogue's, accented: not the name the service stored.
    expect(sayIn(pseudo, created).text).toContain('Þŕîṽáţé');
    expect(sayIn(pseudo, created).text).not.toContain('Private');
    // A shared channel keeps the name it had when the event happened.
    expect(
      sayIn(pseudo, event('created', { channelId: CHANNELS[1]!.id, channelName: 'Support' })).text,
    ).toContain('Support');
  });

  it('has every sentence in another language’s catalogue: no English left in it', () => {
    for (const type of TIMELINE_EVENT_TYPES) {
      const text = sayIn(pseudo, event(type, {}, { kind: 'end_user' })).text;
      expect(text, type).toMatch(/^\[.*\]$/);
      expect(text, type).not.toMatch(/\b(the|request|session|access)\b/);
    }
  });

  it('tells the end user ending access from their permission lapsing after a session', () => {
    expect(say(event('access_ended', {}, { kind: 'end_user' })).text).toBe('The end user ended access.');
    expect(say(event('consent_lapsed', {}, { kind: 'system' }))).toMatchObject({
      who: 'Sessiondesk',
      text: 'The end user’s permission ended with the last session: connecting again needs a new Allow access.',
    });
  });

  it('joins names as a person would, in the reader’s language', () => {
    expect(joinNames(en, ['A'])).toBe('A');
    expect(joinNames(en, ['A', 'B'])).toBe('A and B');
    expect(joinNames(en, ['A', 'B', 'C'])).toBe('A, B, and C');
    expect(joinNames(translator('de'), ['A', 'B', 'C'])).toBe('A, B und C');
    expect(joinNames(translator('zh-Hans'), ['A', 'B', 'C'])).toBe('A、B和C');
    expect(joinNames(en, [])).toBe('someone');
  });
});
