/**
 * Whether and where the agent client looks for updates, decided from the organisation's policy and
 * facts about this installation, without Electron: main/electron/updater.ts gathers the facts, asks,
 * and only then talks to electron-updater. The feed is electron-builder's generic one: the publisher's,
 * written into the app as app-update.yml when it was built with an update feed, or the organisation's
 * own (policy UpdateUrl). The stable channel is electron-builder's `latest` (latest.yml).
 */
import type { PolicyValues, UpdateChannel } from '../settings/policy-definitions';

export interface InstallFacts {
  /** Packaged (an installed app), as opposed to a development run. */
  readonly isPackaged: boolean;
  /** The operating system (Node's `process.platform`: win32, darwin, linux…). */
  readonly platform: string;
  /** The version running now (package.json's), to tell a prerelease. */
  readonly version: string;
  /** Whether the app holds app-update.yml: it was built with an update feed. */
  readonly hasUpdateConfig: boolean;
  /** Windows: whether the NSIS uninstaller is beside the executable (an MSI install has none). */
  readonly nsisInstall: boolean;
  /** Linux: whether the app runs as an AppImage (electron-updater replaces the AppImage file). */
  readonly appImage: boolean;
  /** Linux: the package the app was installed from (resources/package-type: deb, rpm…), if any. */
  readonly linuxPackage: string | null;
}

export type UpdatePolicy = Pick<PolicyValues, 'AutoUpdate' | 'UpdateChannel' | 'UpdateUrl'>;

export type UpdatePlan =
  | { readonly check: false; readonly reason: string }
  | {
      readonly check: true;
      /** The organisation's generic feed, or null for the publisher's (app-update.yml). */
      readonly feedUrl: string | null;
      /** electron-updater's channel: which <channel>.yml the feed is read from. */
      readonly channel: 'latest' | 'beta';
      /** Back to stable from a beta version is a downgrade, and the organisation asked for it. */
      readonly allowDowngrade: boolean;
    };

const CHANNELS: Record<UpdateChannel, 'latest' | 'beta'> = { stable: 'latest', beta: 'beta' };

/** Linux packages electron-updater can update in place (it runs the package manager through pkexec). */
const UPDATABLE_LINUX_PACKAGES = new Set(['deb', 'rpm', 'pacman']);

const isPrerelease = (version: string) => /^\d+\.\d+\.\d+-/.test(version);

export function planUpdates(policy: UpdatePolicy, facts: InstallFacts): UpdatePlan {
  if (!facts.isPackaged) return { check: false, reason: 'a development run does not update itself' };
  if (!policy.AutoUpdate) return { check: false, reason: 'automatic updates are off by policy (AutoUpdate)' };
  if (!facts.hasUpdateConfig) {
    return {
      check: false,
      reason: 'this build has no update feed (it was built without SESSIONDESK_UPDATE_URL)',
    };
  }
  if (facts.platform === 'win32' && !facts.nsisInstall) {
    // electron-updater would install its NSIS setup beside the MSI's files; MSI upgrades are IT's.
    return { check: false, reason: 'an MSI installation is updated by deploying the new MSI' };
  }
  if (
    facts.platform === 'linux' &&
    !facts.appImage &&
    !(facts.linuxPackage !== null && UPDATABLE_LINUX_PACKAGES.has(facts.linuxPackage))
  ) {
    return {
      check: false,
      reason: 'on Linux only the AppImage and deb, rpm or pacman installations update themselves',
    };
  }
  if (facts.platform !== 'win32' && facts.platform !== 'darwin' && facts.platform !== 'linux') {
    return { check: false, reason: `no updates for ${facts.platform}` };
  }
  const channel = CHANNELS[policy.UpdateChannel];
  return {
    check: true,
    feedUrl: policy.UpdateUrl === '' ? null : policy.UpdateUrl,
    channel,
    allowDowngrade: channel === 'latest' && isPrerelease(facts.version),
  };
}

/** How often an installed app looks for a new version while it runs (besides once at start). */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** The first check waits for sign-in and the first sync to settle. */
export const FIRST_CHECK_DELAY_MS = 60 * 1000;
