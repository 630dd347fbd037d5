/**
 * loadPolicy end to end over real files: the Linux JSON file, SESSIONDESK_POLICY_FILE replacing the
 * platform source on every OS, a policy file that is set but unreadable or not JSON, and values that
 * are invalid for their policy (ignored, each with a warning naming it) while the rest still apply.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecFile } from '../../../main/core/settings/node/exec';
import { loadPolicy, POLICY_FILE_ENV } from '../../../main/core/settings/node/load-policy';
import { coercePolicyValue, normalizePolicy } from '../../../main/core/settings/policy-normalize';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const APP_ID = 'com.sessiondesk.agent';
const JSON_VALUES = {
  ServerUrl: 'https://support.example.com',
  RemoteClient: 'vnc',
  AllowedRemoteClients: ['vnc', 'rdp'],
  RemoteClientPath: '/usr/bin/vncviewer',
  Theme: 'light',
  // "pt-BR" in the file: the client's Portuguese.
  Language: 'pt',
  UpdateUrl: 'https://updates.example.com/sessiondesk',
};

/** A reg.exe or plutil that must not be run. */
const noExec: ExecFile = (command) => Promise.reject(new Error(`${command} must not run`));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sd-policy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadPolicy', () => {
  it('reads the JSON policy file on Linux', async () => {
    const linuxFile = join(dir, 'policy.json');
    await copyFile(join(FIXTURES, 'policy.json'), linuxFile);
    expect(await loadPolicy({ platform: 'linux', env: {}, appId: APP_ID, linuxFile })).toEqual({
      values: JSON_VALUES,
      source: linuxFile,
      warnings: [],
    });
  });

  it('has no policy, and nothing to say, when the platform source is absent', async () => {
    const linuxFile = join(dir, 'absent.json');
    expect(await loadPolicy({ platform: 'linux', env: {}, appId: APP_ID, linuxFile })).toEqual({
      values: {},
      source: null,
      warnings: [],
    });
    expect(await loadPolicy({ platform: 'darwin', env: {}, appId: APP_ID, macosDir: dir })).toEqual({
      values: {},
      source: null,
      warnings: [],
    });
  });

  it('reads the registry on Windows and managed preferences on macOS', async () => {
    const reg: ExecFile = async (_command, args) => {
      await copyFile(join(FIXTURES, 'policy.reg'), args[2]!);
      return { exitCode: 0, stdout: Buffer.alloc(0), stderr: '' };
    };
    const windows = await loadPolicy({ platform: 'win32', env: {}, appId: APP_ID, exec: reg, tmpDir: dir });
    expect(windows.source).toBe('HKLM\\SOFTWARE\\Policies\\Sessiondesk\\Agent');
    expect(windows.values).toMatchObject({ RemoteClient: 'anydesk', Notifications: false });

    await copyFile(join(FIXTURES, 'policy.plist'), join(dir, `${APP_ID}.plist`));
    const mac = await loadPolicy({ platform: 'darwin', env: {}, appId: APP_ID, macosDir: dir, exec: noExec });
    expect(mac.source).toBe(join(dir, `${APP_ID}.plist`));
    expect(mac.values).toMatchObject({ RemoteClient: 'rustdesk', Theme: 'dark' });
  });

  it.each(['win32', 'darwin', 'linux'] as const)(
    'on %s, SESSIONDESK_POLICY_FILE replaces the platform source',
    async (platform) => {
      // The platform sources hold a different policy, which must not be read.
      await copyFile(join(FIXTURES, 'policy.plist'), join(dir, `${APP_ID}.plist`));
      const linuxFile = join(dir, 'platform.json');
      await writeFile(linuxFile, '{"Theme": "dark"}');
      const file = join(FIXTURES, 'policy.json');
      const loaded = await loadPolicy({
        platform,
        env: { [POLICY_FILE_ENV]: file },
        appId: APP_ID,
        exec: noExec,
        macosDir: dir,
        linuxFile,
      });
      expect(loaded).toEqual({ values: JSON_VALUES, source: file, warnings: [] });
    },
  );

  it('can be told to ignore SESSIONDESK_POLICY_FILE', async () => {
    const linuxFile = join(dir, 'platform.json');
    await writeFile(linuxFile, '{"Theme": "dark"}');
    const loaded = await loadPolicy({
      platform: 'linux',
      env: { [POLICY_FILE_ENV]: join(FIXTURES, 'policy.json') },
      appId: APP_ID,
      linuxFile,
      allowPolicyFileOverride: false,
    });
    expect(loaded).toEqual({ values: { Theme: 'dark' }, source: linuxFile, warnings: [] });
  });

  it('has no policy, with a warning naming the file, when SESSIONDESK_POLICY_FILE is missing or not JSON', async () => {
    const missing = join(dir, 'missing.json');
    const absent = await loadPolicy({
      platform: 'linux',
      env: { [POLICY_FILE_ENV]: missing },
      appId: APP_ID,
    });
    expect(absent.values).toEqual({});
    expect(absent.source).toBeNull();
    expect(absent.warnings).toEqual([expect.stringMatching(/^SESSIONDESK_POLICY_FILE: Could not read/)]);
    expect(absent.warnings[0]).toContain(missing);

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"ServerUrl": "https://support.example.com",');
    const invalid = await loadPolicy({
      platform: 'darwin',
      env: { [POLICY_FILE_ENV]: broken },
      appId: APP_ID,
    });
    expect(invalid.values).toEqual({});
    expect(invalid.source).toBeNull();
    expect(invalid.warnings).toEqual([expect.stringContaining('not valid JSON')]);
    expect(invalid.warnings[0]).toContain(broken);

    const list = join(dir, 'list.json');
    await writeFile(list, '["ServerUrl"]');
    const notObject = await loadPolicy({
      platform: 'win32',
      env: { [POLICY_FILE_ENV]: list },
      appId: APP_ID,
    });
    expect(notObject.values).toEqual({});
    expect(notObject.warnings).toEqual([expect.stringContaining('does not hold a JSON object')]);
  });

  it('ignores each invalid value with a warning naming its policy, and applies the rest', async () => {
    const file = join(FIXTURES, 'policy-invalid.json');
    const loaded = await loadPolicy({ platform: 'linux', env: { [POLICY_FILE_ENV]: file }, appId: APP_ID });
    expect(loaded.source).toBe(file);
    expect(loaded.values).toEqual({
      // "RustDesk" spelled as IT might; "anydsk" dropped rather than widening the list to everything.
      AllowedRemoteClients: ['rustdesk', 'custom'],
      QueueNotifications: false,
      Theme: 'dark',
      AutoUpdate: true,
    });
    const about = (name: string) => loaded.warnings.filter((warning) => warning.includes(name));
    expect(about(`Policy ServerUrl (${file}) is ignored`)).toHaveLength(1);
    expect(about('Policy ServerUrl')[0]).toContain('http:// or https://');
    expect(about(`Policy RemoteClient (${file}) is ignored`)[0]).toContain('not in AllowedRemoteClients');
    expect(about(`Policy AllowedRemoteClients (${file}): the item "anydsk"`)).toHaveLength(1);
    expect(about(`Policy Notifications (${file}) is ignored`)[0]).toContain('"maybe" is not true or false');
    expect(about(`Policy UpdateChannel (${file}) is ignored`)[0]).toContain('Choose one of: stable, beta.');
    expect(about(`Policy CustomCommand (${file}) is ignored`)[0]).toContain('42 is not text');
    expect(about(`Unknown policy "Colour" (${file}) is ignored`)).toHaveLength(1);
    // The layout test language is not for IT to set.
    expect(about(`Policy Language (${file}) is ignored`)[0]).toContain('"en-XA" is not valid');
    expect(loaded.warnings).toHaveLength(8);
    for (const warning of loaded.warnings) expect(warning).toContain(file);
  });
});

