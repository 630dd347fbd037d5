/**
 * The language the real core speaks: the OS's the shell gives it, the agent's choice at once (the
 * settings and the connection's reason said again in it), the policy's over both, the pseudo-locale only
 * where the shell offers it, and live notifications worded in it. The pseudo-locale stands in for the
 * translations to come: its words are the English ones accented and bracketed, so a test can tell them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';
import { FORM } from '../../support/requests';
import { createAgent, startTestService, tokenOf, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

const PSEUDO_SIGNED_OUT = /^\[Ñöţ šîĝñéđ îñ\. ·+\]$/;

describe('the language the core speaks', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;
  const folders: string[] = [];

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    core = t = undefined;
  });

  /** An environment whose policy file holds `policy` (and not the machine's policy). */
  function policyEnv(policy: object): NodeJS.ProcessEnv {
    const folder = mkdtempSync(join(tmpdir(), 'sd-language-policy-'));
    folders.push(folder);
    const file = join(folder, 'policy.json');
    writeFileSync(file, JSON.stringify(policy));
    return { SESSIONDESK_POLICY_FILE: file };
  }

  it('follows the OS’s languages, and the agent’s choice at once, saying again what it said', async () => {
    core = await TestCore.start({
      env: policyEnv({}),
      systemLanguages: ['ja', 'fr-CA', 'en'],
      pseudoLanguageAvailable: true,
    });
    expect(await core.invoke('settings.get', {})).toMatchObject({
      values: { language: 'system' },
      displayLanguage: 'fr',
      systemLanguage: 'fr',
      pseudoLanguageAvailable: true,
    });

    const before = core.events.length;
    const view = await core.invoke('settings.update', { language: 'en-XA' });
    expect(view.displayLanguage).toBe('en-XA');
    // The renderer hears the new settings, then the connection's reason in the new language.
    const heard = core.events.slice(before);
    expect(heard.map((e) => e.name)).toEqual(['settings', 'connection']);
    expect(heard[0]!.payload).toMatchObject({ displayLanguage: 'en-XA' });
    expect(heard[1]!.payload).toMatchObject({
      state: 'offline',
      reason: expect.stringMatching(PSEUDO_SIGNED_OUT),
    });
    expect((await core.invoke('connection.get', {})).reason).toMatch(PSEUDO_SIGNED_OUT);

    // A change that leaves the language as it is says nothing more about the connection.
    await core.invoke('settings.update', { theme: 'dark' });
    expect(core.events.slice(before + 2).map((e) => e.name)).toEqual(['settings']);

    // Back to the OS's language, remembered across a restart.
    await core.invoke('settings.update', { language: 'system' });
    core = await core.restart();
    expect((await core.invoke('settings.get', {})).displayLanguage).toBe('fr');
    expect((await core.invoke('connection.get', {})).reason).toBe(
      translator('fr').t('shell.connection.signedOut'),
    );
  });

  it('refuses the pseudo-locale where the shell does not offer it (an installed app)', async () => {
    core = await TestCore.start({ env: policyEnv({}), systemLanguages: ['de-AT', 'en'] });
    expect((await core.invoke('settings.get', {})).displayLanguage).toBe('de');
    expect(await core.call('settings.update', { language: 'en-XA' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_setting', fields: [{ field: 'language' }] },
    });
    expect((await core.invoke('settings.get', {})).values.language).toBe('system');
  });

  it('speaks the policy’s language, locked, over the agent’s and the OS’s', async () => {
    core = await TestCore.start({ env: policyEnv({ Language: 'es-MX' }), systemLanguages: ['de'] });
    const view = await core.invoke('settings.get', {});
    expect(view).toMatchObject({ values: { language: 'es' }, displayLanguage: 'es', systemLanguage: 'de' });
    expect(view.locked.language).toMatch(/\(Language\)/);
    expect(await core.call('settings.update', { language: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'setting_locked', fields: [{ field: 'language' }] },
    });
  });

  it('words live notifications in the language the agent chose', async () => {
    t = await startTestService();
    const agent = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now(), pseudoLanguageAvailable: true });
    await core.signIn(t.url, { email: agent.agent.email, password: 'a long enough password' });
    await core.untilLive();
    await core.invoke('settings.update', { language: 'en-XA' });

    const created = await core.invoke('requests.create', {
      recipientName: 'Nora Notify',
      channelId: t.supportChannel.id,
    });
    const link = (await core.invoke('requests.get', { requestId: created.rowId }))!.request.link;
    await t.api.call('GET', `/j/${tokenOf(link)}`);
    await t.api.call('POST', `/j/${tokenOf(link)}/allow`, 'remoteId=123456789', FORM);
    await core.until(() => core!.eventsNamed('notification').length >= 2, 'two notifications');
    expect(core.eventsNamed('notification').map((n) => [n.kind, n.title])).toEqual([
      ['waiting', expect.stringMatching(/^\[Nora Notify öþéñéđ ţĥé ĺîñķ ·+\]$/)],
      ['ready', expect.stringMatching(/^\[Nora Notify îš ŕéáđý ·+\]$/)],
    ]);
  });
});
