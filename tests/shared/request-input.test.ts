import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_LANGUAGES } from '@shared/domain/languages';
import { LIMITS, TIME } from '@shared/domain/limits';
import {
  allowAccessSchema,
  checkRequestTimes,
  createRequestSchema,
  inviteSchema,
  joinSchema,
  noInputSchema,
  noteSchema,
  pinLookupSchema,
  resolveExpiry,
  transferSchema,
} from '@shared/schemas/request-input';
import { createChannelSchema, updateChannelSchema } from '@shared/schemas/channel-input';
import { describeIssues, validate } from '@shared/schemas/validation';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const ID = '0190b2a4-6f3e-7b8a-9c1d-2e3f4a5b6c7d';

function fields(schema: Parameters<typeof validate>[0], input: unknown): string[] {
  const result = validate(schema, input);
  return result.ok ? [] : result.issues.map((i) => i.field);
}

describe('createRequestSchema', () => {
  it('fills the defaults of the Create request dialog, and leaves a language nobody chose unset', () => {
    const result = validate(createRequestSchema, { recipientName: '  Ana Souza ' });
    expect(result).toEqual({
      ok: true,
      value: {
        recipientName: 'Ana Souza',
        recipientEmail: null,
        recipientPhone: null,
        sendInvitation: false,
        comments: '',
        scheduledAt: null,
        assignTo: { type: 'myself' },
      },
    });
  });

  it.each([
    ['a name of only spaces', { recipientName: '   ' }, ['recipientName']],
    ['no name', {}, ['recipientName']],
    ['a name too long', { recipientName: 'x'.repeat(LIMITS.recipientNameMax + 1) }, ['recipientName']],
    ['a bad e-mail', { recipientName: 'A', recipientEmail: 'ana@' }, ['recipientEmail']],
    ['an invitation without e-mail', { recipientName: 'A', sendInvitation: true }, ['recipientEmail']],
    [
      'an invitation with an empty e-mail',
      { recipientName: 'A', sendInvitation: true, recipientEmail: '' },
      ['recipientEmail'],
    ],
    ['an unsupported language', { recipientName: 'A', emailLanguage: 'it' }, ['emailLanguage']],
    ['comments too long', { recipientName: 'A', comments: 'x'.repeat(LIMITS.commentsMax + 1) }, ['comments']],
    ['a date without time zone', { recipientName: 'A', expiresAt: '2026-11-23T10:00:00' }, ['expiresAt']],
    ['a schedule that is not a date', { recipientName: 'A', scheduledAt: 'tomorrow' }, ['scheduledAt']],
    ['a channel id that is not an id', { recipientName: 'A', channelId: 'support' }, ['channelId']],
    ['an unknown assignment', { recipientName: 'A', assignTo: { type: 'client' } }, ['assignTo.type']],
    [
      'an agent assignment without agent',
      { recipientName: 'A', assignTo: { type: 'agent' } },
      ['assignTo.agentId'],
    ],
    ['an unknown field', { recipientName: 'A', priority: 'high' }, ['priority']],
    ['a string for a boolean', { recipientName: 'A', sendInvitation: 'yes' }, ['sendInvitation']],
  ])('rejects %s, naming the field', (_what, input, expected) => {
    expect(fields(createRequestSchema, input)).toEqual(expected);
  });

  it('accepts names and comments at their limits, and every supported language', () => {
    for (const emailLanguage of EMAIL_LANGUAGES) {
      const result = validate(createRequestSchema, {
        recipientName: 'x'.repeat(LIMITS.recipientNameMax),
        comments: 'y'.repeat(LIMITS.commentsMax),
        recipientEmail: ' Ana.Souza@Example.COM ',
        sendInvitation: true,
        emailLanguage,
        assignTo: { type: 'agent', agentId: ID },
      });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value.recipientEmail).toBe('Ana.Souza@Example.COM');
    }
  });

  it('writes messages a person can act on', () => {
    const result = validate(createRequestSchema, { recipientName: 'A', sendInvitation: true });
    expect(!result.ok && describeIssues(result.issues)).toBe(
      'recipientEmail: Enter the recipient’s e-mail address to send the invitation.',
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validate(createRequestSchema, input);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('checkRequestTimes', () => {
  const ahead = (ms: number) => NOW + ms;

  it.each([
    ['an expiry one minute ahead', { scheduledAt: null, expiresAt: ahead(TIME.MINUTE_MS) }, []],
    ['an expiry exactly 30 days ahead', { scheduledAt: null, expiresAt: ahead(30 * TIME.DAY_MS) }, []],
    [
      'an expiry 30 days and 1 ms ahead',
      { scheduledAt: null, expiresAt: ahead(30 * TIME.DAY_MS + 1) },
      ['expiresAt'],
    ],
    ['an expiry now', { scheduledAt: null, expiresAt: NOW }, ['expiresAt']],
    ['an expiry in the past', { scheduledAt: null, expiresAt: ahead(-1) }, ['expiresAt']],
    [
      'a schedule before the expiry',
      { scheduledAt: ahead(TIME.HOUR_MS), expiresAt: ahead(2 * TIME.HOUR_MS) },
      [],
    ],
    [
      'a schedule at the expiry',
      { scheduledAt: ahead(TIME.HOUR_MS), expiresAt: ahead(TIME.HOUR_MS) },
      ['scheduledAt'],
    ],
    [
      'a schedule after the expiry',
      { scheduledAt: ahead(3 * TIME.HOUR_MS), expiresAt: ahead(TIME.HOUR_MS) },
      ['scheduledAt'],
    ],
    [
      'a schedule in the past',
      { scheduledAt: ahead(-TIME.MINUTE_MS), expiresAt: ahead(TIME.HOUR_MS) },
      ['scheduledAt'],
    ],
    ['both wrong', { scheduledAt: ahead(-1), expiresAt: ahead(-1) }, ['expiresAt', 'scheduledAt']],
  ])('%s → %j', (_what, times, expected) => {
    expect(checkRequestTimes(times, NOW).map((i) => i.field)).toEqual(expected);
  });

  it('accepts any expiry within (now, now + 30 days] and any schedule strictly between', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: LIMITS.expiryMaxAheadMs }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lead, f) => {
          const expiresAt = NOW + lead;
          const scheduledAt = NOW + 1 + Math.floor(f * (lead - 2));
          expect(checkRequestTimes({ scheduledAt, expiresAt }, NOW)).toEqual([]);
        },
      ),
    );
  });

  it('resolves the expiry: asked for, else the channel default, else 24 hours', () => {
    expect(resolveExpiry('2026-11-23T00:00:00Z', 5 * TIME.MINUTE_MS, NOW)).toBe(
      Date.parse('2026-11-23T00:00:00Z'),
    );
    expect(resolveExpiry(undefined, 5 * TIME.MINUTE_MS, NOW)).toBe(NOW + 5 * TIME.MINUTE_MS);
    expect(resolveExpiry(undefined, null, NOW)).toBe(NOW + TIME.DAY_MS);
  });
});