describe('normalizePolicy', () => {
  it('matches names without regard to case, and takes one spelling only', () => {
    const policy = normalizePolicy(
      { serverurl: 'https://a.example.com', SERVERURL: 'https://b.example.com' },
      'x',
    );
    expect(policy.values).toEqual({ ServerUrl: 'https://a.example.com' });
    expect(policy.warnings).toEqual([expect.stringContaining('already set under another spelling')]);
  });

  it('refuses a list with no allowed client left, and a blank service address', () => {
    const policy = normalizePolicy({ AllowedRemoteClients: ['teamveiwer'], ServerUrl: '  ' }, 'x');
    expect(policy.values).toEqual({});
    expect(policy.warnings).toEqual([
      expect.stringContaining('the item "teamveiwer"'),
      expect.stringContaining('Policy AllowedRemoteClients (x) is ignored'),
      expect.stringContaining('Policy ServerUrl (x) is ignored'),
    ]);
  });

  it('takes a language as the client names it, in any case, or as a regional tag; not the pseudo-locale', () => {
    const language = (raw: unknown) => normalizePolicy({ Language: raw }, 'x');
    expect(language('system').values).toEqual({ Language: 'system' });
    expect(language('ZH-hant').values).toEqual({ Language: 'zh-Hant' });
    expect(language('de-AT').values).toEqual({ Language: 'de' });
    expect(language('zh-CN').values).toEqual({ Language: 'zh-Hans' });
    for (const raw of ['en-XA', 'ja', '', 1]) {
      expect(language(raw).values, String(raw)).toEqual({});
      expect(language(raw).warnings, String(raw)).toEqual([expect.stringContaining('Policy Language (x)')]);
    }
    expect(language('ja').warnings[0]).toContain('system, en, de, es, fr, pt, zh-Hans, zh-Hant');
  });

  it('accepts a list as one string separated by commas or semicolons (a REG_SZ where a REG_MULTI_SZ was meant)', () => {
    expect(normalizePolicy({ AllowedRemoteClients: 'rustdesk; VNC,rdp' }, 'x').values).toEqual({
      AllowedRemoteClients: ['rustdesk', 'vnc', 'rdp'],
    });
  });
});

