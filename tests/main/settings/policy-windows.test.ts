/**
 * The Windows policy reader: a `reg export` file as Windows writes it (fixtures/policy.reg: UTF-16LE
 * with a byte-order mark, CRLF, REG_SZ with escapes, REG_DWORD, REG_MULTI_SZ and REG_EXPAND_SZ as hex
 * wrapped over several lines, and values under the parent key and a subkey that must not count), and
 * the runtime reader driven by a stand-in for reg.exe, which this machine does not have.
 */
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecFile } from '../../../main/core/settings/node/exec';
import { normalizePolicy } from '../../../main/core/settings/policy-normalize';
import {
  canonicalKey,
  parseRegExport,
  readWindowsPolicy,
  WINDOWS_POLICY_KEY,
} from '../../../main/core/settings/node/policy-windows';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'policy.reg');

describe('parseRegExport', () => {
  it('reads every value type of the key, and nothing of its parent or subkeys', () => {
    const parsed = parseRegExport(readFileSync(FIXTURE), WINDOWS_POLICY_KEY);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.values).toEqual({
      ServerUrl: 'https://support.example.com',
      RemoteClient: 'anydesk',
      RemoteClientPath: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
      CustomCommand: '"C:\\Tools\\Viewer\\viewer.exe" --connect {host}:{port}',
      Notifications: 0,
      AutoUpdate: 0,
      UpdateChannel: 'beta',
      Language: 'zh-TW',
      AllowedRemoteClients: ['rustdesk', 'anydesk', 'vnc', 'custom'],
      UpdateUrl: 'https://updates.example.com/sessiondesk',
    });
  });

  it('normalises to typed policy values', () => {
    const parsed = parseRegExport(readFileSync(FIXTURE), WINDOWS_POLICY_KEY);
    const policy = normalizePolicy(parsed.values, WINDOWS_POLICY_KEY);
    expect(policy.warnings).toEqual([]);
    expect(policy.values).toEqual({
      ServerUrl: 'https://support.example.com',
      RemoteClient: 'anydesk',
      RemoteClientPath: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
      CustomCommand: '"C:\\Tools\\Viewer\\viewer.exe" --connect {host}:{port}',
      Notifications: false,
      AutoUpdate: false,
      UpdateChannel: 'beta',
      // IT's regional tag, as the client's language.
      Language: 'zh-Hant',
      AllowedRemoteClients: ['rustdesk', 'anydesk', 'vnc', 'custom'],
      UpdateUrl: 'https://updates.example.com/sessiondesk',
    });
  });

  it('matches the key as Windows does: abbreviated hive, any case, a trailing backslash', () => {
    expect(canonicalKey('hklm\\Software\\Policies\\Sessiondesk\\Agent\\')).toBe(
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\POLICIES\\SESSIONDESK\\AGENT',
    );
    const parsed = parseRegExport(
      readFileSync(FIXTURE),
      'HKEY_LOCAL_MACHINE\\software\\policies\\sessiondesk',
    );
    expect(parsed.values).toEqual({ QueueNotifications: 0 });
  });

  it('reads UTF-8 text and REGEDIT4 files as well', () => {
    const text = [
      'REGEDIT4',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Sessiondesk\\Agent]',
      '"Theme"="dark"',
      '"Big"=hex(b):00,00,00,00,01,00,00,00',
      '"Little"=hex(4):0a,00,00,00',
      '"Blob"=hex:de,ad',
      '@="the default value"',
      '"Gone"=-',
    ].join('\n');
    const parsed = parseRegExport(Buffer.from(text, 'utf8'), WINDOWS_POLICY_KEY);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.values).toEqual({
      Theme: 'dark',
      Big: 2 ** 32,
      Little: 10,
      Blob: new Uint8Array([0xde, 0xad]),
    });
  });

  it('skips lines it cannot read, with a warning, and refuses a file that is not an export', () => {
    const text = [
      'Windows Registry Editor Version 5.00',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Sessiondesk\\Agent]',
      '"Theme"="dark',
      'garbage',
      '"Notifications"=dword:zz',
      '"ServerUrl"="https://support.example.com"',
    ].join('\r\n');
    const parsed = parseRegExport(text, WINDOWS_POLICY_KEY);
    expect(parsed.values).toEqual({ ServerUrl: 'https://support.example.com' });
    expect(parsed.warnings).toHaveLength(3);
    expect(parsed.warnings[0]).toContain('"Theme"');
    expect(parsed.warnings[1]).toContain('Line 4');

    expect(parseRegExport('{"ServerUrl": "x"}', WINDOWS_POLICY_KEY)).toEqual({
      values: {},
      warnings: [expect.stringContaining('not a registry export')],
    });
  });
});

describe('readWindowsPolicy', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sd-winpolicy-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('runs reg.exe export into a temporary file by argument array, reads it and removes it', async () => {
    const calls: { command: string; args: readonly string[] }[] = [];
    const exec: ExecFile = async (command, args) => {
      calls.push({ command, args });
      await copyFile(FIXTURE, args[2]!);
      return { exitCode: 0, stdout: Buffer.from('The operation completed successfully.'), stderr: '' };
    };
    const read = await readWindowsPolicy({ exec, tmpDir: tmp, systemRoot: 'D:\\Windows' });

    expect(calls).toHaveLength(1);
    expect(calls[0]!.command).toBe('D:\\Windows\\System32\\reg.exe');
    expect(calls[0]!.args).toEqual([
      'export',
      'HKLM\\SOFTWARE\\Policies\\Sessiondesk\\Agent',
      expect.stringMatching(/sessiondesk-policy-[^/\\]+[/\\]policy\.reg$/),
      '/y',
    ]);
    expect(calls[0]!.args[2]!.startsWith(tmp)).toBe(true);
    expect(read.source).toBe(WINDOWS_POLICY_KEY);
    expect(read.warnings).toEqual([]);
    expect(read.raw).toMatchObject({ RemoteClient: 'anydesk', Notifications: 0 });
    expect(await readdir(tmp)).toEqual([]);
  });

  it('takes exit status 1 (no such key) as no policy', async () => {
    const exec: ExecFile = () =>
      Promise.resolve({
        exitCode: 1,
        stdout: Buffer.alloc(0),
        stderr: 'ERROR: The system was unable to find the specified registry key or value.',
      });
    const read = await readWindowsPolicy({ exec, tmpDir: tmp });
    expect(read).toEqual({ source: WINDOWS_POLICY_KEY, raw: null, warnings: [] });
    expect(await readdir(tmp)).toEqual([]);
  });

  it('reports, without failing, a reg.exe that cannot run or fails otherwise', async () => {
    const missing: ExecFile = () => Promise.reject(new Error('spawn reg.exe ENOENT'));
    const notRun = await readWindowsPolicy({ exec: missing, tmpDir: tmp });
    expect(notRun.raw).toBeNull();
    expect(notRun.warnings).toEqual([expect.stringContaining('spawn reg.exe ENOENT')]);

    const denied: ExecFile = () =>
      Promise.resolve({ exitCode: 5, stdout: Buffer.alloc(0), stderr: 'ERROR: Access is denied.' });
    const failed = await readWindowsPolicy({ exec: denied, tmpDir: tmp });
    expect(failed.raw).toBeNull();
    expect(failed.warnings).toEqual([expect.stringContaining('Access is denied')]);
    expect(await readdir(tmp)).toEqual([]);
  });
});
