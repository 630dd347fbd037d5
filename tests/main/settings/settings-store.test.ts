/**
 * The settings store over a real file in a temporary folder: policy over the user's file over the
 * defaults, the locked reasons, refusing changes to locked settings and to clients the policy does not
 * allow, a damaged file read field by field and kept as .bak when replaced, and the atomic 0600 write;
 * the language the client speaks (the OS's, the agent's, the policy's) and the lock reasons in it.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PSEUDO_LANGUAGE, translator } from '@shared/i18n/translator';
import { DEFAULT_SETTINGS, type SettingsView } from '@shared/ipc/settings';
import type { LoadedPolicy } from '../../../main/core/settings/node/load-policy';
import type { PolicyValues } from '../../../main/core/settings/policy-definitions';
import { FileDocumentStore } from '../../../main/core/node/file-documents';
import { SettingsError, SettingsStore } from '../../../main/core/settings/settings-store';

let dir: string;
let file: string;
let logged: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-settings-'));
  file = join(dir, 'settings.json');
  logged = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function policy(values: Partial<PolicyValues>): LoadedPolicy {
  return { values, source: 'test', warnings: [] };
}

function open(
  values: Partial<PolicyValues> = {},
  languages: { systemLanguages?: string[]; pseudoLanguageAvailable?: boolean } = {},
): SettingsStore {
  return new SettingsStore({
    documents: new FileDocumentStore(dir),
    policy: policy(values),
    onWarning: (message) => logged.push(message),
    ...languages,
  });
}

function refusal(store: SettingsStore, patch: Parameters<SettingsStore['update']>[0]): SettingsError {
  try {
    store.update(patch);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error(`update accepted ${JSON.stringify(patch)}`);
}

const onDisk = () => JSON.parse(readFileSync(file, 'utf8'));

describe('SettingsStore without policy', () => {
  it('shows the defaults, every client, automatic updates on, and writes nothing', () => {
    const view = open().view();
    expect(view).toEqual({
      values: DEFAULT_SETTINGS,
      locked: {},
      remoteClients: [
        { id: 'rustdesk', name: 'RustDesk', usesExecutable: true, available: true },
        { id: 'anydesk', name: 'AnyDesk', usesExecutable: true, available: true },
        { id: 'teamviewer', name: 'TeamViewer', usesExecutable: true, available: true },
        { id: 'vnc', name: 'VNC viewer', usesExecutable: true, available: true },
        { id: 'rdp', name: 'Remote Desktop (RDP)', usesExecutable: true, available: true },
        { id: 'custom', name: 'Custom command', usesExecutable: false, available: true },
      ],
      hostKind: 'desktop',
      autoUpdate: true,
      defaultServerUrl: '',
      displayLanguage: 'en',
      systemLanguage: 'en',
      pseudoLanguageAvailable: false,
    } satisfies SettingsView);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('saves only what the user chose, atomically, as 0600 JSON that a new store reads back', () => {
    const store = open();
    const view = store.update({
      theme: 'dark',
      remoteClient: 'custom',
      customCommand: 'viewer --id {remoteId}',
    });
    expect(view.values).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      remoteClient: 'custom',
      customCommand: 'viewer --id {remoteId}',
    });
    expect(onDisk()).toEqual({
      theme: 'dark',
      remoteClient: 'custom',
      customCommand: 'viewer --id {remoteId}',
    });
    // The temporary file was renamed into place: nothing else is left beside it.
    expect(readdirSync(dir)).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    expect(open().effective()).toEqual(view.values);
    expect(logged).toEqual([]);
  });

  it('keeps the mode at 0600 when it replaces a file that was readable by others', () => {
    writeFileSync(file, '{"theme": "light"}');
    chmodSync(file, 0o644);
    open().update({ theme: 'dark' });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(onDisk()).toEqual({ theme: 'dark' });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('refuses an invalid value, naming the setting, and changes nothing', () => {
    const store = open();
    const error = refusal(store, { serverUrl: 'ftp://support.example.com' });
    expect(error.code).toBe('invalid_setting');
    expect(error.setting).toBe('serverUrl');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the table’s columns, a change written once, and refuses a layout it cannot use', () => {
    const store = open();
    const columns = {
      order: ['status', 'recipientName', 'expiresAt'],
      hidden: ['comments'],
      widths: { recipientName: 260 },
    } as const;
    store.update({ tableColumns: { ...columns, order: [...columns.order], hidden: [...columns.hidden] } });
    expect(onDisk().tableColumns).toEqual(columns);
    expect(open().effective().tableColumns).toEqual(columns);
    // The same layout again (a new object, as the renderer sends it) writes nothing.
    const written = statSync(file).ino;
    store.update({ tableColumns: JSON.parse(JSON.stringify(columns)) });
    expect(statSync(file).ino).toBe(written); // an atomic write would have put a new file in its place

    for (const [tableColumns, message] of [
      [{ ...columns, hidden: ['recipientName'] }, /recipient is always shown/],
      [{ ...columns, order: ['status', 'status'] }, /Give each one only once/],
      [{ ...columns, widths: { status: 5_000 } }, /at most 800/],
      [{ ...columns, order: ['photo'] }, /Choose one of: recipientName/],
    ] as const) {
      const error = refusal(store, { tableColumns } as never);
      expect(error).toMatchObject({ code: 'invalid_setting', setting: 'tableColumns' });
      expect(error.message).toMatch(message);
    }
  });

  it('reports a failed write as write_failed and keeps the settings as they were', () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const store = new SettingsStore({
      documents: new FileDocumentStore(join(dir, 'not-a-folder')),
      onWarning: () => {},
    });
    const error = refusal(store, { theme: 'dark' });
    expect(error.code).toBe('write_failed');
    expect(store.effective().theme).toBe('system');
  });
});

describe('SettingsStore with policy', () => {
  beforeEach(() => {
    writeFileSync(
      file,
      JSON.stringify({ serverUrl: 'https://mine.example.com', theme: 'light', remoteClient: 'vnc' }),
    );
  });

  it('takes the policy over the user’s file over the defaults, and says which settings are locked', () => {
    const view = open({ ServerUrl: 'https://corp.example.com', Theme: 'dark', AutoUpdate: false }).view();
    expect(view.values).toEqual({
      ...DEFAULT_SETTINGS,
      serverUrl: 'https://corp.example.com',
      theme: 'dark',
      remoteClient: 'vnc',
    });
    expect(view.locked).toEqual({
      serverUrl: "Set by your organisation's policy (ServerUrl).",
      theme: "Set by your organisation's policy (Theme).",
    });
    expect(view.autoUpdate).toBe(false);
  });

  it('refuses to change a locked setting, naming it, and accepts its current value', () => {
    const store = open({ Theme: 'dark', RemoteClient: 'rdp' });
    const before = readFileSync(file, 'utf8');

    const locked = refusal(store, { notifications: false, theme: 'light' });
    expect(locked.code).toBe('setting_locked');
    expect(locked.setting).toBe('theme');
    expect(locked.message).toBe(
      'The theme is set by your organisation’s policy (Theme) and cannot be changed.',
    );
    expect(refusal(store, { remoteClient: 'vnc' }).message).toContain('(RemoteClient)');
    expect(readFileSync(file, 'utf8')).toBe(before);

    // A form sends every field: the locked ones at their current value are not a change.
    const view = store.update({ theme: 'dark', remoteClient: 'rdp', notifications: false });
    expect(view.values).toMatchObject({ theme: 'dark', remoteClient: 'rdp', notifications: false });
    // The user's own choices stay in the file for when the policy is lifted.
    expect(onDisk()).toEqual({
      serverUrl: 'https://mine.example.com',
      theme: 'light',
      remoteClient: 'vnc',
      notifications: false,
    });
  });

  it('narrows the clients to AllowedRemoteClients and refuses the others', () => {
    const store = open({ AllowedRemoteClients: ['rdp', 'rustdesk'] });
    const view = store.view();
    // The user's vnc is not allowed: the default (RustDesk) is, so it applies; the list keeps the usual order.
    expect(view.values.remoteClient).toBe('rustdesk');
    expect(view.remoteClients.map((client) => client.id)).toEqual(['rustdesk', 'rdp']);
    expect(view.locked).toEqual({});

    const error = refusal(store, { remoteClient: 'custom' });
    expect(error.code).toBe('client_not_allowed');
    expect(error.setting).toBe('remoteClient');
    expect(error.message).toBe(
      'Your organisation’s policy (AllowedRemoteClients) does not allow Custom command; it allows Remote Desktop (RDP), RustDesk.',
    );
    expect(store.update({ remoteClient: 'rdp' }).values.remoteClient).toBe('rdp');
  });

  it('falls back to the first allowed client when the default is not allowed either', () => {
    expect(open({ AllowedRemoteClients: ['teamviewer', 'anydesk'] }).effective().remoteClient).toBe(
      'teamviewer',
    );
  });

  it('answers the policies that are not settings, with their defaults when unset', () => {
    const unset = open();
    expect(unset.policyValue('UpdateChannel')).toBe('stable');
    expect(unset.policyValue('UpdateUrl')).toBe('');
    expect(unset.policyValue('AutoUpdate')).toBe(true);
    expect(unset.policyValue('AllowedRemoteClients')).toHaveLength(6);

    const set = open({
      UpdateChannel: 'beta',
      UpdateUrl: 'https://updates.example.com',
      AllowedRemoteClients: ['vnc'],
    });
    expect(set.policyValue('UpdateChannel')).toBe('beta');
    expect(set.policyValue('UpdateUrl')).toBe('https://updates.example.com');
    expect(set.policyValue('AllowedRemoteClients')).toEqual(['vnc']);
  });
});

describe('SettingsStore with a damaged file', () => {
  it('uses the defaults for a file that is not JSON, and keeps it as .bak when replacing it', () => {
    writeFileSync(file, '{"theme": "dark",');
    const store = open();
    expect(store.effective()).toEqual(DEFAULT_SETTINGS);
    expect(store.warnings).toEqual([expect.stringContaining('is not valid JSON')]);
    expect(logged).toEqual(store.warnings);
    // Reading changes nothing on disk.
    expect(readdirSync(dir)).toEqual(['settings.json']);

    store.update({ notifications: false });
    expect(onDisk()).toEqual({ notifications: false });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('{"theme": "dark",');
    expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.bak']);
  });

  it('keeps each valid field, defaults the others, and keeps the original as .bak when replacing it', () => {
    const original = JSON.stringify({
      serverUrl: 'https://mine.example.com',
      theme: 'purple',
      notifications: 'yes',
      queueNotifications: false,
      colour: 'red',
    });
    writeFileSync(file, original);
    const store = open();
    expect(store.effective()).toEqual({
      ...DEFAULT_SETTINGS,
      serverUrl: 'https://mine.example.com',
      queueNotifications: false,
    });
    expect(store.warnings).toHaveLength(3);
    expect(store.warnings.join('\n')).toMatch(/theme[\s\S]*notifications[\s\S]*"colour"/);

    store.update({ theme: 'light' });
    expect(onDisk()).toEqual({
      serverUrl: 'https://mine.example.com',
      queueNotifications: false,
      theme: 'light',
    });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);

    // Once replaced by a valid file, later saves need no backup (the .bak stays the damaged original).
    store.update({ theme: 'dark' });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
  });

  it('does not back up a valid file it replaces', () => {
    writeFileSync(file, '{"theme": "light"}');
    open().update({ theme: 'dark' });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('treats a JSON value that is not an object as damaged', () => {
    writeFileSync(file, '["dark"]');
    const store = open();
    expect(store.effective()).toEqual(DEFAULT_SETTINGS);
    expect(store.warnings).toEqual([expect.stringContaining('does not hold an object')]);
  });
});

describe('SettingsStore change listeners', () => {
  it('hears every saved change and policy change, and can stop', () => {
    const store = open();
    const heard: SettingsView[] = [];
    const stop = store.onChange((view) => heard.push(view));

    store.update({ theme: 'dark' });
    store.update({ theme: 'dark' }); // no change: nothing saved, nothing heard
    expect(heard.map((view) => view.values.theme)).toEqual(['dark']);

    store.setPolicy(policy({ Theme: 'light' }));
    expect(heard).toHaveLength(2);
    expect(heard[1]!.locked).toEqual({ theme: "Set by your organisation's policy (Theme)." });
    store.setPolicy(policy({ Theme: 'light' })); // the same policy again shows nothing new
    expect(heard).toHaveLength(2);

    stop();
    store.update({ notifications: false });
    expect(heard).toHaveLength(2);
  });

  it('saves and tells the other listeners even when one throws', () => {
    const store = open();
    const heard: string[] = [];
    store.onChange(() => {
      throw new Error('listener broke');
    });
    store.onChange((view) => heard.push(view.values.theme));
    expect(store.update({ theme: 'dark' }).values.theme).toBe('dark');
    expect(heard).toEqual(['dark']);
    expect(logged).toEqual([expect.stringContaining('listener broke')]);
  });
});

describe('SettingsStore and the language the client speaks', () => {
  const speaks = (systemLanguages: string[]) => open({}, { systemLanguages }).view().displayLanguage;

  it('follows the first of the OS’s preferred languages it speaks, else English', () => {
    expect(speaks(['de-AT', 'en'])).toBe('de');
    expect(speaks(['ja', 'fr-CA'])).toBe('fr');
    expect(speaks(['ja'])).toBe('en');
    expect(speaks([])).toBe('en');
    expect(speaks(['zh-TW', 'en-US'])).toBe('zh-Hant');
    expect(speaks(['zh_CN'])).toBe('zh-Hans');
    expect(speaks(['pt-BR'])).toBe('pt');
    // What `system` stands for is in the view whatever the setting, for the Settings screen to name.
    const chosen = open({}, { systemLanguages: ['es-MX'] });
    chosen.update({ language: 'de' });
    expect(chosen.view()).toMatchObject({ displayLanguage: 'de', systemLanguage: 'es' });
  });

  it('speaks the language the agent chose over the OS’s, saved like any setting', () => {
    const store = open({}, { systemLanguages: ['fr-FR'] });
    expect(store.update({ language: 'zh-Hant' })).toMatchObject({
      values: { language: 'zh-Hant' },
      displayLanguage: 'zh-Hant',
    });
    expect(onDisk()).toEqual({ language: 'zh-Hant' });
    expect(open({}, { systemLanguages: ['fr-FR'] }).view().displayLanguage).toBe('zh-Hant');
    expect(store.update({ language: 'system' }).displayLanguage).toBe('fr');
  });

  it('speaks the policy’s language over the agent’s, locked, and refuses another', () => {
    writeFileSync(file, JSON.stringify({ language: 'es' }));
    const store = open({ Language: 'de' }, { systemLanguages: ['fr'] });
    expect(store.view()).toMatchObject({
      values: { language: 'de' },
      displayLanguage: 'de',
      // The lock reason in the language it locks.
      locked: { language: translator('de').t('shell.settings.locked', { policy: 'Language' }) },
    });
    const error = refusal(store, { language: 'en' });
    expect(error).toMatchObject({ code: 'setting_locked', setting: 'language' });
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ language: 'es' }));
    // A policy of `system` locks the choice to the OS's language.
    expect(open({ Language: 'system' }, { systemLanguages: ['fr'] }).view()).toMatchObject({
      values: { language: 'system' },
      displayLanguage: 'fr',
      locked: { language: expect.stringContaining('Language') },
    });
  });

  it('offers the pseudo-locale only where it is available, and ignores a saved one elsewhere', () => {
    const installed = open({}, { systemLanguages: ['de'] });
    const refused = refusal(installed, { language: PSEUDO_LANGUAGE });
    expect(refused).toMatchObject({ code: 'invalid_setting', setting: 'language' });
    expect(readdirSync(dir)).toEqual([]);
    expect(installed.view().pseudoLanguageAvailable).toBe(false);

    const development = open({}, { systemLanguages: ['de'], pseudoLanguageAvailable: true });
    expect(development.update({ language: PSEUDO_LANGUAGE })).toMatchObject({
      values: { language: PSEUDO_LANGUAGE },
      displayLanguage: PSEUDO_LANGUAGE,
      pseudoLanguageAvailable: true,
    });
    // The same file read by an installed app: the OS's language, and the setting shows `system`.
    expect(open({}, { systemLanguages: ['de'] }).view()).toMatchObject({
      values: { language: 'system' },
      displayLanguage: 'de',
    });
  });

  it('words the lock reasons in the language the client speaks, and again when it changes', () => {
    const store = open({ Theme: 'dark' }, { pseudoLanguageAvailable: true });
    expect(store.view().locked.theme).toBe("Set by your organisation's policy (Theme).");
    const heard: SettingsView[] = [];
    store.onChange((view) => heard.push(view));
    store.update({ language: PSEUDO_LANGUAGE });
    // The pseudo-locale's words are the English ones accented and bracketed; the policy's name is kept.
    expect(heard[0]!.locked.theme).toMatch(/^\[Šéţ ƀý ýöûŕ öŕĝáñîšáţîöñ'š þöĺîçý \(Theme\)\. ·+\]$/);
  });

  it('tells its listeners when the OS’s languages change what the client speaks, and only then', () => {
    const store = open({}, { systemLanguages: ['en'] });
    const heard: SettingsView[] = [];
    store.onChange((view) => heard.push(view));
    store.setSystemLanguages(['es-ES', 'en']);
    expect(heard.map((view) => [view.displayLanguage, view.systemLanguage])).toEqual([['es', 'es']]);
    store.setSystemLanguages(['es-MX']); // still Spanish: nothing new to show
    expect(heard).toHaveLength(1);
    store.update({ language: 'fr' });
    store.setSystemLanguages(['de']); // the agent's French stands, but `system` now means German
    expect(heard.map((view) => [view.displayLanguage, view.systemLanguage])).toEqual([
      ['es', 'es'],
      ['fr', 'es'],
      ['fr', 'de'],
    ]);
  });
});
