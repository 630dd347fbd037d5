/**
 * The electron-builder hooks: the fuses flipped in the right binary with the right settings, and
 * notarization called with the environment's credentials, skipped with one line without them, and
 * refused for a release that needs them. The logic is tested with recorded notarize/flipFuses calls;
 * then the configured shims are loaded the way electron-builder loads them and run for real: the
 * afterPack one flips the fuses of a file carrying Electron's fuse wire with the real @electron/fuses,
 * and refuses a wire with a fuse it does not set.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import type { NotarizeOptions } from '@electron/notarize';
import { load } from 'js-yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronBinaryPath, flipAppFuses, fuseConfig, type PackedApp } from '../../scripts/release/fuses';
import {
  notarizeApp,
  notarizeCredentials,
  planNotarization,
  type SignedApp,
} from '../../scripts/release/notarize';

const ROOT = join(import.meta.dirname, '..', '..');
const X64 = 1;
const ARM64 = 3;

const packed = (electronPlatformName: string, arch = X64, executableName?: string): PackedApp => ({
  appOutDir: '/build/out',
  electronPlatformName,
  arch,
  packager: { appInfo: { productFilename: 'Sessiondesk' }, ...(executableName ? { executableName } : {}) },
});

describe('the afterPack hook: Electron fuses', () => {
  it('patches the .app on macOS, the .exe on Windows, the executable on Linux', () => {
    expect(electronBinaryPath(packed('darwin'))).toBe(join('/build/out', 'Sessiondesk.app'));
    expect(electronBinaryPath(packed('mas'))).toBe(join('/build/out', 'Sessiondesk.app'));
    expect(electronBinaryPath(packed('win32'))).toBe(join('/build/out', 'Sessiondesk.exe'));
    expect(electronBinaryPath(packed('linux', X64, 'sessiondesk'))).toBe(join('/build/out', 'sessiondesk'));
    expect(() => electronBinaryPath(packed('freebsd'))).toThrow(/freebsd/);
  });

  it('turns off Node, debugging and file:// privileges, turns on asar-only loading, its integrity check and cookie encryption, and sets every fuse', async () => {
    const calls: [string, FuseConfig][] = [];
    const lines: string[] = [];
    await flipAppFuses(packed('win32'), {
      flipFuses: (binary, config) => {
        calls.push([binary, config]);
        return Promise.resolve();
      },
      log: (line) => lines.push(line),
    });
    expect(calls).toEqual([
      [
        join('/build/out', 'Sessiondesk.exe'),
        {
          version: FuseVersion.V1,
          resetAdHocDarwinSignature: false,
          strictlyRequireAllFuses: true,
          [FuseV1Options.RunAsNode]: false,
          [FuseV1Options.EnableCookieEncryption]: true,
          [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
          [FuseV1Options.EnableNodeCliInspectArguments]: false,
          [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
          [FuseV1Options.OnlyLoadAppFromAsar]: true,
          [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
          [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
          [FuseV1Options.WasmTrapHandlers]: true,
        },
      ],
    ]);
    expect(lines).toEqual([`Electron fuses flipped in ${join('/build/out', 'Sessiondesk.exe')}.`]);
  });

  it('re-signs ad hoc only a macOS build for Apple silicon, which will not run unsigned', () => {
    expect(fuseConfig(packed('darwin', ARM64)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig(packed('darwin', 4)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig(packed('darwin', X64)).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig(packed('linux', ARM64, 'sessiondesk')).resetAdHocDarwinSignature).toBe(false);
  });

  it('fails the build when the fuses cannot be flipped', async () => {
    const flipFuses = () => Promise.reject(new Error('Could not find sentinel'));
    await expect(flipAppFuses(packed('win32'), { flipFuses, log: () => {} })).rejects.toThrow(/sentinel/);
  });
});

const signed = (electronPlatformName = 'darwin'): SignedApp => ({
  appOutDir: '/build/mac-arm64',
  electronPlatformName,
  packager: { appInfo: { productFilename: 'Sessiondesk' } },
});

async function runNotarize(env: Record<string, string>, context = signed()) {
  const calls: NotarizeOptions[] = [];
  const lines: string[] = [];
  const outcome = await notarizeApp(context, env, {
    notarize: (options) => {
      calls.push(options);
      return Promise.resolve();
    },
    log: (line) => lines.push(line),
  }).then(
    () => null,
    (error: unknown) => (error as Error).message,
  );
  return { calls, lines, error: outcome };
}

const APP_PATH = join('/build/mac-arm64', 'Sessiondesk.app');

describe('the afterSign hook: notarization', () => {
  it('uses an App Store Connect API key, with the issuer when given', async () => {
    const run = await runNotarize({
      APPLE_API_KEY: '/keys/AuthKey_T9GPZ92M7K.p8',
      APPLE_API_KEY_ID: 'T9GPZ92M7K',
      APPLE_API_ISSUER: 'c055ca8c-e5a8-4836-b61d-aa5794eeb3f4',
    });
    expect(run.error).toBeNull();
    expect(run.calls).toEqual([
      {
        appPath: APP_PATH,
        appleApiKey: '/keys/AuthKey_T9GPZ92M7K.p8',
        appleApiKeyId: 'T9GPZ92M7K',
        appleApiIssuer: 'c055ca8c-e5a8-4836-b61d-aa5794eeb3f4',
      },
    ]);
    expect(run.lines).toHaveLength(2);
    // An individual key has no issuer, and must not send one.
    const individual = notarizeCredentials({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'ID' });
    expect(individual).toEqual({ credentials: { appleApiKey: '/k.p8', appleApiKeyId: 'ID' } });
  });

  it('uses an Apple ID with an app-specific password, or a keychain profile', async () => {
    const appleId = await runNotarize({
      APPLE_ID: 'release@example.com',
      APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop',
      APPLE_TEAM_ID: 'ABCDE12345',
    });
    expect(appleId.calls).toEqual([
      {
        appPath: APP_PATH,
        appleId: 'release@example.com',
        appleIdPassword: 'abcd-efgh-ijkl-mnop',
        teamId: 'ABCDE12345',
      },
    ]);
    const keychain = await runNotarize({
      APPLE_KEYCHAIN_PROFILE: 'sessiondesk',
      APPLE_KEYCHAIN: 'ci.keychain',
    });
    expect(keychain.calls).toEqual([
      { appPath: APP_PATH, keychainProfile: 'sessiondesk', keychain: 'ci.keychain' },
    ]);
  });

  it('skips with one line when no credentials are set', async () => {
    const run = await runNotarize({ APPLE_ID: '  ' });
    expect(run.error).toBeNull();
    expect(run.calls).toEqual([]);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(
      /^Notarization skipped: no Apple credentials in the environment \(APPLE_API_KEY/,
    );
  });

  it('fails a release build without credentials, naming what to set', async () => {
    for (const flag of ['1', 'true']) {
      const run = await runNotarize({ SESSIONDESK_RELEASE: flag });
      expect(run.calls).toEqual([]);
      expect(run.error).toMatch(
        /SESSIONDESK_RELEASE is set.*APPLE_API_KEY.*APPLE_ID.*APPLE_KEYCHAIN_PROFILE/,
      );
    }
  });

  it('fails on half a set of credentials, release or not', async () => {
    const run = await runNotarize({ APPLE_ID: 'release@example.com', APPLE_TEAM_ID: 'ABCDE12345' });
    expect(run.calls).toEqual([]);
    expect(run.error).toBe(
      'Notarization: APPLE_ID, APPLE_TEAM_ID set but APPLE_APP_SPECIFIC_PASSWORD missing.',
    );
  });

  it('does nothing for other platforms, even in a release', async () => {
    const run = await runNotarize({ SESSIONDESK_RELEASE: '1' }, signed('win32'));
    expect(run).toEqual({ calls: [], lines: [], error: null });
    expect(planNotarization(signed('mas'), {})).toEqual({ action: 'none' });
  });

  it('lets a failed notarization fail the build', async () => {
    const failing = notarizeApp(
      signed(),
      { APPLE_KEYCHAIN_PROFILE: 'p' },
      {
        notarize: () => Promise.reject(new Error('notarytool: Invalid')),
        log: () => {},
      },
    );
    await expect(failing).rejects.toThrow('notarytool: Invalid');
  });
});

/** electron-builder's own loader for hook modules, as its packager calls it. */
const { resolveFunction } = createRequire(import.meta.url)('app-builder-lib/out/util/resolve.js') as {
  resolveFunction: (type: string, executor: string, name: string, root: string) => Promise<unknown>;
};

