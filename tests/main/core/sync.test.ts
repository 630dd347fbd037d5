/**
 * The core's sync against a real service: the first sync, live changes, requests leaving the agent's
 * view, a resync when the service can no longer serve the cursor, and a start with the service down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addMember, createChannel, createRequest, transfer } from '../../support/requests';
import { ADMIN, createAgent, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

const PASSWORD = 'a long enough password';

describe('the core syncs the agent’s requests', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    core = t = undefined;
  });

  async function signedInAdmin(): Promise<TestCore> {
    const service = t!;
    const started = await TestCore.start({ now: () => service.clock.now() });
    await started.signIn(service.url, ADMIN);
    await started.untilLive();
    return started;
  }

  it('bootstraps what the agent may see, with its timelines, and reports progress', async () => {
    t = await startTestService();
    const created = [];
    for (let i = 0; i < 25; i++)
      created.push(await createRequest(t.admin, `Recipient ${i}`, t.supportChannel.id));
    const privateOne = await createRequest(t.admin, 'Only mine');

    core = await signedInAdmin();
    const rows = await core.until(async () => {
      const all = await core!.rows();
      return all.length === 26 && all;
    }, 'the bootstrap');
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set([...created, privateOne].map((r) => r.id)));
    // Newest first by default.
    expect(rows[0]!.recipientName).toBe('Only mine');

    const progress = core.eventsNamed('sync');
    expect(progress.some((p) => p.phase === 'bootstrapping')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'live', received: 26, total: 26 });

    // The search index, rebuilt once at the end of the first sync, finds what it brought.
    // (Words match as prefixes, so a number could also match the start of a random PIN: search words.)
    expect((await core.rows({ search: 'only min' })).map((r) => r.id)).toEqual([privateOne.id]);
    expect((await core.rows({ search: privateOne.pin })).map((r) => r.id)).toEqual([privateOne.id]);
    // And keeps up with live changes afterwards (its triggers are back).
    const later = await createRequest(t.admin, 'Arrived later');
    await core.until(
      async () => (await core!.rows({ search: 'arrived' })).length === 1,
      'a live change to be searchable',
    );
    expect((await core.rows({ search: 'arrived' }))[0]!.id).toBe(later.id);

    const details = await core.invoke('requests.get', { requestId: created[3]!.id });
    expect(details?.request.recipientName).toBe('Recipient 3');
    expect(details?.timeline.map((e) => e.event.type)).toEqual(['created', 'assigned']);

    const counts = await core.invoke('requests.counts', {});
    expect(counts).toMatchObject({ all: 27, home: 27, past: 0, upcoming: 0 });
    expect(counts.channels[t.supportChannel.id]).toBe(25);
  });

  it('applies changes made at the service live, and finds them by search', async () => {
    t = await startTestService();
    core = await signedInAdmin();
    const before = core.eventsNamed('requests').length;

    const made = await createRequest(t.admin, 'Zoë Quinn', undefined, {
      recipientEmail: 'zoe@example.com',
      comments: 'Printer on floor 3',
    });
    await core.until(
      async () => (await core!.invoke('requests.get', { requestId: made.id }))?.request,
      'the new request',
    );
    expect(core.eventsNamed('requests').length).toBeGreaterThan(before);

    const search = async (text: string) => (await core!.rows({ search: text })).map((r) => r.recipientName);
    expect(await search('zoe')).toEqual(['Zoë Quinn']); // diacritics folded
    expect(await search('floor 3')).toEqual(['Zoë Quinn']);
    expect(await search('zoe@exam')).toEqual(['Zoë Quinn']);
    expect(await search(made.pin.replace(/(\d{3})(?=\d)/g, '$1 '))).toEqual(['Zoë Quinn']);
    expect(await search('printer nothere')).toEqual([]);
    expect(await search('"AND*')).toEqual([]); // typed syntax is text, not an FTS5 error

    await t.admin.post(`/requests/${made.id}/close`, {});
    await core.until(async () => (await core!.rows({ view: { type: 'past' } })).length === 1, 'the close');
    expect(await core.rows()).toEqual([]);
  });

  it('removes a request that moves to a channel the agent cannot see', async () => {
    t = await startTestService();
    const agent = await createAgent(t, { channels: [{ id: t.supportChannel.id, canRelease: true }] });
    const elsewhere = await createChannel(t); // the agent is not a member
    const request = await createRequest(t.admin, 'Moving away', t.supportChannel.id);

    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, { email: agent.agent.email, password: PASSWORD });
    await core.until(async () => (await core!.rows()).length === 1, 'the request to arrive');

    await transfer(t.admin, request.id, elsewhere.id);
    await core.until(async () => (await core!.rows()).length === 0, 'the request to leave');
    expect(await core.invoke('requests.get', { requestId: request.id })).toBeNull();
  });

  it('resyncs when its access changes, keeping rows shown until the new ones are in', async () => {
    t = await startTestService();
    const agent = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const second = await createChannel(t, [agent]);
    await createRequest(t.admin, 'In Support', t.supportChannel.id);
    await createRequest(t.admin, 'In second', second.id);

    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, { email: agent.agent.email, password: PASSWORD });
    await core.until(async () => (await core!.rows()).length === 2, 'both requests');

    // Removing the membership changes what the agent may see: the service asks for a resync.
    await t.admin.delete(`/channels/${second.id}/members/${agent.agent.id}`);
    await core.until(async () => {
      const rows = await core!.rows();
      return rows.length === 1 && rows[0]!.recipientName === 'In Support';
    }, 'the resync');
    expect((await core.rows({ search: 'support' })).map((r) => r.recipientName)).toEqual(['In Support']);
    expect(await core.rows({ search: 'second' })).toEqual([]);
    expect(core.eventsNamed('sync').some((p) => p.phase === 'resyncing')).toBe(true);

    // And back: the channel's request returns.
    await addMember(t, second.id, agent);
    await core.until(async () => (await core!.rows()).length === 2, 'the channel to come back');
  });

  it('finishes a first sync in small pages for an agent whose access changed after its requests', async () => {
    t = await startTestService();
    const agent = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const second = await createChannel(t);
    const requests = [];
    for (let i = 0; i < 5; i++)
      requests.push(await createRequest(t.admin, `Support ${i}`, t.supportChannel.id));
    requests.push(await createRequest(t.admin, 'In second', second.id));
    // Every request comes before the change of access: each page of 2 but the last ends below it.
    await addMember(t, second.id, agent);

    const service = t;
    core = await TestCore.start({
      now: () => service.clock.now(),
      connection: { backoff: { baseMs: 100, maxMs: 500 }, startJitterMs: 0, syncPageSize: 2 },
    });
    await core.signIn(t.url, { email: agent.agent.email, password: PASSWORD });
    await core.untilLive();
    expect(new Set((await core.rows()).map((r) => r.id))).toEqual(new Set(requests.map((r) => r.id)));
    // In one go: the bootstrap did not start over.
    const progress = core.eventsNamed('sync');
    expect(progress.filter((p) => p.phase === 'bootstrapping' && p.received === 0)).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ phase: 'live', received: 6, total: 6 });
  });

  it('starts with the service down: cached requests are there, searchable, and it says offline', async () => {
    t = await startTestService();
    await createRequest(t.admin, 'Alice Offline', undefined, { comments: 'VPN does not connect' });
    await createRequest(t.admin, 'Bob Cached');
    core = await signedInAdmin();
    await core.until(async () => (await core!.rows()).length === 2, 'the bootstrap');
    await t.stop();

    const service = t;
    core = await core.restart({ now: () => service.clock.now() });
    const account = await core.invoke('account.get', {});
    expect(account?.agent.email).toBe(ADMIN.email);
    expect((await core.rows()).map((r) => r.recipientName).sort()).toEqual(['Alice Offline', 'Bob Cached']);
    expect((await core.rows({ search: 'vpn' })).map((r) => r.recipientName)).toEqual(['Alice Offline']);
    const offline = await core.until(async () => {
      const state = await core!.invoke('connection.get', {});
      return state.state === 'offline' && state;
    }, 'the offline state');
    expect(offline.reason).toMatch(/cannot be reached/);

    // Actions that need the live state are refused with the reason.
    const row = (await core.rows())[0]!;
    const refused = await core.call('requests.act', { requestId: row.id, action: { type: 'close' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'offline' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/Closing needs the live state/);
  });
});