describe('action inputs', () => {
  it('takes an agent or a channel to transfer to, not both, not neither', () => {
    expect(fields(transferSchema, { agentId: ID })).toEqual([]);
    expect(fields(transferSchema, { channelId: ID, note: 'Needs billing' })).toEqual([]);
    expect(fields(transferSchema, { agentId: ID, channelId: ID })).toEqual(['']);
    expect(fields(transferSchema, {})).toEqual(['']);
    expect(fields(transferSchema, { agentId: ID, note: '  ' })).toEqual(['note']);
  });

  it('invites one to nine distinct technicians', () => {
    expect(fields(inviteSchema, { agentIds: [ID] })).toEqual([]);
    expect(fields(inviteSchema, { agentIds: [] })).toEqual(['agentIds']);
    expect(fields(inviteSchema, { agentIds: [ID, ID] })).toEqual(['agentIds']);
    expect(fields(inviteSchema, { agentIds: ['nope'] })).toEqual(['agentIds.0']);
    const ten = Array.from({ length: 10 }, (_, i) => ID.slice(0, -2) + String(i).padStart(2, '0'));
    expect(fields(inviteSchema, { agentIds: ten })).toEqual(['agentIds']);
  });

  it('trims notes and refuses empty or oversized ones', () => {
    expect(validate(noteSchema, { text: '  called back  ' })).toEqual({
      ok: true,
      value: { text: 'called back' },
    });
    expect(fields(noteSchema, { text: ' ' })).toEqual(['text']);
    expect(fields(noteSchema, { text: 'x'.repeat(LIMITS.noteMax + 1) })).toEqual(['text']);
  });

  it('takes no fields for the actions without input', () => {
    expect(fields(noInputSchema, {})).toEqual([]);
    expect(fields(noInputSchema, { force: true })).toEqual(['force']);
  });

  it('reads a PIN or session code typed with spaces or dashes', () => {
    expect(validate(pinLookupSchema, { pin: '123 456-789' })).toEqual({
      ok: true,
      value: { pin: '123456789' },
    });
    expect(validate(joinSchema, { sessionCode: '1234-5678' })).toEqual({
      ok: true,
      value: { sessionCode: '12345678' },
    });
    for (const pin of ['12345678', '1234567890', '12345678a', '']) {
      expect(fields(pinLookupSchema, { pin })).toEqual(['pin']);
    }
    expect(fields(joinSchema, { sessionCode: '123456789' })).toEqual(['sessionCode']);
  });

  it('reads any 9 digits however they are separated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', ' ', '-')), {
          minLength: 9,
          maxLength: 9,
        }),
        (parts) => {
          const typed = parts.map(([d, sep]) => `${d}${sep}`).join('');
          const result = validate(pinLookupSchema, { pin: typed });
          expect(result).toEqual({ ok: true, value: { pin: parts.map(([d]) => d).join('') } });
        },
      ),
    );
  });

  it('accepts the IDs remote-control apps show and nothing that could smuggle arguments', () => {
    for (const remoteId of ['123456789', '1234567890', 'desk@ad', 'host.example.com:5900', '[::1]:3389']) {
      expect(fields(allowAccessSchema, { remoteId })).toEqual([]);
    }
    // Apps show IDs in groups: the spaces are dropped, not refused.
    expect(validate(allowAccessSchema, { remoteId: ' 123 456 789 ' })).toEqual({
      ok: true,
      value: { remoteId: '123456789' },
    });
    for (const remoteId of [
      '--help',
      ' - -p',
      '   ',
      'a;rm -rf /',
      '$(id)',
      'x'.repeat(LIMITS.remoteIdMax + 1),
      '',
    ]) {
      expect(fields(allowAccessSchema, { remoteId })).toEqual(['remoteId']);
    }
  });
});

describe('channel inputs', () => {
  it('defaults to 24 hours and 3 agents', () => {
    expect(validate(createChannelSchema, { name: 'Support' })).toEqual({
      ok: true,
      value: { name: 'Support', defaultExpiryMinutes: 1_440, participantLimit: 3 },
    });
  });

  it.each([
    [{ name: 'S', participantLimit: 0 }, ['participantLimit']],
    [{ name: 'S', participantLimit: 11 }, ['participantLimit']],
    [{ name: 'S', participantLimit: 2.5 }, ['participantLimit']],
    [{ name: 'S', defaultExpiryMinutes: 4 }, ['defaultExpiryMinutes']],
    [{ name: 'S', defaultExpiryMinutes: 30 * 1_440 + 1 }, ['defaultExpiryMinutes']],
    [{ name: '' }, ['name']],
  ])('rejects %j', (input, expected) => {
    expect(fields(createChannelSchema, input)).toEqual(expected);
  });

  it('needs at least one change in an update', () => {
    expect(fields(updateChannelSchema, {})).toEqual(['']);
    expect(fields(updateChannelSchema, { participantLimit: 10 })).toEqual([]);
  });
});
