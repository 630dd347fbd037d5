/**
 * The Integrations tab's forms as plain data: a new token (name, scopes, last day) and a webhook endpoint
 * (address, events, description, link and PIN) turned into the `integrations.*` commands' inputs —
 * checked against the contract's own schemas — with the shared schemas' messages by field, and the
 * service's refusals put beside their fields.
 */
import { describe, expect, it } from 'vitest';
import { INTEGRATION_SCOPES, WEBHOOK_EVENT_TYPES } from '../../shared/domain/integrations';
import { translator } from '../../shared/i18n/translator';
import { COMMANDS } from '../../shared/ipc/contract';
import type { WebhookEndpoint } from '../../shared/protocol/integrations';
import {
  buildCreateTokenInput,
  buildCreateWebhookInput,
  buildWebhookChanges,
  emptyTokenForm,
  emptyWebhookForm,
  expiryOfLastDay,
  scopeKey,
  toggled,
  tokenRefusal,
  webhookFormOf,
  webhookRefusal,
} from '../../renderer/src/admin/integration-forms';

const en = translator('en');
const pseudo = translator('en-XA');
/** Noon on 7 December 2026, where the test runs. */
const NOW = new Date(2026, 11, 7, 12, 0, 0);

const ENDPOINT: WebhookEndpoint = {
  id: '0b9c7f62-5d8e-4c1a-9f43-2e7d1a6b8c90',
  url: 'https://tickets.example.com/hooks/sessiondesk',
  description: 'Freshservice',
  events: ['request.created', 'request.closed'],
  enabled: true,
  disabledReason: null,
  includeSecrets: false,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  failingSince: null,
  previousSecretExpiresAt: null,
};

describe('token form', () => {
  it('a name and scopes become createToken’s input, without expiry when no last day is given', () => {
    const built = buildCreateTokenInput(
      en,
      { name: '  Freshservice ', scopes: ['requests:read', 'requests:write'], lastDay: '' },
      NOW,
    );
    expect(built).toEqual({
      ok: true,
      input: { name: 'Freshservice', scopes: ['requests:read', 'requests:write'], expiresAt: null },
    });
    if (built.ok) expect(COMMANDS['integrations.createToken'].safeParse(built.input).success).toBe(true);
  });

  it('the last day is worked until its end, where the admin is', () => {
    const built = buildCreateTokenInput(
      en,
      { name: 'Nightly report', scopes: ['reports:read'], lastDay: '2026-12-31' },
      NOW,
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.expiresAt).toBe(new Date(2027, 0, 1).toISOString());
    expect(COMMANDS['integrations.createToken'].safeParse(built.input).success).toBe(true);
  });

  it('a day already over, or not a day, is refused beside the last day', () => {
    const past = buildCreateTokenInput(en, { name: 'x', scopes: ['audit:read'], lastDay: '2026-12-06' }, NOW);
    expect(past).toEqual({ ok: false, errors: { lastDay: 'Choose a time in the future.' } });
    // Today still counts: the token works until its end.
    expect(
      buildCreateTokenInput(en, { name: 'x', scopes: ['audit:read'], lastDay: '2026-12-07' }, NOW).ok,
    ).toBe(true);
    expect(expiryOfLastDay('2026-02-30')).toBeNull();
    expect(expiryOfLastDay('tomorrow')).toBeNull();
    const invalid = buildCreateTokenInput(
      en,
      { name: 'x', scopes: ['audit:read'], lastDay: '2026-02-30' },
      NOW,
    );
    expect(invalid).toEqual({ ok: false, errors: { lastDay: 'This is not in the expected format.' } });
  });

  it('no name and no scope: every message at once, beside its field, in the reader’s language', () => {
    const built = buildCreateTokenInput(en, { ...emptyTokenForm(), lastDay: '2020-01-01' }, NOW);
    expect(built).toEqual({
      ok: false,
      errors: {
        name: 'Fill in this field.',
        scopes: 'Choose at least 1 item.',
        lastDay: 'Choose a time in the future.',
      },
    });
    const translated = buildCreateTokenInput(pseudo, emptyTokenForm(), NOW);
    expect(translated.ok).toBe(false);
    if (!translated.ok) expect(translated.errors.name).not.toBe('Fill in this field.');
  });

  it('the service’s refusal shows beside the field it names, else above the buttons', () => {
    expect(
      tokenRefusal(en, {
        code: 'invalid_input',
        message: 'x',
        fields: [{ field: 'expiresAt', code: 'not_in_future', message: 'Choose a time in the future.' }],
      }),
    ).toEqual({ lastDay: 'Choose a time in the future.' });
    expect(
      tokenRefusal(en, { code: 'forbidden', message: 'Only administrators can do this.' }).form,
    ).toBeTruthy();
  });

  it('each scope has a sentence saying what it grants', () => {
    for (const scope of INTEGRATION_SCOPES) {
      const sentence = en.t(`integrations.scopes.${scopeKey(scope)}`);
      expect(sentence).toMatch(/\.$/);
    }
    expect(scopeKey('webhooks:manage')).toBe('webhooks_manage');
  });

  it('checkboxes keep the list in its declared order', () => {
    expect(toggled(INTEGRATION_SCOPES, ['audit:read'], 'requests:read', true)).toEqual([
      'requests:read',
      'audit:read',
    ]);
    expect(toggled(INTEGRATION_SCOPES, ['requests:read', 'audit:read'], 'requests:read', false)).toEqual([
      'audit:read',
    ]);
  });
});

