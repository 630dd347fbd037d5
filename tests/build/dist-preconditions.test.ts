/**
 * What `npm run dist` checks before building: the platform each target needs, the tools it cannot do
 * without, the local Electron binary for the unpacked app, and a release's credentials, each refused
 * in one sentence that says what is missing.
 */
import { describe, expect, it } from 'vitest';
import { checkPreconditions, hostTarget, type BuildHost } from '../../scripts/release/dist-preconditions';

const BINARY = { path: '/repo/node_modules/electron/dist/electron' } as const;
const NO_BINARY = {
  path: null,
  reason: 'the Electron binary is not installed (path.txt is missing)',
} as const;

const host = (overrides: Partial<BuildHost>): BuildHost => ({
  platform: 'linux',
  electronBinary: BINARY,
  hasWine: false,
  env: {},
  ...overrides,
});

const reason = (result: ReturnType<typeof checkPreconditions>) => (result.ok ? null : result.reason);

describe('npm run dist preconditions', () => {
  it('builds this machine’s installers by default', () => {
    expect(hostTarget('darwin')).toBe('mac');
    expect(hostTarget('win32')).toBe('win');
    expect(hostTarget('linux')).toBe('linux');
    expect(hostTarget('aix')).toBeNull();
  });

  it('packages the unpacked app only from the local Electron binary', () => {
    expect(checkPreconditions('dir', host({}))).toEqual({ ok: true });
    expect(reason(checkPreconditions('dir', host({ electronBinary: NO_BINARY })))).toBe(
      'npm run dist:dir packages the local Electron binary, but the Electron binary is not installed (path.txt is missing).',
    );
  });

  it('builds macOS installers on macOS only', () => {
    expect(reason(checkPreconditions('mac', host({ platform: 'linux' })))).toMatch(
      /^macOS installers are built on macOS .*; this is Linux\.$/,
    );
    expect(checkPreconditions('mac', host({ platform: 'darwin' }))).toEqual({ ok: true });
  });

  it('requires notarization credentials for a macOS release, and refuses half a set', () => {
    const release = host({ platform: 'darwin', env: { SESSIONDESK_RELEASE: '1' } });
    expect(reason(checkPreconditions('mac', release))).toMatch(
      /SESSIONDESK_RELEASE is set but no notarization/,
    );
    const withKey = host({
      platform: 'darwin',
      env: { SESSIONDESK_RELEASE: '1', APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'ID' },
    });
    expect(checkPreconditions('mac', withKey)).toEqual({ ok: true });
    const half = host({ platform: 'darwin', env: { APPLE_API_KEY: '/k.p8' } });
    expect(reason(checkPreconditions('mac', half))).toBe(
      'Notarization: APPLE_API_KEY set but APPLE_API_KEY_ID missing.',
    );
  });

  it('builds the Windows MSI on Windows or with Wine', () => {
    expect(reason(checkPreconditions('win', host({ platform: 'linux' })))).toMatch(
      /^The MSI is built with WiX, which runs on Windows or under Wine: install Wine/,
    );
    expect(checkPreconditions('win', host({ platform: 'linux', hasWine: true }))).toEqual({ ok: true });
    expect(checkPreconditions('win', host({ platform: 'win32' }))).toEqual({ ok: true });
  });

  it('signs with Azure only on Windows, and a Windows release only signed', () => {
    const azure = { AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://eus.codesigning.azure.net' };
    expect(reason(checkPreconditions('win', host({ platform: 'linux', hasWine: true, env: azure })))).toMatch(
      /^Azure Trusted Signing runs its PowerShell module on Windows/,
    );
    expect(
      reason(checkPreconditions('win', host({ platform: 'win32', env: { SESSIONDESK_RELEASE: '1' } }))),
    ).toMatch(/nothing signs the Windows installers: set CSC_LINK/);
    const pfx = { SESSIONDESK_RELEASE: '1', CSC_LINK: 'C:\\certs\\sd.pfx' };
    expect(checkPreconditions('win', host({ platform: 'win32', env: pfx }))).toEqual({ ok: true });
  });

  it('builds the Linux packages on Linux', () => {
    expect(checkPreconditions('linux', host({}))).toEqual({ ok: true });
    expect(reason(checkPreconditions('linux', host({ platform: 'darwin' })))).toBe(
      'The AppImage and deb are built on Linux; this is macOS.',
    );
  });
});