describe('coercePolicyValue', () => {
  it('takes each source’s spelling of a boolean', () => {
    for (const raw of [true, 1, '1', 'true', ' TRUE '])
      expect(coercePolicyValue('boolean', raw)).toEqual({ ok: true, value: true });
    for (const raw of [false, 0, '0', 'False'])
      expect(coercePolicyValue('boolean', raw)).toEqual({ ok: true, value: false });
    for (const raw of [2, 'yes', [], null]) expect(coercePolicyValue('boolean', raw).ok).toBe(false);
  });

  it('takes whole numbers and decimal strings as integers, nothing else', () => {
    expect(coercePolicyValue('integer', 10)).toEqual({ ok: true, value: 10 });
    expect(coercePolicyValue('integer', ' 42 ')).toEqual({ ok: true, value: 42 });
    for (const raw of [1.5, '0x10', 'ten', true, 2 ** 60])
      expect(coercePolicyValue('integer', raw).ok).toBe(false);
  });

  it('takes only text as a string, and only text items in a list', () => {
    expect(coercePolicyValue('string', 'x')).toEqual({ ok: true, value: 'x' });
    expect(coercePolicyValue('string', 1)).toEqual({
      ok: false,
      reason: expect.stringContaining('1 is not text'),
    });
    expect(coercePolicyValue('string-list', ['a', ' b ', ''])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(coercePolicyValue('string-list', ['a', 1]).ok).toBe(false);
    expect(coercePolicyValue('string-list', new Uint8Array([1])).ok).toBe(false);
  });
});
