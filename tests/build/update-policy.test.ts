/**
 * Whether the installed client looks for updates, where and on which channel: the policy (AutoUpdate,
 * UpdateChannel, UpdateUrl) over the facts of the installation (packaged, built with a feed, installed
 * by NSIS or MSI, AppImage or deb).
 */
import { describe, expect, it } from 'vitest';
import { policyDefault } from '../../main/core/settings/policy-definitions';
import { planUpdates, type InstallFacts, type UpdatePolicy } from '../../main/core/updates/update-policy';

const DEFAULTS: UpdatePolicy = {
  AutoUpdate: policyDefault('AutoUpdate'),
  UpdateChannel: policyDefault('UpdateChannel'),
  UpdateUrl: policyDefault('UpdateUrl'),
};

const facts = (overrides: Partial<InstallFacts> = {}): InstallFacts => ({
  isPackaged: true,
  platform: 'win32',
  version: '1.2.3',
  hasUpdateConfig: true,
  nsisInstall: true,
  appImage: false,
  linuxPackage: null,
  ...overrides,
});

describe('planUpdates', () => {
  it('checks the publisher’s stable feed by default', () => {
    expect(planUpdates(DEFAULTS, facts())).toEqual({
      check: true,
      feedUrl: null,
      channel: 'latest',
      allowDowngrade: false,
    });
  });

  it('follows the organisation’s feed and channel', () => {
    const plan = planUpdates(
      { ...DEFAULTS, UpdateUrl: 'https://updates.example.com/sd', UpdateChannel: 'beta' },
      facts({ platform: 'darwin' }),
    );
    expect(plan).toEqual({
      check: true,
      feedUrl: 'https://updates.example.com/sd',
      channel: 'beta',
      allowDowngrade: false,
    });
  });

  it('brings a beta version back to stable when the organisation pins stable', () => {
    expect(planUpdates(DEFAULTS, facts({ version: '1.3.0-beta.2' }))).toMatchObject({
      channel: 'latest',
      allowDowngrade: true,
    });
    expect(
      planUpdates({ ...DEFAULTS, UpdateChannel: 'beta' }, facts({ version: '1.3.0-beta.2' })),
    ).toMatchObject({
      allowDowngrade: false,
    });
  });

  it('does not check when the policy turns updates off, whatever else', () => {
    expect(
      planUpdates({ ...DEFAULTS, AutoUpdate: false, UpdateUrl: 'https://u.example.com' }, facts()),
    ).toEqual({
      check: false,
      reason: 'automatic updates are off by policy (AutoUpdate)',
    });
  });

  it('does not check in development, without a feed, or for an MSI installation', () => {
    expect(planUpdates(DEFAULTS, facts({ isPackaged: false }))).toMatchObject({
      check: false,
      reason: /development/,
    });
    expect(planUpdates(DEFAULTS, facts({ hasUpdateConfig: false }))).toMatchObject({
      check: false,
      reason: /built without SESSIONDESK_UPDATE_URL/,
    });
    expect(planUpdates(DEFAULTS, facts({ nsisInstall: false }))).toMatchObject({
      check: false,
      reason: /MSI/,
    });
  });

  it('updates an AppImage or a deb on Linux, not an unpacked copy', () => {
    expect(planUpdates(DEFAULTS, facts({ platform: 'linux', appImage: true }))).toMatchObject({
      check: true,
    });
    expect(planUpdates(DEFAULTS, facts({ platform: 'linux', linuxPackage: 'deb' }))).toMatchObject({
      check: true,
    });
    expect(planUpdates(DEFAULTS, facts({ platform: 'linux' }))).toMatchObject({ check: false });
    expect(planUpdates(DEFAULTS, facts({ platform: 'freebsd' }))).toMatchObject({ check: false });
  });
});
