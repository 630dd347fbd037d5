/**
 * Errors by code, words by the client: every refusal of a real service carries what a client needs to
 * say it in its agent's language (the code, and the values of its sentence; each field at fault with its
 * own code and values), beside the English message API users read, which is the English catalogue's
 * sentence for those same values. The agent's client renders them from its catalogue (`errorText`,
 * `fieldText`): shown here in the pseudo-locale, whose words are predictable, to tell them from the
 * English message the service sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@shared/domain/limits';
import { errorText, fieldText } from '@shared/i18n/errors';
import { PSEUDO_LANGUAGE, translator } from '@shared/i18n/translator';
import { errorEnvelopeSchema } from '@shared/protocol/errors';
import type { Channel } from '@shared/protocol/api';
import { expectRefused, expectStatus } from '../support/api-client';
import { createAgent, startTestService, type TestService } from '../support/service-harness';

const english = translator('en');
const pseudo = translator(PSEUDO_LANGUAGE);

let t: TestService;

beforeAll(async () => {
  t = await startTestService();
});

afterAll(() => t.cleanup());

/** The answer's body is the envelope, and nothing else. */
function envelope(body: unknown) {
  const parsed = errorEnvelopeSchema.strict().safeParse(body);
  expect(parsed.success, JSON.stringify(body)).toBe(true);
  return parsed.data!.error;
}

describe('a field at fault', () => {
  it('a too-long recipient name on create: 400 with the field, its code, the limit and the English', async () => {
    const answer = await t.admin.post('/requests', {
      recipientName: 'n'.repeat(LIMITS.recipientNameMax + 1),
    });
    expect(answer.status).toBe(400);
    const error = envelope(answer.body);
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toHaveLength(1);
    expect(error.fields![0]).toEqual({
      field: 'recipientName',
      code: 'too_long',
      params: { max: LIMITS.recipientNameMax },
      message: english.t('field.too_long', { max: LIMITS.recipientNameMax }),
    });
    expect(error.fields![0]!.message).toBe(`Too long: at most ${LIMITS.recipientNameMax} characters.`);
    // The API's message names the field in English; a client says it in its own words.
    expect(error.message).toContain('recipientName: Too long');
    expect(fieldText(pseudo, error.fields![0]!)).toBe(
      pseudo.t('field.too_long', { max: LIMITS.recipientNameMax }),
    );
    expect(fieldText(pseudo, error.fields![0]!)).not.toBe(error.fields![0]!.message);
  });

  it('each field at fault at once, with its own code and values', async () => {
    const error = envelope(
      (
        await t.admin.post('/requests', {
          recipientName: '  ',
          recipientEmail: 'not an address',
          emailLanguage: 'xx',
          colour: 'blue',
        })
      ).body,
    );
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: 'recipientName', code: 'required', message: english.t('field.required') },
        { field: 'recipientEmail', code: 'invalid_email', message: english.t('field.invalid_email') },
        expect.objectContaining({ field: 'emailLanguage', code: 'invalid_choice' }),
        {
          field: 'colour',
          code: 'unknown_fields',
          params: { fields: 'colour', count: 1 },
          message: 'Unknown field: colour.',
        },
      ]),
    );
    const language = error.fields!.find((f) => f.field === 'emailLanguage')!;
    expect(String(language.params!['options']).split(', ')).toContain('zh-Hant');
  });

  it('a rule that needs the time: the expiry at most so many days ahead', async () => {
    const far = new Date(t.clock.now() + LIMITS.expiryMaxAheadMs + 60_000).toISOString();
    const error = envelope((await t.admin.post('/requests', { recipientName: 'Ana', expiresAt: far })).body);
    expect(error.fields).toEqual([
      {
        field: 'expiresAt',
        code: 'expiry_too_far',
        params: { days: 30 },
        message: 'A request expires at most 30 days ahead.',
      },
    ]);
  });
});

describe('a refusal', () => {
  it('by a rule carries the values of its sentence: the channel and the limit', async () => {
    const channel = expectStatus(
      await t.admin.post<Channel>('/channels', { name: 'Two seats', participantLimit: 1 }),
      201,
    );
    const owner = await createAgent(t, { channels: [{ id: channel.id }] });
    const guest = await createAgent(t, { channels: [{ id: channel.id }] });
    const request = expectStatus(
      await owner.api.post<{ id: string }>('/requests', { recipientName: 'Ana', channelId: channel.id }),
      201,
    );
    const refused = await owner.api.post(`/requests/${request.id}/invite`, { agentIds: [guest.agent.id] });
    expectRefused(refused, 403, 'participant_limit');
    const error = envelope(refused.body);
    expect(error.params).toEqual({ channel: 'Two seats', limit: 1, count: 1 });
    expect(error.message).toBe('A request in “Two seats” can have at most 1 agent in all (it has 1).');
    expect(errorText(english, error)).toBe(error.message);
    expect(errorText(pseudo, error)).toBe(
      pseudo.t('error.participant_limit', { channel: 'Two seats', limit: 1, count: 1 }),
    );
  });

  it('of the service itself names what it could not find', async () => {
    const missing = await t.admin.get('/requests/00000000-0000-4000-8000-000000000000');
    expectRefused(missing, 404, 'not_found');
    const error = envelope(missing.body);
    expect(error.params).toEqual({ thing: 'request' });
    expect(error.message).toBe('The session request was not found: it may have been deleted.');

    const taken = await t.admin.post('/agents', {
      email: 'admin@example.com',
      name: 'Again',
      password: 'a long enough password',
    });
    expectRefused(taken, 409, 'email_taken');
    expect(envelope(taken.body).params).toEqual({ email: 'admin@example.com' });
  });

  it('before any route: an address the service does not have', async () => {
    const answer = await t.admin.get('/no-such-thing');
    expect(answer.status).toBe(404);
    const error = envelope(answer.body);
    expect(error).toMatchObject({ code: 'not_found', params: { thing: 'path' } });
    expect(error.message).toBe('There is no GET /api/v1/no-such-thing here.');
    expect(errorText(english, error)).toBe('The service has no such address.');
  });
});
