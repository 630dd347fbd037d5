/**
 * The macOS policy reader on managed-preferences files: an XML plist and the same policy as a binary
 * plist (both written by Python's plistlib, not by the package that reads them), the plutil fallback
 * for a binary file the in-process parser refuses (driven by a stand-in, as this machine has no plutil),
 * and the missing or damaged file.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecFile } from '../../../main/core/settings/node/exec';
import {
  macosPolicyPath,
  parsePlistPolicy,
  readMacosPolicy,
} from '../../../main/core/settings/node/policy-macos';
import { normalizePolicy } from '../../../main/core/settings/policy-normalize';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const APP_ID = 'com.sessiondesk.agent';

const EXPECTED_RAW = {
  ServerUrl: 'https://support.example.com',
  RemoteClient: 'rustdesk',
  RemoteClientPath: '/Applications/RustDesk.app/Contents/MacOS/RustDesk',
  AllowedRemoteClients: ['rustdesk', 'vnc'],
  Notifications: true,
  QueueNotifications: false,
  Theme: 'dark',
  AutoUpdate: false,
  UpdateChannel: 'beta',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sd-managed-prefs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parsePlistPolicy', () => {
  it('reads an XML plist and a binary one alike', async () => {
    const xml = parsePlistPolicy(await readFile(join(FIXTURES, 'policy.plist')));
    const binary = parsePlistPolicy(await readFile(join(FIXTURES, 'policy-binary.plist')));
    expect(xml).toEqual({ values: EXPECTED_RAW, warnings: [] });
    expect(binary).toEqual({ values: EXPECTED_RAW, warnings: [] });
  });

  it('normalises to typed policy values', async () => {
    const parsed = parsePlistPolicy(await readFile(join(FIXTURES, 'policy.plist')));
    expect(normalizePolicy(parsed.values!, 'test')).toEqual({ values: EXPECTED_RAW, warnings: [] });
  });

  it('says so when the file is not a plist dictionary', () => {
    expect(parsePlistPolicy('<plist version="1.0"><array><string>x</string></array></plist>')).toEqual({
      values: null,
      warnings: ['The property list does not hold a dictionary of policies.'],
    });
    expect(parsePlistPolicy('<plist><dict><key>Theme</key>').values).toBeNull();
  });
});

describe('readMacosPolicy', () => {
  it('reads <dir>/<appId>.plist without running anything', async () => {
    await copyFile(join(FIXTURES, 'policy-binary.plist'), join(dir, `${APP_ID}.plist`));
    const exec: ExecFile = () => Promise.reject(new Error('plutil must not run'));
    const read = await readMacosPolicy({ appId: APP_ID, dir, exec });
    expect(read).toEqual({ source: join(dir, `${APP_ID}.plist`), raw: EXPECTED_RAW, warnings: [] });
  });

  it('converts a binary plist it cannot parse with plutil -convert xml1 -o - <file>', async () => {
    const file = join(dir, `${APP_ID}.plist`);
    // A bplist00 header over garbage: the in-process parser refuses it, plutil is the second chance.
    await writeFile(file, Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(16, 0xff)]));
    const calls: { command: string; args: readonly string[] }[] = [];
    const exec: ExecFile = async (command, args) => {
      calls.push({ command, args });
      return { exitCode: 0, stdout: await readFile(join(FIXTURES, 'policy.plist')), stderr: '' };
    };
    const read = await readMacosPolicy({ appId: APP_ID, dir, exec });
    expect(calls).toEqual([{ command: '/usr/bin/plutil', args: ['-convert', 'xml1', '-o', '-', file] }]);
    expect(read).toEqual({ source: file, raw: EXPECTED_RAW, warnings: [] });
  });

  it('reports a binary plist neither can read', async () => {
    const file = join(dir, `${APP_ID}.plist`);
    await writeFile(file, Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(16, 0xff)]));
    const exec: ExecFile = () =>
      Promise.resolve({ exitCode: 1, stdout: Buffer.alloc(0), stderr: 'Property List error: damaged' });
    const read = await readMacosPolicy({ appId: APP_ID, dir, exec });
    expect(read.raw).toBeNull();
    expect(read.warnings.at(-1)).toContain('Property List error: damaged');
  });

  it('takes a missing file as no policy', async () => {
    expect(await readMacosPolicy({ appId: APP_ID, dir })).toEqual({
      source: join(dir, `${APP_ID}.plist`),
      raw: null,
      warnings: [],
    });
  });

  it('accepts only a bundle id as the file name', () => {
    expect(macosPolicyPath(APP_ID)).toBe(`/Library/Managed Preferences/${APP_ID}.plist`);
    expect(() => macosPolicyPath('../../etc/passwd')).toThrow(/not a bundle id/);
  });
});
