/**
 * A request's ticket in the agent client, against a real service: given on create, set by an integration
 * (the stream brings it), changed and cleared from the client (PATCH), found by the search by its id and
 * system, opened in the browser by its own address; refused, with the shared rule's reason, to an agent
 * who may not manage the request, and offline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectStatus } from '../../support/api-client';
import { ADMIN, createAgent, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

describe('the ticket of a request, in the client', () => {
  let t: TestService | undefined;
  const cores: TestCore[] = [];

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.cleanup();
    await t?.cleanup();
    t = undefined;
  });

  async function signedIn(credentials: { email: string; password: string }, opened: string[] = []) {
    const service = t!;
    const core = await TestCore.start({
      now: () => service.clock.now(),
      openUri: (uri) => {
        opened.push(uri);
        return Promise.resolve();
      },
    });
    cores.push(core);
    await core.signIn(service.url, credentials);
    await core.untilLive();
    await core.until(async () => (await core.invoke('sync.get', {})).phase === 'live', 'the first sync');
    return core;
  }

  it('is given on create, follows the service, is found by the search and opens its address', async () => {
    t = await startTestService();
    const opened: string[] = [];
    const core = await signedIn(ADMIN, opened);
    const found = async (search: string) => (await core.rows({ search })).map((row) => row.id);

    const created = await core.invoke('requests.create', {
      recipientName: 'Ana Lopez',
      comments: '',
      channelId: t.supportChannel.id,
      externalRef: { system: 'Freshservice', id: 'INC-1042', url: 'https://help.acme.example/tickets/1042' },
    });
    expect(created.queued).toBe(false);
    const id = created.rowId;
    const row = await core.invoke('requests.get', { requestId: id });
    expect(row?.request.externalRef).toEqual({
      system: 'freshservice',
      id: 'INC-1042',
      url: 'https://help.acme.example/tickets/1042',
    });
    expect(await found('INC-1042')).toEqual([id]);
    expect(await found('1042')).toEqual([id]);
    expect(await found('freshservice')).toEqual([id]);

    await core.invoke('requests.openTicket', { requestId: id });
    expect(opened).toEqual(['https://help.acme.example/tickets/1042']);

    // An integration (here the admin's own token) changes it at the service: the stream brings it.
    expectStatus(
      await t.admin.patch(`/requests/${id}`, {
        externalRef: { system: 'servicenow', id: 'INC0020001', url: null },
      }),
      200,
    );
    await core.until(async () => (await found('INC0020001')).includes(id), 'the changed ticket');
    expect(await found('INC-1042')).toEqual([]);
    const details = await core.invoke('requests.get', { requestId: id });
    expect(details!.timeline.map((entry) => entry.event.type)).toContain('external_ref_changed');
    // No address: nothing to open.
    const none = await core.call('requests.openTicket', { requestId: id });
    expect(none.ok ? null : none.error.code).toBe('not_found');

    // Changed from the client: the answer is in the cache at once.
    const changed = await core.invoke('requests.setTicket', {
      requestId: id,
      externalRef: { system: 'zendesk', id: '4711', url: 'http://tickets.lan/4711' },
    });
    expect(changed.externalRef).toEqual({ system: 'zendesk', id: '4711', url: 'http://tickets.lan/4711' });
    expect(await found('zendesk 4711')).toEqual([id]);
    await core.invoke('requests.openTicket', { requestId: id });
    expect(opened.at(-1)).toBe('http://tickets.lan/4711');

    const cleared = await core.invoke('requests.setTicket', { requestId: id, externalRef: null });
    expect(cleared.externalRef).toBeNull();
    expect(await found('zendesk')).toEqual([]);
    expect(await found('ana')).toEqual([id]);
  });

  it('is refused with the rule’s reason to an agent who may not manage the request, and offline', async () => {
    t = await startTestService();
    const service = t;
    const colleague = await createAgent(t, { name: 'Dan', channels: [{ id: t.supportChannel.id }] });
    const admin = await signedIn(ADMIN);
    const dan = await signedIn({ email: colleague.agent.email, password: 'a long enough password' });

    // The admin's, in the shared channel: Dan sees it but may not manage it.
    const created = await admin.invoke('requests.create', {
      recipientName: 'Assigned to the admin',
      comments: '',
      channelId: t.supportChannel.id,
    });
    await dan.until(async () => (await dan.rows()).some((row) => row.id === created.rowId), 'Dan’s copy');
    const ref = { system: 'freshservice', id: 'INC-7' };
    const refused = await dan.call('requests.setTicket', { requestId: created.rowId, externalRef: ref });
    expect(refused.ok ? null : refused.error.code).toBe('manage_required');

    // Invalid input never leaves the client.
    const invalid = await admin.call('requests.setTicket', {
      requestId: created.rowId,
      externalRef: { system: 'fresh service', id: 'INC-7', url: 'javascript:alert(1)' },
    });
    expect(invalid.ok ? null : invalid.error.fields?.map((issue) => issue.field).sort()).toEqual([
      'externalRef.system',
      'externalRef.url',
    ]);

    await service.stop();
    await admin.until(
      async () => (await admin.invoke('connection.get', {})).state !== 'live',
      'the connection to drop',
    );
    const offline = await admin.call('requests.setTicket', { requestId: created.rowId, externalRef: ref });
    expect(offline.ok ? null : offline.error.code).toBe('offline');
  });
});