const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  afterPack: string;
  afterSign: string;
};

/**
 * A file laid out like an Electron binary's fuse wire: the sentinel, version 1, `fuses` fuses enabled
 * (nine, every fuse @electron/fuses knows; more, as a later Electron may have).
 */
function fakeElectron(fuses = 9): Buffer {
  const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
  const wire = Buffer.from([1, fuses, ...Array<number>(fuses).fill(FuseState.ENABLE)]);
  return Buffer.concat([Buffer.alloc(1024, 0x90), sentinel, wire, Buffer.alloc(1024, 0x90)]);
}

describe('the configured hook shims', () => {
  let dir: string | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  /** The afterPack shim as electron-builder loads it, run on a stand-in Linux binary. */
  async function runAfterPack(binary: Buffer): Promise<string> {
    const afterPack = await resolveFunction('module', config.afterPack, 'afterPack', ROOT);
    expect(typeof afterPack).toBe('function');
    dir = await mkdtemp(join(tmpdir(), 'sd-after-pack-'));
    await writeFile(join(dir, 'sessiondesk'), binary);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await (afterPack as (context: PackedApp) => Promise<void>)({
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: X64,
      packager: { appInfo: { productFilename: 'Sessiondesk' }, executableName: 'sessiondesk' },
    });
    return join(dir, 'sessiondesk');
  }

  it('load through electron-builder and flip the fuses of the packed binary for real', async () => {
    const wire = await getCurrentFuseWire(await runAfterPack(fakeElectron()));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // The window loads app://, so file:// pages need no privileges beyond a browser's.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Electron's defaults, now set explicitly.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
  });

  it('fail the build on an Electron with a fuse this build does not set, leaving its binary unpatched', async () => {
    const later = fakeElectron(10);
    await expect(runAfterPack(later)).rejects.toThrow(/strictlyRequireAllFuses/);
    // Refused before anything was written: every fuse as Electron shipped it.
    expect(readFileSync(join(dir!, 'sessiondesk')).equals(later)).toBe(true);
  });

  it('load the afterSign shim, which refuses a release without credentials before calling Apple', async () => {
    const afterSign = (await resolveFunction('module', config.afterSign, 'afterSign', ROOT)) as (
      context: SignedApp,
    ) => Promise<void>;
    // The shim reads process.env, as it does under electron-builder: no Apple credentials, a release.
    const names = Object.keys(process.env).filter((name) => name.startsWith('APPLE_'));
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    const release = process.env['SESSIONDESK_RELEASE'];
    try {
      for (const name of names) delete process.env[name];
      process.env['SESSIONDESK_RELEASE'] = '1';
      await expect(afterSign(signed())).rejects.toThrow(/SESSIONDESK_RELEASE is set/);
      await expect(afterSign(signed('linux'))).resolves.toBeUndefined();
    } finally {
      Object.assign(process.env, saved);
      if (release === undefined) delete process.env['SESSIONDESK_RELEASE'];
      else process.env['SESSIONDESK_RELEASE'] = release;
    }
  });
});
