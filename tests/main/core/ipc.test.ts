/**
 * The IPC contract's main side, through the real core: every payload is checked before anything runs,
 * refusals carry stable codes and a person's message, policy locks settings, deep links navigate, and
 * live changes turn into notifications.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FORM } from '../../support/requests';
import {
  ADMIN,
  createAgent,
  startTestService,
  tokenOf,
  type TestService,
} from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

describe('the IPC contract at the core', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;
  const folders: string[] = [];

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    core = t = undefined;
  });

  it('rejects unknown commands and bad payloads with invalid_input naming the field', async () => {
    core = await TestCore.start();
    expect(await core.core.invoke('nope', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(await core.core.invoke({ toString: () => 'x' }, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(await core.core.invoke('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });

    const cases: [string, unknown, string][] = [
      ['account.signIn', { email: 'not-an-email', password: 'x' }, 'email'],
      ['account.signIn', { email: 'a@example.com', password: '' }, 'password'],
      ['account.signIn', { email: 'a@example.com', password: 'x', extra: true }, 'extra'],
      ['requests.query', { view: { type: 'channel', channelId: 'x' } }, 'view.channelId'],
      ['requests.query', { view: { type: 'all' }, limit: 100_000 }, 'limit'],
      ['requests.query', { view: { type: 'all' }, statuses: ['nope'] }, 'statuses.0'],
      ['requests.get', { requestId: '../../etc/passwd' }, 'requestId'],
      ['requests.create', { recipientName: '' }, 'recipientName'],
      ['requests.create', { recipientName: 'A', sendInvitation: true }, 'recipientEmail'],
      ['requests.create', { recipientName: 'x'.repeat(121) }, 'recipientName'],
      ['requests.addNote', { requestId: '00000000-0000-4000-8000-000000000000', text: ' ' }, 'text'],
      [
        'requests.act',
        { requestId: '00000000-0000-4000-8000-000000000000', action: { type: 'explode' } },
        'action.type',
      ],
      ['requests.join', { sessionCode: '123' }, 'sessionCode'],
      ['settings.update', { theme: 'neon' }, 'theme'],
      ['settings.update', { serverUrl: 'ftp://example.com' }, 'serverUrl'],
    ];
    for (const [name, input, field] of cases) {
      const result = await core.core.invoke(name, input);
      expect(result, `${name} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      if (!result.ok)
        expect(
          result.error.fields?.map((f) => f.field),
          name,
        ).toContain(field);
    }
    // Not signed in: reads say so rather than answering empty.
    expect(await core.call('requests.query', { view: { type: 'all' } })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it('says why a sign-in failed: wrong password, no service there', async () => {
    t = await startTestService();
    core = await TestCore.start();
    const wrong = await core.call('account.signIn', {
      serverUrl: t.url,
      email: ADMIN.email,
      password: 'wrong password',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    const nowhere = await core.call('account.signIn', { serverUrl: 'http://127.0.0.1:9', ...ADMIN });
    expect(nowhere).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (!nowhere.ok) expect(nowhere.error.message).toMatch(/cannot be reached/);
    expect(await core.invoke('account.get', {})).toBeNull();
  });

  it('lets a policy file set and lock settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-policy-'));
    folders.push(dir);
    const policyFile = join(dir, 'policy.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        ServerUrl: 'https://support.example.com',
        RemoteClient: 'anydesk',
        AllowedRemoteClients: ['anydesk', 'rdp'],
      }),
    );
    core = await TestCore.start({ env: { SESSIONDESK_POLICY_FILE: policyFile } });

    const view = await core.invoke('settings.get', {});
    expect(view.values).toMatchObject({ serverUrl: 'https://support.example.com', remoteClient: 'anydesk' });
    expect(view.locked.serverUrl).toMatch(/policy \(ServerUrl\)/);
    expect(view.remoteClients.map((c) => c.id)).toEqual(['anydesk', 'rdp']);
    expect(await core.call('settings.update', { remoteClient: 'rdp' })).toMatchObject({
      ok: false,
      error: { code: 'setting_locked', fields: [{ field: 'remoteClient' }] },
    });
    // What the policy does not set stays the agent's.
    expect((await core.invoke('settings.update', { theme: 'dark' })).values.theme).toBe('dark');
  });

  it('navigates for sessiondesk:// links and ignores anything else', async () => {
    core = await TestCore.start();
    const id = '6f1c2a5e-8d0b-4b7a-9c3e-2f4a5b6c7d8e';
    expect(core.core.openDeepLink(`sessiondesk://request/${id}`)).toBe(true);
    expect(core.core.openDeepLink('sessiondesk://join/1234-5678')).toBe(true);
    expect(core.core.openDeepLink('sessiondesk://request/not-an-id')).toBe(false);
    expect(core.core.openDeepLink('https://example.com/request/1')).toBe(false);
    expect(core.eventsNamed('navigate')).toEqual([{ requestId: id }, { sessionCode: '12345678' }]);
  });

  it('notifies the assignee when their request becomes Waiting, then Ready', async () => {
    t = await startTestService();
    const agent = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, { email: agent.agent.email, password: 'a long enough password' });
    await core.untilLive();

    const created = await core.invoke('requests.create', {
      recipientName: 'Nora Notify',
      channelId: t.supportChannel.id,
    });
    const link = (await core.invoke('requests.get', { requestId: created.rowId }))!.request.link;
    await t.api.call('GET', `/j/${tokenOf(link)}`);
    await t.api.call('POST', `/j/${tokenOf(link)}/allow`, 'remoteId=123456789', FORM);
    await core.until(() => core!.eventsNamed('notification').length >= 2, 'two notifications');
    expect(core.eventsNamed('notification').map((n) => [n.kind, n.requestId, n.title])).toEqual([
      ['waiting', created.rowId, 'Nora Notify opened the link'],
      ['ready', created.rowId, 'Nora Notify is ready'],
    ]);

    // Turned off in the settings: no more.
    await core.invoke('settings.update', { notifications: false });
    const second = await core.invoke('requests.create', {
      recipientName: 'Quiet',
      channelId: t.supportChannel.id,
    });
    const quietLink = (await core.invoke('requests.get', { requestId: second.rowId }))!.request.link;
    await t.api.call('GET', `/j/${tokenOf(quietLink)}`);
    await core.until(
      async () =>
        (await core!.invoke('requests.get', { requestId: second.rowId }))!.request.status === 'waiting',
      'waiting',
    );
    expect(core.eventsNamed('notification')).toHaveLength(2);
  });
});