describe('webhook form', () => {
  it('a new endpoint subscribes to every event until some are unticked', () => {
    expect(emptyWebhookForm().events).toEqual([...WEBHOOK_EVENT_TYPES]);
    const built = buildCreateWebhookInput(en, {
      ...emptyWebhookForm(),
      url: ' https://tickets.example.com/hooks ',
      description: 'Freshservice',
    });
    expect(built).toEqual({
      ok: true,
      input: {
        url: 'https://tickets.example.com/hooks',
        events: [...WEBHOOK_EVENT_TYPES],
        description: 'Freshservice',
        includeSecrets: false,
      },
    });
    if (built.ok) expect(COMMANDS['integrations.createWebhook'].safeParse(built.input).success).toBe(true);
  });

  it('an address that is not http(s) and no events are refused beside their fields', () => {
    const built = buildCreateWebhookInput(en, {
      ...emptyWebhookForm(),
      url: 'ftp://files.example.com',
      events: [],
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.url).toMatch(/http:\/\/ or https:\/\//);
    expect(built.errors.events).toBe('Choose at least 1 item.');
  });

  it('Edit sends only what changed; nothing changed sends nothing', () => {
    const form = webhookFormOf(ENDPOINT);
    expect(buildWebhookChanges(en, ENDPOINT, form)).toEqual({ ok: true, input: null });
    // The same events in another order are not a change.
    expect(
      buildWebhookChanges(en, ENDPOINT, { ...form, events: ['request.closed', 'request.created'] }),
    ).toEqual({ ok: true, input: null });
    const built = buildWebhookChanges(en, ENDPOINT, {
      ...form,
      events: [...form.events, 'request.expired'],
      includeSecrets: true,
    });
    expect(built).toEqual({
      ok: true,
      input: { events: ['request.created', 'request.closed', 'request.expired'], includeSecrets: true },
    });
    if (built.ok && built.input) {
      expect(
        COMMANDS['integrations.updateWebhook'].safeParse({ webhookId: ENDPOINT.id, changes: built.input })
          .success,
      ).toBe(true);
    }
  });

  it('the service’s refusal of the address shows beside it', () => {
    expect(
      webhookRefusal(en, {
        code: 'invalid_input',
        message: 'x',
        fields: [{ field: 'url', code: 'invalid_url', message: 'Enter an address…' }],
      }),
    ).toEqual({ url: en.t('field.invalid_url') });
    // The address refused by the SSRF guard: beside the address too, with the host named.
    const refused = webhookRefusal(en, {
      code: 'webhook_address_refused',
      message: 'x',
      params: { host: 'intranet.example', address: 'private' },
    });
    expect(Object.keys(refused)).toEqual(['url']);
    expect(refused.url).toContain('intranet.example');
  });
});
