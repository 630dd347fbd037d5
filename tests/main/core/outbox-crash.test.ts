/**
 * Exactly once across a crash: the client process is killed after the service has taken a create (and,
 * separately, a note) but before the answer reaches it. Started again on the same data folder, it sends
 * the entry again with the same idempotency key; the service answers the first result and nothing is
 * made twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequest, timeline } from '../../support/requests';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { CoreProcess } from '../support/core-process';
import { CuttingProxy } from '../support/cutting-proxy';

describe('the outbox across a crash between sending and the answer', () => {
  let t: TestService | undefined;
  let proxy: (CuttingProxy & { url: string }) | undefined;
  const processes: CoreProcess[] = [];
  const folders: string[] = [];

  afterEach(async () => {
    for (const p of processes.splice(0)) await p.kill();
    await proxy?.stop();
    await t?.cleanup();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    proxy = t = undefined;
  });

  async function untilLive(core: CoreProcess): Promise<void> {
    const deadline = Date.now() + 20_000;
    while ((await core.invoke('connection.get', {})).state !== 'live') {
      if (Date.now() > deadline) throw new Error('the core did not go live');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('creates one request and writes one note', async () => {
    // The service's clock is real time here: the child process's core reads the real clock.
    t = await startTestService({ clock: { now: () => Date.now() } as never });
    proxy = await CuttingProxy.start(t.url);
    const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-crash-core-'));
    folders.push(dataDir);
    const existing = await createRequest(t.admin, 'Has notes');

    const first = await CoreProcess.start(dataDir);
    processes.push(first);
    await first.invoke('account.signIn', { serverUrl: proxy.url, ...ADMIN });
    await untilLive(first);

    // 1. A create: the service takes it, the client is killed before it hears so.
    proxy.cutWhen = (r) => r.method === 'POST' && r.url === '/api/v1/requests';
    proxy.onCut = () => first.kill();
    const answer = first.call('requests.create', { recipientName: 'Created once' });
    await first.exited;
    void answer; // never settles: the process is gone
    expect(proxy.cuts).toEqual(['POST /api/v1/requests → 201']);
    const made = () =>
      t!.admin.get('/requests?q=Created%20once&limit=50').then((r) => r.body.requests.length as number);
    expect(await made()).toBe(1);

    // Started again, it sends the entry again with its key: still one request, and the row is the service's.
    const second = await CoreProcess.start(dataDir);
    processes.push(second);
    await untilLive(second);
    // The catch-up may bring the service's row before the outbox has sent the entry again (a loaded machine):
    // for that moment the queued row and the service's both show, until the answer replaces the first.
    await until(async () => {
      const page = await second.invoke('requests.query', { view: { type: 'all' } });
      const rows = page.rows.filter((r) => r.recipientName === 'Created once');
      return rows.length === 1 && rows[0]!.pending === null;
    }, 'the create to be sent again, its queued row replaced by the service’s');
    expect(await made()).toBe(1);
    const page = await second.invoke('requests.query', { view: { type: 'all' } });
    expect(page.rows.filter((r) => r.recipientName === 'Created once')).toHaveLength(1);
    expect(page.rows.some((r) => r.id.startsWith('local:'))).toBe(false);

    // 2. A note, the same way.
    proxy.cutWhen = (r) => r.method === 'POST' && r.url === `/api/v1/requests/${existing.id}/notes`;
    proxy.onCut = () => second.kill();
    void second.call('requests.addNote', { requestId: existing.id, text: 'Written once' });
    await second.exited;
    const notes = async () => (await timeline(t!.admin, existing.id)).filter((e) => e.type === 'note').length;
    expect(await notes()).toBe(1);

    const third = await CoreProcess.start(dataDir);
    processes.push(third);
    await untilLive(third);
    await until(async () => {
      const details = await third.invoke('requests.get', { requestId: existing.id });
      return (
        details!.timeline.some((e) => e.event.type === 'note' && e.pending === null) &&
        details!.timeline.every((e) => e.pending === null)
      );
    }, 'the note to be sent again and land');
    expect(await notes()).toBe(1);
    await third.stop();
  }, 90_000);
});
