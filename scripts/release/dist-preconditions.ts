/**
 * Whether `npm run dist[:target]` can work on this machine, decided before a long build starts and
 * said in one sentence when it cannot: which tool or platform is missing, and what to do instead.
 * Pure: the facts about the machine are arguments (scripts/dist.ts gathers them).
 */
import type { ElectronBinary } from '../electron-binary';
import { hasPfxCertificate, wantsAzureSigning } from './builder-config';
import { isRelease, notarizeCredentials, RELEASE_ENV, type Env } from './notarize';

export const DIST_TARGETS = ['mac', 'win', 'linux', 'dir'] as const;
export type DistTarget = (typeof DIST_TARGETS)[number];

export interface BuildHost {
  readonly platform: NodeJS.Platform;
  readonly electronBinary: ElectronBinary;
  /** Whether `wine` is on PATH: WiX, which builds the MSI, runs under it off Windows. */
  readonly hasWine: boolean;
  readonly env: Env;
}

export type Preconditions = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'macOS',
  win32: 'Windows',
  linux: 'Linux',
};
const named = (platform: NodeJS.Platform) => PLATFORM_NAMES[platform] ?? platform;

/** The installer target a plain `npm run dist` builds: this machine's own. */
export function hostTarget(platform: NodeJS.Platform): DistTarget | null {
  switch (platform) {
    case 'darwin':
      return 'mac';
    case 'win32':
      return 'win';
    case 'linux':
      return 'linux';
    default:
      return null;
  }
}

export function checkPreconditions(target: DistTarget, host: BuildHost): Preconditions {
  const fail = (reason: string): Preconditions => ({ ok: false, reason });
  const here = named(host.platform);
  switch (target) {
    case 'dir':
      // The unpacked app is made from the installed Electron binary, for this machine.
      if (host.electronBinary.path === null) {
        return fail(
          `npm run dist:dir packages the local Electron binary, but ${host.electronBinary.reason}.`,
        );
      }
      if (hostTarget(host.platform) === null) return fail(`Electron apps cannot be packaged on ${here}.`);
      return { ok: true };
    case 'mac': {
      if (host.platform !== 'darwin') {
        return fail(
          `macOS installers are built on macOS (the DMG needs hdiutil, signing codesign, notarization notarytool); this is ${here}.`,
        );
      }
      const notarize = notarizeCredentials(host.env);
      if ('error' in notarize) return fail(notarize.error);
      if (isRelease(host.env) && notarize.credentials === null) {
        return fail(
          `${RELEASE_ENV} is set but no notarization credentials are: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID, or APPLE_KEYCHAIN_PROFILE).`,
        );
      }
      return { ok: true };
    }
    case 'win':
      if (host.platform !== 'win32' && !host.hasWine) {
        return fail(
          `The MSI is built with WiX, which runs on Windows or under Wine: install Wine (apt-get install wine) or build on Windows; this is ${here} without wine on PATH.`,
        );
      }
      if (wantsAzureSigning(host.env) && host.platform !== 'win32') {
        return fail(
          `Azure Trusted Signing runs its PowerShell module on Windows: build on Windows; this is ${here}.`,
        );
      }
      if (isRelease(host.env) && !hasPfxCertificate(host.env) && !wantsAzureSigning(host.env)) {
        return fail(
          `${RELEASE_ENV} is set but nothing signs the Windows installers: set CSC_LINK (a .pfx) and CSC_KEY_PASSWORD, or the AZURE_TRUSTED_SIGNING_* variables.`,
        );
      }
      return { ok: true };
    case 'linux':
      if (host.platform !== 'linux') {
        return fail(`The AppImage and deb are built on Linux; this is ${here}.`);
      }
      return { ok: true };
  }
}
