/**
 * Connect, end to end in the core: a Ready request, a recorder program as the custom remote-control
 * client. The core launches it with the argument list from the template (no shell), the service records
 * Connected, and when the program exits the request is Ready again.
 *
 * One running hand-off per agent per request: a second Connect while the launched client runs is
 * refused with the reason (no second client, no second "connected" in the timeline); a link hand-off is
 * opened again instead (the OS brings its app forward); and Connected goes back to Ready only when the
 * client this agent launched for it exits — not when one it stopped watching (End session) exits later.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { recorderDir, type RecorderDir } from '../handoff/recorder';
import { TestCore } from '../support/core-harness';
import { readyRequest as readyFor, timelineCount, untilStatus } from '../support/ready-request';

describe('Connect hands off to the remote-control client', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;
  let recorder: RecorderDir | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    recorder?.remove();
    core = t = recorder = undefined;
  });

  const readyRequest = (remoteId: string | null) => readyFor(core!, t!, remoteId);
  const status = (requestId: string, expected: string) => untilStatus(core!, requestId, expected);

  it('launches the client with the template’s arguments, records Connected, and Ready when it exits', async () => {
    t = await startTestService();
    recorder = recorderDir();
    const program = recorder.install('bin/my client');
    const exitFile = join(recorder.dir, 'exit-now');
    const service = t;
    core = await TestCore.start({
      now: () => service.clock.now(),
      env: recorder.env({ SESSIONDESK_RECORD_WAIT_FOR: exitFile }),
    });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();
    const requestId = await readyRequest('123 456 789');

    await core.invoke('settings.update', {
      remoteClient: 'custom',
      customCommand: `"${program}" --connect {remoteId} "two words" '$HOME;rm -rf /'`,
    });
    const launched = await core.invoke('requests.connect', { requestId });
    expect(launched).toEqual({ client: 'Custom command', launched: 'process', again: false });
    await status(requestId, 'connected');
    await core.until(() => recorder!.runs().length === 1, 'the client to start');
    expect(recorder.runs()).toEqual([['--connect', '123456789', 'two words', '$HOME;rm -rf /']]);

    writeFileSync(exitFile, '');
    await status(requestId, 'ready');
    const events = (await core.invoke('requests.get', { requestId }))!.timeline.map((e) => e.event.type);
    expect(events).toEqual(expect.arrayContaining(['connected', 'disconnected']));
  });

  it('refuses before launching: an ID the client cannot take, a client that is not installed, a closed request', async () => {
    t = await startTestService();
    recorder = recorderDir();
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now(), env: recorder.env() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();

    const alias = await readyRequest('helpdesk-pc');
    await core.invoke('settings.update', {
      remoteClient: 'teamviewer',
      remoteClientPath: recorder.install('tv'),
    });
    const wrongShape = await core.call('requests.connect', { requestId: alias });
    expect(wrongShape).toMatchObject({ ok: false, error: { code: 'invalid_remote_id' } });
    if (!wrongShape.ok) expect(wrongShape.error.message).toMatch(/TeamViewer/);

    const withId = await readyRequest('123456789');
    await core.invoke('settings.update', {
      remoteClient: 'rustdesk',
      remoteClientPath: join(recorder.dir, 'missing', 'rustdesk'),
    });
    const missing = await core.call('requests.connect', { requestId: withId });
    expect(missing).toMatchObject({ ok: false, error: { code: 'client_not_found' } });
    if (!missing.ok) expect(missing.error.message).toMatch(/RustDesk.*Settings/);

    // Not Ready any more: refused by the shared rules, before anything is launched.
    await t.admin.post(`/requests/${withId}/close`, {});
    await status(withId, 'closed');
    const closed = await core.call('requests.connect', { requestId: withId });
    expect(closed).toMatchObject({ ok: false, error: { code: 'request_closed' } });
    expect(recorder.runs()).toEqual([]);
  });

  it('says the end user has not entered their ID yet when the join page did not ask for one', async () => {
    t = await startTestService({ flags: ['--remote-id-required', 'false'] });
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();
    const requestId = await readyRequest(null);
    const refused = await core.call('requests.connect', { requestId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no_remote_id' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/has not entered their RustDesk ID/);
  });

  // One running hand-off per agent per request (issue 12, item 8).

  /** A core whose custom client is a recorder that runs until the file named by its last argument exists. */
  async function start(openUri?: (uri: string) => Promise<void>): Promise<void> {
    t = await startTestService();
    recorder = recorderDir();
    const service = t;
    core = await TestCore.start({
      now: () => service.clock.now(),
      env: recorder.env({ SESSIONDESK_RECORD_WAIT_FOR_LAST_ARG: '1' }),
      ...(openUri ? { openUri } : {}),
    });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();
  }

  /** The file that ends run `n` of the recorder. */
  const endOf = (n: number) => join(recorder!.dir, `end-${n}`);

  /** Sets the custom command to a recorder run that ends when `endOf(n)` is written. */
  async function useRun(n: number): Promise<void> {
    const program = recorder!.install('bin/viewer');
    await core!.invoke('settings.update', {
      remoteClient: 'custom',
      customCommand: `"${program}" --connect {remoteId} "${endOf(n)}"`,
    });
  }

  /** Ends run `n` and waits until its process is gone (its exit has reached the core, in this process). */
  async function endRun(n: number): Promise<void> {
    await core!.until(() => existsSync(`${endOf(n)}.pid`), `run ${n} to start`);
    const pid = Number(readFileSync(`${endOf(n)}.pid`, 'utf8'));
    writeFileSync(endOf(n), '');
    await core!.until(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, `run ${n} to exit`);
  }

  const details = async (requestId: string) => (await core!.invoke('requests.get', { requestId }))!.request;

  it('refuses a second Connect while the client runs, and is Ready once it exits', async () => {
    await start();
    const requestId = await readyRequest('123 456 789');
    await useRun(1);
    expect(await core!.invoke('requests.connect', { requestId })).toEqual({
      client: 'Custom command',
      launched: 'process',
      again: false,
    });
    await untilStatus(core!, requestId, 'connected');
    expect((await details(requestId)).handoff).toEqual({ kind: 'process', client: 'Custom command' });

    // Again, even with another command set meanwhile: refused, saying why.
    await useRun(2);
    const second = await core!.call('requests.connect', { requestId });
    expect(second).toEqual({
      ok: false,
      error: {
        code: 'already_running',
        params: { client: 'Custom command' },
        message:
          'Custom command is already running for this request: switch to its window. Choose End session when you are done.',
      },
    });
    expect(await timelineCount(t!, requestId, 'connected')).toBe(1);

    await endRun(1);
    await untilStatus(core!, requestId, 'ready');
    expect((await details(requestId)).handoff).toBeNull();
    expect(recorder!.runs()).toHaveLength(1);
    expect(await timelineCount(t!, requestId, 'disconnected')).toBe(1);
  });

  it('after End session, the client it stopped watching ends nothing when it exits', async () => {
    await start();
    const requestId = await readyRequest('123 456 789');
    await useRun(1);
    await core!.invoke('requests.connect', { requestId });
    await untilStatus(core!, requestId, 'connected');

    // End session: Ready at once; run 1 keeps running (it may hold other sessions), unwatched.
    expect(await core!.invoke('requests.disconnect', { requestId })).toEqual({
      kind: 'process',
      client: 'Custom command',
    });
    expect(await details(requestId)).toMatchObject({ status: 'ready', handoff: null });

    await useRun(2);
    await core!.invoke('requests.connect', { requestId });
    await untilStatus(core!, requestId, 'connected');

    // Run 1 exits: the session of run 2 goes on.
    await endRun(1);
    expect(await details(requestId)).toMatchObject({
      status: 'connected',
      handoff: { kind: 'process', client: 'Custom command' },
    });
    // Run 2 exits: now it is over.
    await endRun(2);
    await untilStatus(core!, requestId, 'ready');
    expect(await timelineCount(t!, requestId, 'connected')).toBe(2);
    expect(await timelineCount(t!, requestId, 'disconnected')).toBe(2);
  });

  it('opens a link hand-off again instead of launching and connecting a second time', async () => {
    const opened: string[] = [];
    await start((uri) => {
      opened.push(uri);
      return Promise.resolve();
    });
    const requestId = await readyRequest('123 456 789');
    await core!.invoke('settings.update', {
      remoteClient: 'custom',
      customCommand: 'teamviewer10://control?device={remoteId}',
    });
    const uri = 'teamviewer10://control?device=123456789';

    expect(await core!.invoke('requests.connect', { requestId })).toEqual({
      client: 'Custom command',
      launched: 'uri',
      again: false,
    });
    await untilStatus(core!, requestId, 'connected');
    expect((await details(requestId)).handoff).toEqual({ kind: 'uri', client: 'Custom command' });

    expect(await core!.invoke('requests.connect', { requestId })).toEqual({
      client: 'Custom command',
      launched: 'uri',
      again: true,
    });
    expect(opened).toEqual([uri, uri]);
    expect(await timelineCount(t!, requestId, 'connected')).toBe(1);

    // A link reports no exit: End session says the session is over.
    expect(await core!.invoke('requests.disconnect', { requestId })).toEqual({
      kind: 'uri',
      client: 'Custom command',
    });
    expect(await details(requestId)).toMatchObject({ status: 'ready', handoff: null });
    expect(await timelineCount(t!, requestId, 'disconnected')).toBe(1);
  });
});
