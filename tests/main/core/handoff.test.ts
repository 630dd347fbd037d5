/**
 * Connect, end to end in the core: a Ready request, a recorder program as the custom remote-control
 * client. The core launches it with the argument list from the template (no shell), the service records
 * Connected, and when the program exits the request is Ready again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { recorderDir, type RecorderDir } from '../handoff/recorder';
import { TestCore } from '../support/core-harness';
import { readyRequest as readyFor, untilStatus } from '../support/ready-request';

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
});
