/**
 * The afterSign hook's work: notarize the signed macOS app with @electron/notarize (notarytool), with
 * credentials from the environment, in the order Apple recommends: an App Store Connect API key, an
 * Apple ID with an app-specific password, or a keychain profile stored by `xcrun notarytool
 * store-credentials`. Without credentials a development build skips with one line; a release build
 * (SESSIONDESK_RELEASE=1) fails, naming what is missing, since an unnotarized app does not open on
 * users' Macs. Half a set of credentials is always an error: it is a mistake, not a choice.
 */
import { join } from 'node:path';
import type { NotarizeOptions } from '@electron/notarize';

export type Env = Readonly<Record<string, string | undefined>>;

/** The part of electron-builder's AfterPackContext this reads. */
export interface SignedApp {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly packager: { readonly appInfo: { readonly productFilename: string } };
}

export interface NotarizeDeps {
  readonly notarize: (options: NotarizeOptions) => Promise<void>;
  readonly log: (line: string) => void;
}

export const RELEASE_ENV = 'SESSIONDESK_RELEASE';

const API_KEY = ['APPLE_API_KEY', 'APPLE_API_KEY_ID'] as const;
const APPLE_ID = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'] as const;
const KEYCHAIN = ['APPLE_KEYCHAIN_PROFILE'] as const;

const CREDENTIAL_HELP =
  'APPLE_API_KEY (path to the .p8 key), APPLE_API_KEY_ID and APPLE_API_ISSUER; or APPLE_ID, ' +
  'APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID; or APPLE_KEYCHAIN_PROFILE';

export function isRelease(env: Env): boolean {
  const value = env[RELEASE_ENV]?.trim().toLowerCase();
  return value === '1' || value === 'true';
}

/** Omit over each member of a union (NotarizeOptions is one per credential kind). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const present = (env: Env, name: string) => (env[name]?.trim() ?? '') !== '';

/** The notarytool credentials the environment holds, null when none, or an error naming what is missing. */
export function notarizeCredentials(
  env: Env,
):
  { readonly credentials: DistributiveOmit<NotarizeOptions, 'appPath'> | null } | { readonly error: string } {
  const value = (name: string) => env[name]!.trim();
  const sets = [API_KEY, APPLE_ID, KEYCHAIN] as const;
  for (const set of sets) {
    const given = set.filter((name) => present(env, name));
    if (given.length === 0) continue;
    const missing = set.filter((name) => !present(env, name));
    if (missing.length > 0) {
      return { error: `Notarization: ${given.join(', ')} set but ${missing.join(', ')} missing.` };
    }
    if (set === API_KEY) {
      return {
        credentials: {
          appleApiKey: value('APPLE_API_KEY'),
          appleApiKeyId: value('APPLE_API_KEY_ID'),
          // Team keys need the issuer; individual keys must not send one.
          ...(present(env, 'APPLE_API_ISSUER') ? { appleApiIssuer: value('APPLE_API_ISSUER') } : {}),
        },
      };
    }
    if (set === APPLE_ID) {
      return {
        credentials: {
          appleId: value('APPLE_ID'),
          appleIdPassword: value('APPLE_APP_SPECIFIC_PASSWORD'),
          teamId: value('APPLE_TEAM_ID'),
        },
      };
    }
    return {
      credentials: {
        keychainProfile: value('APPLE_KEYCHAIN_PROFILE'),
        ...(present(env, 'APPLE_KEYCHAIN') ? { keychain: value('APPLE_KEYCHAIN') } : {}),
      },
    };
  }
  return { credentials: null };
}

/** What the hook will do, decided from the context and the environment alone. */
export type NotarizePlan =
  | { readonly action: 'none' }
  | { readonly action: 'skip'; readonly reason: string }
  | { readonly action: 'fail'; readonly reason: string }
  | { readonly action: 'notarize'; readonly options: NotarizeOptions };

export function planNotarization(context: SignedApp, env: Env): NotarizePlan {
  // Mac App Store builds are reviewed by Apple instead; other platforms have nothing to notarize.
  if (context.electronPlatformName !== 'darwin') {
    return { action: 'none' };
  }
  const found = notarizeCredentials(env);
  if ('error' in found) return { action: 'fail', reason: found.error };
  if (found.credentials === null) {
    if (isRelease(env)) {
      return {
        action: 'fail',
        reason: `${RELEASE_ENV} is set, so the app must be notarized, but no Apple credentials are: set ${CREDENTIAL_HELP}.`,
      };
    }
    return { action: 'skip', reason: `no Apple credentials in the environment (${CREDENTIAL_HELP})` };
  }
  const appPath = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  return { action: 'notarize', options: { appPath, ...found.credentials } };
}

export async function notarizeApp(context: SignedApp, env: Env, deps: NotarizeDeps): Promise<void> {
  const plan = planNotarization(context, env);
  switch (plan.action) {
    case 'none':
      return;
    case 'skip':
      deps.log(`Notarization skipped: ${plan.reason}.`);
      return;
    case 'fail':
      throw new Error(plan.reason);
    case 'notarize':
      deps.log(`Notarizing ${plan.options.appPath} (this takes a few minutes)…`);
      await deps.notarize(plan.options);
      deps.log(`Notarized and stapled ${plan.options.appPath}.`);
  }
}
