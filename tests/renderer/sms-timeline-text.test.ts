/** The SMS part's timeline events (issue 19) as sentences, with the number masked as the service stored it. */
import { describe, expect, it } from 'vitest';
import { translator, type Translator } from '../../shared/i18n/translator';
import type { TimelineEvent } from '../../shared/protocol/api';
import { describeEvent } from '../../renderer/src/details/timeline-text';
import { namesFor } from '../../renderer/src/domain/people';
import { AGENTS, CHANNELS, me } from './fixtures';

const directory = { agents: AGENTS, channels: CHANNELS };
const dana = { kind: 'agent', agentId: AGENTS[0]!.id, name: 'Dana Whitfield' } as const;
const system = { kind: 'system' } as const;
const event = (
  type: TimelineEvent['type'],
  data: TimelineEvent['data'],
  actor: TimelineEvent['actor'] = system,
): TimelineEvent => ({ id: 1, requestId: 'r', seq: 1, at: '2026-03-10T12:00:00Z', type, actor, data });
const say = (t: Translator, e: TimelineEvent) =>
  describeEvent(t, e, namesFor(t, directory, me()), () => '10 Mar 16:00').text;

describe('SMS events in the timeline', () => {
  const en = translator('en');
  const es = translator('es');

  it('says what was queued, sent or failed, and to which masked number', () => {
    const to = '+••••••••567';
    expect(say(en, event('sms_queued', { kind: 'invitation', to }, dana))).toBe(
      `Invitation by text message queued for ${to}.`,
    );
    expect(say(en, event('sms_queued', { kind: 'message', to }, dana))).toBe(
      `Message by text message queued for ${to}.`,
    );
    expect(say(en, event('sms_sent', { kind: 'invitation', to }))).toBe(`Text message sent to ${to}.`);
    expect(
      say(en, event('sms_failed', { kind: 'invitation', to, reason: 'The gateway answered 400.' })),
    ).toBe(`Text message to ${to} could not be sent: The gateway answered 400.`);
    // The service's own reasons come as codes, worded in the agent's language.
    const failed = (data: Record<string, string | number>) =>
      event('sms_failed', { kind: 'invitation', to, reason: 'The gateway answered 400.', ...data });
    expect(say(en, failed({ reasonCode: 'http_status', statusCode: 400 }))).toBe(
      `Text message to ${to} could not be sent: the gateway answered HTTP 400.`,
    );
    expect(say(es, failed({ reasonCode: 'not_configured' }))).toBe(
      `No se pudo enviar el SMS a ${to}: no hay ninguna pasarela de SMS configurada.`,
    );
    expect(say(es, event('sms_sent', { kind: 'invitation', to }))).toBe(`SMS enviado a ${to}.`);
  });

  it('says who set or removed the phone number', () => {
    expect(say(en, event('recipient_phone_changed', { to: '+••••••••678' }, dana))).toBe(
      'Dana Whitfield set the mobile phone number to +••••••••678.',
    );
    expect(say(en, event('recipient_phone_changed', { to: null }, dana))).toBe(
      'Dana Whitfield removed the mobile phone number.',
    );
  });
});
