/**
 * The chat around a request (issue 19) against a real service: an agent's messages and the end user's
 * (from the join page) in the timeline and the change feed with who and when, on the page's thread (never
 * the agents' notes) and its event stream; markup kept as text; the limits (empty, too long, too many) as
 * coded errors for agents and worded errors in the page's language for the end user; a closed request
 * refusing both; an agent not on the request refused; and the canned messages (admins replace, every
 * agent reads, names unique case-insensitively, audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import type { SessionRequest } from '@shared/domain/session-request';
import { translator } from '@shared/i18n/translator';
import type { Change, TimelineEvent } from '@shared/protocol/api';
import type { CannedMessageList } from '@shared/protocol/conversation';
import type { AuditEntry } from '@shared/protocol/integrations';
import { webhookEventsOf } from '../../server/webhooks/webhook-events';
import { expectRefused, expectStatus, type Api } from '../support/api-client';
import { addNote, createRequest, FORM, head, syncAll, timeline } from '../support/requests';
import { createAgent, startTestService, tokenOf, type TestService } from '../support/service-harness';

const en = translator('en');
const es = translator('es');

let t: TestService;

beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.cleanup());

function send(api: Api, requestId: string, body: Record<string, unknown>) {
  // Untyped: a refusal answers the error envelope instead of the request.
  return api.post(`/requests/${requestId}/messages`, body);
}

/** The end user's form post from the join page (no JavaScript), or the script's (JSON). */
function endUserPost(request: SessionRequest, text: string, json = false) {
  return t.api.call(
    'POST',
    `/j/${tokenOf(request.link)}/messages`,
    new URLSearchParams({ text }).toString(),
    json ? { ...FORM, accept: 'application/json' } : FORM,
  );
}

function joinPage(request: SessionRequest) {
  return t.api.call<string>('GET', `/j/${tokenOf(request.link)}`, undefined, { 'accept-language': 'en' });
}

const messagesOf = (events: readonly TimelineEvent[]) => events.filter((e) => e.type === 'message');

