/** The Create request dialog's form turned into `requests.create`'s input, or messages by field. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../shared/ipc/contract';
import {
  buildCreateInput,
  defaultExpiryLabel,
  emptyForm,
  type CreateForm,
} from '../../renderer/src/dialogs/create-request-form';
import { toLocalInputValue } from '../../renderer/src/domain/format';
import { translator } from '../../shared/i18n/translator';
import { CHANNELS, NOW, OTHER_ID, PRIVATE_ID, SUPPORT_ID, me } from './fixtures';

const en = translator('en');
const context = { now: NOW, me: me(), channels: CHANNELS };
const form = (patch: Partial<CreateForm>): CreateForm => ({ ...emptyForm(PRIVATE_ID), ...patch });

it('starts the invitation in the agent’s language, English when none is given', () => {
  expect(emptyForm(PRIVATE_ID).emailLanguage).toBe('en');
  expect(emptyForm(PRIVATE_ID, 'zh-Hant').emailLanguage).toBe('zh-Hant');
});

describe('buildCreateInput', () => {
  it('a name is enough: Myself, in the chosen channel, the channel’s default expiry', () => {
    const built = buildCreateInput(en, form({ recipientName: '  Jordan Lee ' }), context);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input).toMatchObject({
      recipientName: '  Jordan Lee ',
      recipientEmail: null,
      sendInvitation: false,
      channelId: PRIVATE_ID,
      assignTo: { type: 'myself' },
      scheduledAt: null,
    });
    expect('expiresAt' in built.input).toBe(false);
    // What the main side will accept.
    expect(COMMANDS['requests.create'].safeParse(built.input).success).toBe(true);
  });

  it('the shared schema’s messages land beside their fields', () => {
    const built = buildCreateInput(
      en,
      form({ recipientName: '', recipientEmail: 'not-an-address', comments: 'x'.repeat(2_001) }),
      context,
    );
    expect(built).toEqual({
      ok: false,
      errors: {
        recipientName: 'Fill in this field.',
        recipientEmail: 'Enter a valid e-mail address, like name@example.com.',
        comments: 'Too long: at most 2,000 characters.',
      },
    });
  });

  it('sends a ticket only when one is typed: its system lower-cased, an empty address left out', () => {
    const none = buildCreateInput(en, form({ recipientName: 'Jordan' }), context);
    expect(none.ok && 'externalRef' in none.input).toBe(false);
    const built = buildCreateInput(
      en,
      form({ recipientName: 'Jordan', ticketSystem: ' Freshservice ', ticketId: 'INC-1042' }),
      context,
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.externalRef).toEqual({ system: ' Freshservice ', id: 'INC-1042', url: null });
    expect(COMMANDS['requests.create'].parse(built.input).externalRef).toEqual({
      system: 'freshservice',
      id: 'INC-1042',
      url: null,
    });
  });

  it('a ticket’s problems land beside its fields', () => {
    const built = buildCreateInput(
      en,
      form({ recipientName: 'Jordan', ticketSystem: 'fresh service', ticketUrl: 'javascript:alert(1)' }),
      context,
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.errors).sort()).toEqual(['ticketId', 'ticketSystem', 'ticketUrl']);
    expect(built.errors.ticketId).toBe('Fill in this field.');
  });

  it('Send invitation email needs the address', () => {
    const built = buildCreateInput(en, form({ recipientName: 'Jordan', sendInvitation: true }), context);
    expect(built).toEqual({
      ok: false,
      errors: { recipientEmail: 'Enter the recipient’s e-mail address to send the invitation.' },
    });
  });

  it('schedule and expiry follow the time rules', () => {
    const past = toLocalInputValue(NOW - 3_600_000);
    const soon = toLocalInputValue(NOW + 3_600_000);
    const later = toLocalInputValue(NOW + 2 * 3_600_000);
    expect(
      buildCreateInput(en, form({ recipientName: 'J', schedule: true, scheduledAt: '' }), context),
    ).toEqual({
      ok: false,
      errors: { scheduledAt: 'Choose the date and time of the session.' },
    });
    expect(
      buildCreateInput(en, form({ recipientName: 'J', schedule: true, scheduledAt: past }), context),
    ).toEqual({
      ok: false,
      errors: { scheduledAt: 'Choose a time in the future.' },
    });
    expect(
      buildCreateInput(
        en,
        form({
          recipientName: 'J',
          schedule: true,
          scheduledAt: later,
          expiresIn: 'custom',
          expiresAt: soon,
        }),
        context,
      ),
    ).toEqual({ ok: false, errors: { scheduledAt: 'The scheduled time must be before the expiry time.' } });
    expect(
      buildCreateInput(
        en,
        form({
          recipientName: 'J',
          expiresIn: 'custom',
          expiresAt: toLocalInputValue(NOW + 31 * 86_400_000),
        }),
        context,
      ),
    ).toEqual({ ok: false, errors: { expiresAt: 'A request expires at most 30 days ahead.' } });
    // The Support channel's default is 4 hours: a schedule in 5 hours is past it.
    expect(
      buildCreateInput(
        en,
        form({
          recipientName: 'J',
          channelId: SUPPORT_ID,
          schedule: true,
          scheduledAt: toLocalInputValue(NOW + 5 * 3_600_000),
        }),
        context,
      ),
    ).toEqual({ ok: false, errors: { scheduledAt: 'The scheduled time must be before the expiry time.' } });
  });

  it('a preset expiry, an agent, a queue', () => {
    const toAgent = buildCreateInput(
      en,
      form({ recipientName: 'J', expiresIn: 'h1', assignTo: `agent:${OTHER_ID}`, channelId: SUPPORT_ID }),
      context,
    );
    expect(toAgent.ok && toAgent.input).toMatchObject({
      assignTo: { type: 'agent', agentId: OTHER_ID },
      channelId: SUPPORT_ID,
      expiresAt: new Date(NOW + 3_600_000).toISOString(),
    });
    const toQueue = buildCreateInput(
      en,
      form({ recipientName: 'J', assignTo: `queue:${SUPPORT_ID}` }),
      context,
    );
    expect(toQueue.ok && toQueue.input).toMatchObject({
      assignTo: { type: 'unassigned' },
      channelId: SUPPORT_ID,
    });
  });

  it('names a channel’s default expiry', () => {
    expect(defaultExpiryLabel(en, CHANNELS[0])).toBe('1 day');
    expect(defaultExpiryLabel(en, CHANNELS[1])).toBe('4 hours');
    expect(defaultExpiryLabel(en, undefined)).toBe('1 day');
    expect(defaultExpiryLabel(en, { ...CHANNELS[1]!, defaultExpiryMinutes: 90 })).toBe('90 min');
    // A plural of the reader's language, its number formatted by it.
    expect(
      defaultExpiryLabel(translator('en-XA'), { ...CHANNELS[1]!, defaultExpiryMinutes: 1_440 * 3 }),
    ).toMatch(/^\[3 đáýš( ·+)?\]$/);
  });
});
