/**
 * One running hand-off per agent per request (issue 12, item 8), in the core against the real service:
 * a second Connect while the launched client runs is refused with the reason (no second client, no
 * second "connected" in the timeline); a link hand-off is opened again instead (the OS brings its app
 * forward); and Connected goes back to Ready only when the client this agent launched for it exits —
 * not when one it stopped watching (End session) exits later.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { recorderDir, type RecorderDir } from '../handoff/recorder';
import { TestCore } from '../support/core-harness';
import { readyRequest, timelineCount, untilStatus } from '../support/ready-request';

describe('one running hand-off per request', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;
  let recorder: RecorderDir | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    recorder?.remove();
    core = t = recorder = undefined;
  });

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
    const requestId = await readyRequest(core!, t!, '123 456 789');
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
    const requestId = await readyRequest(core!, t!, '123 456 789');
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
    const requestId = await readyRequest(core!, t!, '123 456 789');
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
