/**
 * Sessions whose end the app cannot see (issue 12, item 9), in the core against the real service (a
 * proxy in front of it lists what the core sends): a disconnect owed when the remote-control client
 * exited while the service was away survives the app quitting and is said once after the restart — and
 * not at all when the request was closed meanwhile; a session started before a restart is ended with
 * End session, while Connect says the agent is connected already.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFileFor } from '../support/cache-file';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { recorderDir, type RecorderDir } from '../handoff/recorder';
import { TestCore } from '../support/core-harness';
import { CuttingProxy } from '../support/cutting-proxy';
import { readyRequest, timelineCount, untilStatus } from '../support/ready-request';

describe('ending sessions the app cannot watch', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;
  let recorder: RecorderDir | undefined;
  let proxy: (CuttingProxy & { url: string }) | undefined;
  /** What the core sent through the proxy: "POST /api/v1/requests/…/disconnect". */
  let sent: string[] = [];

  afterEach(async () => {
    await core?.cleanup();
    await proxy?.stop();
    await t?.cleanup();
    recorder?.remove();
    core = t = recorder = proxy = undefined;
    sent = [];
  });

  const exitFile = () => join(recorder!.dir, 'exit-now');
  const now = () => t!.clock.now();

  /** The service behind a proxy that lists requests, a core signed in through it, a recorder as the client. */
  async function start(): Promise<void> {
    t = await startTestService();
    proxy = await CuttingProxy.start(t.url);
    proxy.cutWhen = (request) => {
      sent.push(`${request.method} ${request.url}`);
      return false;
    };
    recorder = recorderDir();
    const program = recorder.install('bin/viewer');
    core = await TestCore.start({ now, env: recorder.env({ SESSIONDESK_RECORD_WAIT_FOR: exitFile() }) });
    await core.signIn(proxy.url, ADMIN);
    await core.untilLive();
    await core.invoke('settings.update', {
      remoteClient: 'custom',
      customCommand: `"${program}" --connect {remoteId}`,
    });
  }

  /** Disconnects owed in the core's cache file, read as SQLite. */
  function owedInCache(): number {
    const db = new Database(cacheFileFor(core!.dataDir, proxy!.url, t!.adminAgent.id), {
      fileMustExist: true,
    });
    try {
      return db.prepare('SELECT count(*) FROM owed_disconnects').pluck().get() as number;
    } finally {
      db.close();
    }
  }

  const disconnectsSent = (requestId: string) =>
    sent.filter((line) => line === `POST /api/v1/requests/${requestId}/disconnect`).length;

  /** Connected; the service goes away; the client exits (owed, on disk); the app quits; the service is back. */
  async function exitWhileAwayThenQuit(requestId: string): Promise<void> {
    await core!.invoke('requests.connect', { requestId });
    await untilStatus(core!, requestId, 'connected');
    const port = new URL(t!.url).port;
    await t!.stop();
    await core!.until(async () => (await core!.invoke('connection.get', {})).state !== 'live', 'the drop');
    writeFileSync(exitFile(), '');
    await core!.until(() => existsSync(`${exitFile()}.seen`), 'the client to exit');
    await core!.until(() => owedInCache() === 1, 'the disconnect to be owed');
    await core!.stop();
    t = await t!.restart({ flags: ['--port', port] });
    expect(await timelineCount(t, requestId, 'disconnected')).toBe(0);
  }

  it('says a disconnect owed when the app quit once, after the restart', async () => {
    await start();
    const requestId = await readyRequest(core!, t!, '123 456 789');
    await exitWhileAwayThenQuit(requestId);

    core = await core!.restart({ now });
    await untilStatus(core, requestId, 'ready');
    await core.until(() => owedInCache() === 0, 'the owed disconnect to be settled');
    expect(disconnectsSent(requestId)).toBe(1);
    expect(await timelineCount(t!, requestId, 'disconnected')).toBe(1);
  });

  it('does not say it when the request was closed meanwhile', async () => {
    await start();
    const requestId = await readyRequest(core!, t!, '123 456 789');
    await exitWhileAwayThenQuit(requestId);
    expect((await t!.admin.post(`/requests/${requestId}/close`, {})).status).toBe(200);

    core = await core!.restart({ now });
    await untilStatus(core, requestId, 'closed');
    await core.until(() => owedInCache() === 0, 'the owed disconnect to be dropped');
    expect(disconnectsSent(requestId)).toBe(0);
  });

  it('after a restart Connect says the agent is connected already, and End session ends it', async () => {
    await start();
    const requestId = await readyRequest(core!, t!, '123 456 789');
    await core!.invoke('requests.connect', { requestId });
    await untilStatus(core!, requestId, 'connected');

    // The app restarts; the client it launched runs on, unwatched.
    core = await core!.restart({ now });
    await core.untilLive();
    const row = (await core.invoke('requests.get', { requestId }))!.request;
    expect(row).toMatchObject({ status: 'connected', handoff: null });
    const again = await core.call('requests.connect', { requestId });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_connected' } });
    if (!again.ok) expect(again.error.message).toMatch(/connected to this request already.*End session/);

    expect(await core.invoke('requests.disconnect', { requestId })).toBeNull();
    expect((await core.invoke('requests.get', { requestId }))!.request.status).toBe('ready');
    expect(await timelineCount(t!, requestId, 'disconnected')).toBe(1);
    // Said again (a stale window): the session is over already, which is not an error.
    expect(await core.invoke('requests.disconnect', { requestId })).toBeNull();
    expect(disconnectsSent(requestId)).toBe(1);
    writeFileSync(exitFile(), '');
  });
});
