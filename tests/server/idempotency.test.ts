/**
 * POST /requests with an Idempotency-Key, as a client retrying after a lost answer (or the desktop client's
 * offline outbox) sends it: the same key and body answer the first result and create one request; the
 * same key with another body is refused; concurrent retries create one request; keys belong to an agent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { expectStatus, type Api, type ApiResponse } from '../support/api-client';
import { timeline } from '../support/requests';
import { createAgent, startTestService, type TestAgent, type TestService } from '../support/service-harness';

let t: TestService;
let bob: TestAgent;

beforeAll(async () => {
  t = await startTestService();
  bob = await createAgent(t, { name: 'Bob', channels: [{ id: t.supportChannel.id }] });
});

afterAll(() => t.cleanup());

let counter = 0;
/** A body whose recipient name no other test uses, so the requests it made can be counted by name. */
function uniqueBody(extra: Record<string, unknown> = {}) {
  counter++;
  return {
    recipientName: `Idem Person ${counter} ${Date.now()}`,
    comments: 'Printer on fire',
    channelId: t.supportChannel.id,
    ...extra,
  };
}

/** Requests with this recipient name the agent can see. */
async function countByName(api: Api, name: string): Promise<number> {
  const listed = expectStatus(
    await api.get<{ requests: SessionRequest[] }>(`/requests?limit=200&q=${encodeURIComponent(name)}`),
    200,
  ).requests.filter((r) => r.recipientName === name);
  return listed.length;
}

/** The answer is read loosely: a created request, or an error envelope. */
function post(api: Api, body: unknown, key?: string): Promise<ApiResponse> {
  return api.post('/requests', body, key === undefined ? {} : { 'idempotency-key': key });
}

describe('POST /requests with an Idempotency-Key', () => {
  it('answers a replay with the first answer, 201 and idempotent-replayed, and creates one request', async () => {
    const body = uniqueBody({ recipientEmail: 'ana@example.com', sendInvitation: true });
    const key = `retry-${counter}`;

    const first = await post(t.admin, body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const second = await post(t.admin, body, key);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);

    expect(await countByName(t.admin, body.recipientName)).toBe(1);
    // One request, one invitation queued: the replay did not send the e-mail again.
    const events = await timeline(t.admin, first.body.id);
    expect(events.filter((e) => e.type === 'created')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'email_queued')).toHaveLength(1);
  });

  it('answers the first result even after the request changed', async () => {
    const body = uniqueBody();
    const key = `changed-${counter}`;
    const first = expectStatus<SessionRequest>(await post(t.admin, body, key), 201);
    expectStatus(await t.admin.post(`/requests/${first.id}/close`, {}), 200);

    const replay = await post(t.admin, body, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first);
    expect(replay.body.status).toBe('open');
    expect(await countByName(t.admin, body.recipientName)).toBe(1);
  });

  it('refuses the same key with a different body: 409 idempotency_key_reused, nothing created', async () => {
    const body = uniqueBody();
    const key = `reused-${counter}`;
    const first = expectStatus<SessionRequest>(await post(t.admin, body, key), 201);

    const other = { ...body, comments: 'Something else entirely' };
    const refused = await post(t.admin, other, key);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'idempotency_key_reused', message: expect.any(String) });
    expect(refused.headers.get('idempotent-replayed')).toBeNull();

    const otherName = await post(t.admin, { ...body, recipientName: `${body.recipientName} B` }, key);
    expect(otherName.status).toBe(409);
    expect(await countByName(t.admin, `${body.recipientName} B`)).toBe(0);

    // The key still answers its own body.
    const replay = await post(t.admin, body, key);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.id);
    expect(await countByName(t.admin, body.recipientName)).toBe(1);
  });

  it('creates exactly one request from ten concurrent posts with one key', async () => {
    const body = uniqueBody();
    const key = `concurrent-${counter}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(t.admin, body, key)));

    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    // One of them created it; the nine others were replays.
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);

    expect(await countByName(t.admin, body.recipientName)).toBe(1);
  });

  it('keeps keys per agent: another agent’s same key creates their own request', async () => {
    const body = uniqueBody();
    const key = `shared-key-${counter}`;
    const mine = expectStatus<SessionRequest>(await post(t.admin, body, key), 201);

    const theirs = await post(bob.api, body, key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.id);
    expect(theirs.body.createdBy).toBe(bob.agent.id);
    expect(theirs.body.assigneeId).toBe(bob.agent.id);

    // Each replays their own.
    expect((await post(bob.api, body, key)).body.id).toBe(theirs.body.id);
    expect((await post(t.admin, body, key)).body.id).toBe(mine.id);
    expect(await countByName(t.admin, body.recipientName)).toBe(2);
  });

  it('creates a new request for each post without a key', async () => {
    const body = uniqueBody();
    expectStatus(await post(t.admin, body), 201);
    expectStatus(await post(t.admin, body), 201);
    expect(await countByName(t.admin, body.recipientName)).toBe(2);
  });

  it('refuses a key that is not 1 to 200 visible ASCII characters', async () => {
    const body = uniqueBody();
    for (const key of ['x'.repeat(201), 'with space']) {
      const refused = await post(t.admin, body, key);
      expect(refused.status, key).toBe(400);
      expect(refused.body.error.code).toBe('invalid_input');
    }
    expect(await countByName(t.admin, body.recipientName)).toBe(0);
    expect((await post(t.admin, body, 'x'.repeat(200))).status).toBe(201);
  });

  it('does not store a refusal under the key: the corrected retry is created', async () => {
    const key = `invalid-first-${counter}`;
    const body = uniqueBody();
    const invalid = await post(t.admin, { ...body, recipientName: '' }, key);
    expect(invalid.status).toBe(400);
    const created = await post(t.admin, body, key);
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('POST /requests/{id}/{action} with an Idempotency-Key', () => {
  it('writes a note once however often it is sent with the same key', async () => {
    const created = expectStatus(await post(t.admin, uniqueBody()), 201) as SessionRequest;
    const key = `note-${counter}-${Date.now()}`;
    const send = () =>
      t.admin.post(`/requests/${created.id}/notes`, { text: 'Called the user' }, { 'idempotency-key': key });

    const first = await send();
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const [second, third] = await Promise.all([send(), send()]);
    for (const replay of [second, third]) {
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
    }
    const notes = (await timeline(t.admin, created.id)).filter((e) => e.type === 'note');
    expect(notes).toHaveLength(1);

    // Without a key, the same note is a second note.
    expectStatus(await t.admin.post(`/requests/${created.id}/notes`, { text: 'Called the user' }), 200);
    expect((await timeline(t.admin, created.id)).filter((e) => e.type === 'note')).toHaveLength(2);
  });

  it('refuses a key reused for another action or another request', async () => {
    const created = expectStatus(await post(t.admin, uniqueBody()), 201) as SessionRequest;
    const key = `reuse-${counter}-${Date.now()}`;
    expectStatus(
      await t.admin.post(`/requests/${created.id}/notes`, { text: 'One' }, { 'idempotency-key': key }),
      200,
    );
    const other = await t.admin.post(
      `/requests/${created.id}/notes`,
      { text: 'Two' },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    // A create with a key used for a note is refused too: keys are per agent, across writes.
    const create = await post(t.admin, uniqueBody(), key);
    expect(create.status).toBe(409);
  });
});
