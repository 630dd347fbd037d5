/**
 * Creating a request and adding a note while the service is away: shown at once as pending, sent in
 * order exactly once when it is back, and a refusal shown on the row with the service's words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRequest, timeline } from '../../support/requests';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

describe('the offline outbox', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    core = t = undefined;
  });

  /** The service stopped and started again on the same port (as after an outage). */
  async function outage(service: TestService, during: () => Promise<void>): Promise<TestService> {
    const port = new URL(service.url).port;
    await service.stop();
    await core!.until(async () => (await core!.invoke('connection.get', {})).state !== 'live', 'the drop');
    await during();
    return service.restart({ flags: ['--port', port] });
  }

  it('queues creates and notes offline, then sends each exactly once, in order', async () => {
    t = await startTestService();
    const existing = await createRequest(t.admin, 'Already there');
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();
    await core.until(async () => (await core!.rows()).length === 1, 'the bootstrap');

    t = await outage(t, async () => {
      for (const name of ['First offline', 'Second offline']) {
        const created = await core!.invoke('requests.create', {
          recipientName: name,
          comments: 'made offline',
        });
        expect(created.queued).toBe(true);
        expect(created.rowId).toMatch(/^local:/);
      }
      const rows = await core!.rows();
      expect(rows.filter((r) => r.pending).map((r) => [r.recipientName, r.pending!.state])).toEqual([
        ['Second offline', 'queued'],
        ['First offline', 'queued'],
      ]);
      await core!.invoke('requests.addNote', { requestId: existing.id, text: 'Left a voicemail' });
      const details = await core!.invoke('requests.get', { requestId: existing.id });
      expect(details!.timeline.at(-1)).toMatchObject({
        event: { type: 'note', data: { text: 'Left a voicemail' } },
        pending: { state: 'queued' },
      });
    });

    await core.until(
      async () => (await core!.rows()).every((r) => r.pending === null) && (await core!.rows()).length === 3,
      'the outbox to drain',
    );
    const rows = await core.rows();
    expect(rows.map((r) => r.id).some((id) => id.startsWith('local:'))).toBe(false);
    // Sent in the order made: the first has the lower seq.
    const first = rows.find((r) => r.recipientName === 'First offline')!;
    const second = rows.find((r) => r.recipientName === 'Second offline')!;
    expect(first.seq).toBeLessThan(second.seq);
    expect(first.pin).toMatch(/^\d{9}$/);

    const listed = (await t.admin.get(`/requests?q=offline&limit=50`)).body.requests;
    expect(listed).toHaveLength(2);
    const notes = (await timeline(t.admin, existing.id)).filter((e) => e.type === 'note');
    expect(notes.map((n) => n.data['text'])).toEqual(['Left a voicemail']);
    // The pending note gave way to the service's.
    await core.until(async () => {
      const details = await core!.invoke('requests.get', { requestId: existing.id });
      return (
        details!.timeline.every((e) => e.pending === null) &&
        details!.timeline.some((e) => e.event.type === 'note')
      );
    }, 'the note to land');
  });

  it('shows the service’s refusal on the row, and forgets it when dismissed', async () => {
    t = await startTestService();
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();

    t = await outage(t, async () => {
      await core!.invoke('requests.create', {
        recipientName: 'Assigned to nobody',
        assignTo: { type: 'agent', agentId: '00000000-0000-4000-8000-000000000000' },
      });
    });
    const rejected = await core.until(async () => {
      const row = (await core!.rows())[0];
      return row?.pending?.state === 'rejected' && row;
    }, 'the rejection');
    // Kept with its fields' codes, so the row can say it in the agent's language after a restart too.
    expect(rejected.pending!.error).toMatchObject({
      code: 'invalid_input',
      fields: [{ field: 'assignTo.agentId', code: 'unknown_agent', message: 'There is no such agent.' }],
    });
    expect(rejected.pending!.error!.message).toMatch(/There is no such agent/);

    await core.invoke('outbox.discard', { outboxId: rejected.pending!.outboxId });
    expect(await core.rows()).toEqual([]);
  });

  it('online, a create answers with the service’s request, or its refusal beside the fields', async () => {
    t = await startTestService();
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();

    const created = await core.invoke('requests.create', { recipientName: 'Online one' });
    expect(created.queued).toBe(false);
    const details = await core.invoke('requests.get', { requestId: created.rowId });
    expect(details!.request).toMatchObject({ recipientName: 'Online one', pending: null });
    expect(details!.request.link).toMatch(/\/j\//);

    const refused = await core.call('requests.create', {
      recipientName: 'Nobody',
      assignTo: { type: 'agent', agentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ field: 'assignTo.agentId' }] },
    });
    // No rejected row is left behind: the dialog showed the refusal.
    expect((await core.rows()).map((r) => r.recipientName)).toEqual(['Online one']);

    const late = await core.call('requests.create', {
      recipientName: 'Too late',
      expiresAt: new Date(t.clock.now() - 60_000).toISOString(),
    });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ field: 'expiresAt' }] },
    });
  });
});
