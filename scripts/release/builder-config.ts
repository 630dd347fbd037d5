/**
 * What the environment adds to electron-builder.yml for one build, decided here as a pure function so
 * it is tested and the YAML stays free of `${env.X}` macros (which make every build fail where X is
 * unset): the update feed the app will read, Windows cloud signing, the publisher name, and a release's
 * refusal to ship unsigned. electron-builder deep-merges the result onto electron-builder.yml.
 *
 * A .pfx certificate needs nothing here: electron-builder reads CSC_LINK / WIN_CSC_LINK and
 * CSC_KEY_PASSWORD itself, and takes the publisher name from the certificate.
 */
import type { Configuration } from 'electron-builder';
import { isRelease, type Env } from './notarize';

export const UPDATE_URL_ENV = 'SESSIONDESK_UPDATE_URL';
export const PUBLISHER_ENV = 'SESSIONDESK_WIN_PUBLISHER';
/** Azure Trusted Signing: the account's endpoint, the signing account and the certificate profile. */
export const AZURE_SIGNING_ENV = [
  'AZURE_TRUSTED_SIGNING_ENDPOINT',
  'AZURE_TRUSTED_SIGNING_ACCOUNT',
  'AZURE_TRUSTED_SIGNING_PROFILE',
] as const;

const value = (env: Env, name: string): string | null => {
  const text = env[name]?.trim();
  return text ? text : null;
};

export function hasPfxCertificate(env: Env): boolean {
  return value(env, 'WIN_CSC_LINK') !== null || value(env, 'CSC_LINK') !== null;
}

export function wantsAzureSigning(env: Env): boolean {
  return AZURE_SIGNING_ENV.some((name) => value(env, name) !== null);
}

export type EnvironmentConfig =
  | { readonly ok: true; readonly config: Configuration; readonly notes: readonly string[] }
  | { readonly ok: false; readonly reason: string };

function updateFeed(env: Env): { url: string } | { error: string } | null {
  const url = value(env, UPDATE_URL_ENV);
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `${UPDATE_URL_ENV} is not an address: ${url}` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { error: `${UPDATE_URL_ENV} must be an http(s) address: ${url}` };
  }
  return { url };
}

type AzureSignOptions = NonNullable<NonNullable<Configuration['win']>['azureSignOptions']>;

function azureSigning(env: Env): { options: AzureSignOptions } | { error: string } | null {
  if (!wantsAzureSigning(env)) return null;
  const missing = [...AZURE_SIGNING_ENV, PUBLISHER_ENV].filter((name) => value(env, name) === null);
  if (missing.length > 0) return { error: `Azure Trusted Signing needs ${missing.join(', ')} too.` };
  if (hasPfxCertificate(env)) {
    return {
      error: 'Both a .pfx certificate (CSC_LINK / WIN_CSC_LINK) and Azure Trusted Signing are set: keep one.',
    };
  }
  // Azure.Identity's EnvironmentCredential, which the TrustedSigning module signs in with.
  const secret =
    value(env, 'AZURE_CLIENT_SECRET') !== null ||
    value(env, 'AZURE_CLIENT_CERTIFICATE_PATH') !== null ||
    (value(env, 'AZURE_USERNAME') !== null && value(env, 'AZURE_PASSWORD') !== null);
  const identity = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].filter((name) => value(env, name) === null);
  if (identity.length > 0 || !secret) {
    return {
      error:
        'Azure Trusted Signing signs in with AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET ' +
        `(or AZURE_CLIENT_CERTIFICATE_PATH): ${[...identity, ...(secret ? [] : ['AZURE_CLIENT_SECRET'])].join(', ')} missing.`,
    };
  }
  return {
    options: {
      endpoint: value(env, 'AZURE_TRUSTED_SIGNING_ENDPOINT')!,
      codeSigningAccountName: value(env, 'AZURE_TRUSTED_SIGNING_ACCOUNT')!,
      certificateProfileName: value(env, 'AZURE_TRUSTED_SIGNING_PROFILE')!,
      publisherName: value(env, PUBLISHER_ENV)!,
    },
  };
}

export function environmentConfig(env: Env): EnvironmentConfig {
  // Configuration's fields are read-only; this is assembled once and handed over as it is.
  const config: { -readonly [K in keyof Configuration]: Configuration[K] } = {};
  const notes: string[] = [];

  const feed = updateFeed(env);
  if (feed && 'error' in feed) return { ok: false, reason: feed.error };
  if (feed) {
    // electron-builder writes app-update.yml (what electron-updater reads) and the latest*.yml and
    // beta*.yml files to upload beside the installers.
    config.publish = [{ provider: 'generic', url: feed.url }];
    notes.push(`Update feed: ${feed.url} (upload dist/*.yml and the installers there).`);
  } else {
    notes.push(`No update feed (${UPDATE_URL_ENV} unset): the app will not update itself.`);
  }

  const azure = azureSigning(env);
  if (azure && 'error' in azure) return { ok: false, reason: azure.error };
  if (azure) {
    config.win = { azureSignOptions: azure.options };
    notes.push(`Windows signing: Azure Trusted Signing, publisher ${String(azure.options.publisherName)}.`);
  } else if (hasPfxCertificate(env)) {
    const publisher = value(env, PUBLISHER_ENV);
    // Without a name electron-builder takes the certificate's subject, which updates are checked against.
    if (publisher) config.win = { signtoolOptions: { publisherName: publisher } };
    notes.push(
      `Windows signing: the .pfx certificate in CSC_LINK${publisher ? `, publisher ${publisher}` : ''}.`,
    );
  }

  if (isRelease(env)) {
    // A release never ships unsigned: electron-builder fails instead of skipping the signature.
    config.forceCodeSigning = true;
    notes.push('Release build: code signing (and on macOS notarization) is required.');
  }
  return { ok: true, config, notes };
}
