/**
 * The agent core and the chat (issue 19), against the real service: a message written offline waits in
 * the outbox, shown pending, and is sent once with its key when the service is back; the end user's
 * messages (posted on the join page) count as unread on the row until `requests.markRead`, and notify
 * unless the request is on screen; the canned messages are read and replaced through the core, and
 * still offered offline. Needs the service's part of issue 19 (POST /requests/{id}/messages, the join
 * page's chat, /canned-messages).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { expectStatus } from '../../support/api-client';
import { createRequest, FORM, timeline } from '../../support/requests';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

describe('the chat in the agent core', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    core = t = undefined;
  });

  async function started(): Promise<{ service: TestService; core: TestCore }> {
    t = await startTestService();
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();
    return { service, core };
  }

  /** The end user writes on the join page (its form, as without JavaScript). */
  async function endUserWrites(service: TestService, request: SessionRequest, text: string): Promise<void> {
    const path = `${new URL(request.link).pathname}/messages`;
    const answer = await service.api.call('POST', path, `text=${encodeURIComponent(text)}`, FORM);
    expectStatus(answer, 303);
  }

  const messages = async (service: TestService, id: string) =>
    (await timeline(service.admin, id))
      .filter((e) => e.type === 'message')
      .map((e) => `${String(e.data['from'])}: ${String(e.data['text'])}`);

  it('queues a message offline, shows it pending, and sends it once when the service is back', async () => {
    const { core } = await started();
    const request = await createRequest(t!.admin, 'Jordan Lee');
    await core.until(async () => (await core.rows()).length === 1, 'the request');

    const port = new URL(t!.url).port;
    await t!.stop();
    await core.until(async () => (await core.invoke('connection.get', {})).state !== 'live', 'the drop');
    const { outboxId } = await core.invoke('requests.sendMessage', {
      requestId: request.id,
      text: 'I will call you in five minutes.',
      byEmail: false,
    });
    const pending = (await core.invoke('requests.get', { requestId: request.id }))!.timeline.at(-1)!;
    expect(pending).toMatchObject({
      key: `outbox:${outboxId}`,
      event: { type: 'message', data: { text: 'I will call you in five minutes.', from: 'agent' } },
      pending: { state: 'queued' },
    });

    t = await t!.restart({ flags: ['--port', port] });
    await core.until(async () => {
      const details = await core.invoke('requests.get', { requestId: request.id });
      return (
        details!.timeline.every((e) => e.pending === null) &&
        details!.timeline.some((e) => e.event.type === 'message')
      );
    }, 'the message to land');
    expect(await messages(t, request.id)).toEqual(['agent: I will call you in five minutes.']);
  });

  it('refuses at once what the service would refuse: by e-mail without an address, a closed request', async () => {
    const { service, core } = await started();
    const request = await createRequest(service.admin, 'No address');
    await core.until(async () => (await core.rows()).length === 1, 'the request');
    expect(
      await core.call('requests.sendMessage', { requestId: request.id, text: 'Hi', byEmail: true }),
    ).toMatchObject({ ok: false, error: { code: 'no_recipient_email' } });
    expectStatus(await service.admin.post(`/requests/${request.id}/close`, {}), 200);
    await core.until(async () => (await core.rows({ view: { type: 'past' } })).length === 1, 'the close');
    expect(
      await core.call('requests.sendMessage', { requestId: request.id, text: 'Hi', byEmail: false }),
    ).toMatchObject({ ok: false, error: { code: 'request_closed' } });
    expect(await messages(service, request.id)).toEqual([]);
  });

  it('counts the end user’s messages as unread until read, and notifies unless the request is on screen', async () => {
    const { service, core } = await started();
    const request = await createRequest(service.admin, 'Ana');
    await core.until(async () => (await core.rows()).length === 1, 'the request');
    const unread = async () => (await core.rows())[0]!.unread;

    await endUserWrites(service, request, 'Hello?');
    await endUserWrites(service, request, 'Anyone there?');
    await core.until(async () => (await unread()) === 2, 'two unread messages');
    const said = () => core.eventsNamed('notification').filter((n) => n.kind === 'message');
    await core.until(() => said().length > 0, 'the notification');
    expect(said()[0]).toMatchObject({ requestId: request.id, title: 'Ana wrote to you' });

    await core.invoke('requests.markRead', { requestId: request.id });
    expect(await unread()).toBe(0);

    // On screen: counted (the chat marks it read) but not notified.
    await core.invoke('requests.setOnScreen', { requestId: request.id });
    const before = said().length;
    await endUserWrites(service, request, 'Still here');
    await core.until(async () => (await unread()) === 1, 'one unread message');
    expect(said()).toHaveLength(before);
    await core.invoke('requests.setOnScreen', { requestId: null });
  });

  it('reads and replaces the canned messages, and offers the last ones read offline', async () => {
    const { core } = await started();
    expect(await core.invoke('cannedMessages.list', {})).toEqual({ messages: [] });
    const saved = await core.invoke('admin.replaceCannedMessages', {
      messages: [
        { name: 'readid', texts: { en: 'Please read me the ID.', es: 'Por favor, léame el ID.' } },
        { name: 'hello', texts: { en: 'Hello!' } },
      ],
    });
    expect(saved.messages.map((m) => m.name)).toEqual(['hello', 'readid']);
    expect(
      await core.call('admin.replaceCannedMessages', { messages: [{ name: 'a b', texts: {} }] }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    await t!.stop();
    await core.until(async () => (await core.invoke('connection.get', {})).state !== 'live', 'the drop');
    expect(await core.invoke('cannedMessages.list', {})).toEqual(saved);
  });
});