describe('messages both ways', () => {
  it('reach the timeline and the agent’s change feed with who and when, and the page’s thread', async () => {
    const request = await createRequest(t.admin, 'Robin');
    const since = await head(t);
    t.clock.advance(1_000);
    expectStatus(await send(t.admin, request.id, { text: 'Hello, can you open the app?' }), 200);
    await addNote(t.admin, request.id, 'internal: printer driver suspected');
    t.clock.advance(1_000);
    const posted = await endUserPost(request, 'Yes, it is open.\r\nWhat now?');
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/j/${tokenOf(request.link)}#chat`);

    const messages = messagesOf(await timeline(t.admin, request.id));
    expect(messages.map((m) => [m.actor, m.data])).toEqual([
      [
        { kind: 'agent', agentId: t.adminAgent.id, name: t.adminAgent.name },
        { text: 'Hello, can you open the app?', from: 'agent', byEmail: false, bySms: false },
      ],
      [
        { kind: 'end_user' },
        { text: 'Yes, it is open.\nWhat now?', from: 'end_user', byEmail: false, bySms: false },
      ],
    ]);
    expect(Date.parse(messages[1]!.at) - Date.parse(messages[0]!.at)).toBe(1_000);

    // The agent's change feed carries each as an event of the request's change.
    const fed = (await syncAll(t.admin, since))
      .filter((c): c is Extract<Change, { type: 'request' }> => c.type === 'request')
      .flatMap((c) => c.events)
      .filter((e) => e.type === 'message');
    expect(fed.map((e) => [e.actor.kind, e.data['text'], e.at])).toEqual(
      messages.map((m) => [m.actor.kind, m.data['text'], m.at]),
    );

    // The page shows both, oldest first, with who; the note never.
    const html = (await joinPage(request)).body;
    expect(html).toMatch(
      /<div class="chat-log" role="log" aria-labelledby="chat-heading" tabindex="0"><ol class="chat-thread"/,
    );
    const agentAt = html.indexOf('Hello, can you open the app?');
    const userAt = html.indexOf('Yes, it is open.\nWhat now?');
    expect(agentAt).toBeGreaterThan(0);
    expect(userAt).toBeGreaterThan(agentAt);
    expect(html).toContain(`<span class="chat-author">${t.adminAgent.name}</span>`);
    expect(html).toContain(`<span class="chat-author">${en.t('joinChat.you')}</span>`);
    expect(html).not.toContain('printer driver suspected');
  });

  it('keep markup and links as text on the page', async () => {
    const request = await createRequest(t.admin, 'Sam');
    const text = '<b>markup</b> <script>alert(1)</script> see https://example.com/help?a=1&b=2';
    expectStatus(await send(t.admin, request.id, { text }), 200);
    const html = (await joinPage(request)).body;
    expect(html).toContain(
      '&lt;b&gt;markup&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt; see https://example.com/help?a=1&amp;b=2',
    );
    expect(html).not.toContain('<b>markup</b>');
    expect(html).not.toContain('href="https://example.com/help');
  });

  it('come to the page’s event stream as `message` events, after what the page shows', async () => {
    const request = await createRequest(t.admin, 'Kim');
    expectStatus(await send(t.admin, request.id, { text: 'first' }), 200);
    const shown = messagesOf(await timeline(t.admin, request.id))[0]!.id;
    const controller = new AbortController();
    const response = await fetch(`${t.url}/j/${tokenOf(request.link)}/live?after=${shown}`, {
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const until = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${needle}`);
        received += value;
      }
    };
    try {
      await until('event: state');
      expectStatus(await send(t.admin, request.id, { text: 'second <i>one</i>' }), 200);
      await until('"second <i>one</i>"');
      const event = /id: (\d+)\nevent: message\ndata: (.*)\n\n/.exec(received);
      expect(event).not.toBeNull();
      const data = JSON.parse(event![2]!) as Record<string, unknown>;
      expect(data).toMatchObject({ from: 'agent', author: t.adminAgent.name, text: 'second <i>one</i>' });
      expect(Number(event![1])).toBe(data['id']);
      expect(typeof data['at']).toBe('string');
      // "first" was on the page already: not sent again.
      expect(received).not.toContain('"first"');
    } finally {
      controller.abort();
    }
  });

  it('answer the page’s script with the message as JSON', async () => {
    const request = await createRequest(t.admin, 'Alex');
    const answer = await endUserPost(request, 'from the script', true);
    expect(answer.status).toBe(201);
    expect(answer.body.message).toMatchObject({ from: 'end_user', author: null, text: 'from the script' });
  });
});

describe('limits for agents: coded errors', () => {
  it('refuses an empty and a too-long message (400) and too many (429 too_many_messages, Retry-After)', async () => {
    const request = await createRequest(t.admin, 'Lee');
    const empty = await send(t.admin, request.id, { text: '   ' });
    expectRefused(empty, 400, 'invalid_input');
    expect(empty.body.error.fields[0]).toMatchObject({ field: 'text', code: 'required' });
    const long = await send(t.admin, request.id, { text: 'x'.repeat(CONVERSATION_LIMITS.messageMax + 1) });
    expectRefused(long, 400, 'invalid_input');
    expect(long.body.error.fields[0]).toMatchObject({
      field: 'text',
      code: 'too_long',
      params: { max: CONVERSATION_LIMITS.messageMax },
    });

    const key = { 'idempotency-key': 'chat-first' };
    const first = { text: 'message 0' };
    expectStatus(await t.admin.post(`/requests/${request.id}/messages`, first, key), 200);
    for (let i = 1; i < CONVERSATION_LIMITS.agentMessagesPerMinute; i++) {
      expectStatus(await send(t.admin, request.id, { text: `message ${i}` }), 200);
    }
    const tooMany = await send(t.admin, request.id, { text: 'one more' });
    expectRefused(tooMany, 429, 'too_many_messages');
    const seconds = Number(tooMany.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(tooMany.body.error.params).toEqual({ seconds });
    expect(tooMany.body.error.message).toBe(en.t('error.too_many_messages', { seconds }));
    // A client retrying the first after a lost answer gets it again: a replay sends nothing, counts nothing.
    const replay = await t.admin.post(`/requests/${request.id}/messages`, first, key);
    expectStatus(replay, 200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(messagesOf(await timeline(t.admin, request.id))).toHaveLength(
      CONVERSATION_LIMITS.agentMessagesPerMinute,
    );
    // Another request of the same agent has its own count.
    const other = await createRequest(t.admin, 'Lee again');
    expectStatus(await send(t.admin, other.id, { text: 'fine' }), 200);
  });

  it('refuses an agent who is not on the request', async () => {
    const colleague = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const request = await createRequest(t.admin, 'Pat', t.supportChannel.id);
    expectRefused(await send(colleague.api, request.id, { text: 'hi' }), 403, 'not_on_request');
  });

  it('refuses byEmail when the request has no address to send to (409 no_recipient_email)', async () => {
    const request = await createRequest(t.admin, 'Noor');
    expectRefused(await send(t.admin, request.id, { text: 'hi', byEmail: true }), 409, 'no_recipient_email');
    expect(messagesOf(await timeline(t.admin, request.id))).toEqual([]);
  });
});

describe('limits for the end user: words in the page’s language', () => {
  it('a Spanish request’s page says what is wrong in Spanish, beside the box, keeping the text', async () => {
    const request = await createRequest(t.admin, 'Lucía', undefined, { emailLanguage: 'es' });
    const empty = await endUserPost(request, '  \n ');
    expect(empty.status).toBe(400);
    expect(empty.body).toContain(es.t('joinChat.errorEmpty'));
    expect(empty.body).toMatch(
      /<textarea [^>]*aria-describedby="chat-error chat-hint"[^>]*aria-invalid="true"/,
    );
    expect(empty.body).toContain(
      `<title>${es.t('joinPage.errorTitle', { title: es.t('joinPage.title') })} · Acme IT</title>`,
    );

    const tooLong = 'á'.repeat(CONVERSATION_LIMITS.messageMax + 1);
    const long = await endUserPost(request, tooLong);
    expect(long.status).toBe(400);
    expect(long.body).toContain(es.t('joinChat.errorTooLong', { max: CONVERSATION_LIMITS.messageMax }));
    expect(long.body).toContain(`>${tooLong}</textarea>`);

    for (let i = 0; i < CONVERSATION_LIMITS.endUserMessagesPerMinute; i++) {
      expect((await endUserPost(request, `mensaje ${i}`)).status).toBe(303);
    }
    const tooMany = await endUserPost(request, 'uno más');
    expect(tooMany.status).toBe(429);
    const seconds = Number(tooMany.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(tooMany.body).toContain(es.t('joinChat.errorTooMany', { seconds }));
    expect(tooMany.body).toContain('>uno más</textarea>');

    const json = await endUserPost(request, 'otro', true);
    expect(json.status).toBe(429);
    expect(json.body.error).toMatchObject({ code: 'too_many_messages' });
    expect(json.body.error.message).toMatch(/^Ha enviado muchos mensajes/);
    expect(messagesOf(await timeline(t.admin, request.id))).toHaveLength(
      CONVERSATION_LIMITS.endUserMessagesPerMinute,
    );
  });
});

describe('a closed request', () => {
  it('refuses both sides, and its page shows no chat', async () => {
    const request = await createRequest(t.admin, 'Quinn');
    expectStatus(await t.admin.post(`/requests/${request.id}/close`, {}), 200);
    expectRefused(await send(t.admin, request.id, { text: 'too late' }), 409, 'request_closed');
    const form = await endUserPost(request, 'too late');
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/j/${tokenOf(request.link)}`);
    const json = await endUserPost(request, 'too late', true);
    expect(json.status).toBe(409);
    expect(json.body.error).toEqual({ code: 'chat_closed', message: en.t('joinChat.errorClosed') });
    expect(messagesOf(await timeline(t.admin, request.id))).toEqual([]);
    const html = (await joinPage(request)).body;
    expect(html).not.toContain('chat-form');
    expect(html).not.toContain('chat-thread');
  });
});

describe('webhooks', () => {
  it('each message is a request.message event', () => {
    const row = { status: 'waiting', consent: 'pending', assigneeId: 'a' } as never;
    const actor = { kind: 'end_user' } as const;
    expect(
      webhookEventsOf(row, row, [
        { type: 'message', actor, data: { text: 'hi', from: 'end_user', byEmail: false } },
      ]),
    ).toEqual([
      {
        type: 'request.message',
        extra: { text: 'hi', from: 'end_user', byEmail: false, bySms: false, actor },
      },
    ]);
  });
});

describe('canned messages', () => {
  const list = [
    {
      name: 'read-id',
      texts: { en: 'Please open the app and read me the ID.', es: 'Abra la aplicación y léame el ID.' },
    },
    { name: 'Bye', texts: { en: 'Thank you, goodbye!' } },
  ];

  it('admins replace them; every agent reads them, by name; a kept name keeps its id; audited', async () => {
    const saved = expectStatus(
      await t.admin.put<CannedMessageList>('/canned-messages', { messages: list }),
      200,
    );
    expect(saved.messages.map((m) => m.name)).toEqual(['Bye', 'read-id']);
    const agent = await createAgent(t);
    const read = expectStatus(await agent.api.get<CannedMessageList>('/canned-messages'), 200);
    expect(read).toEqual(saved);
    expect(read.messages[1]!.texts).toEqual(list[0]!.texts);

    const again = expectStatus(
      await t.admin.put<CannedMessageList>('/canned-messages', {
        messages: [{ name: 'READ-ID', texts: { en: 'Read me the ID, please.' } }],
      }),
      200,
    );
    expect(again.messages).toEqual([
      { id: saved.messages[1]!.id, name: 'READ-ID', texts: { en: 'Read me the ID, please.' } },
    ]);

    const audit = expectStatus(
      await t.admin.get<{ entries: AuditEntry[] }>('/audit?type=canned_messages.replaced'),
      200,
    );
    expect(audit.entries).toHaveLength(2);
    expect(audit.entries[0]).toMatchObject({
      actor: { kind: 'agent', agentId: t.adminAgent.id },
      data: { names: ['READ-ID'], before: expect.arrayContaining(['Bye', 'read-id']) as unknown },
    });
  });

  it('refuses names used twice in any case, and anyone but an admin', async () => {
    const before = expectStatus(await t.admin.get<CannedMessageList>('/canned-messages'), 200);
    const duplicates = await t.admin.put('/canned-messages', {
      messages: [
        { name: 'Ñandú', texts: { en: 'one' } },
        { name: 'ñANDÚ', texts: { en: 'two' } },
      ],
    });
    expectRefused(duplicates, 400, 'invalid_input');
    expect(duplicates.body.error.fields[0]).toMatchObject({ field: 'messages', code: 'duplicates' });
    const agent = await createAgent(t);
    expectRefused(await agent.api.put('/canned-messages', { messages: list }), 403, 'admin_required');
    expect(expectStatus(await t.admin.get<CannedMessageList>('/canned-messages'), 200)).toEqual(before);
  });
});
