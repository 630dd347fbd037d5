/**
 * A macOS configuration profile example from the policy definitions: one Managed Preferences payload
 * (com.apple.ManagedClient.preferences, the documented form) forcing the policies for the app's bundle
 * id, so the Mac writes exactly these keys to /Library/Managed Preferences/<bundle id>.plist, the file
 * the client reads (main/core/settings/policy-macos.ts). Built with the `plist` package the reader
 * parses with.
 */
import { createHash } from 'node:crypto';
import { build, type PlistValue } from 'plist';
import { exampleValues } from './facts';

/**
 * A UUID derived from `name` (RFC 4122 version 5 layout over SHA-1), so regenerating the profile gives
 * the same file: the drift test compares it byte for byte, and an MDM sees the same profile, updated.
 */
export function stableUuid(name: string): string {
  const bytes = createHash('sha1').update(`sessiondesk-policy-templates:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface MobileconfigOptions {
  /** The bundle id: the preference domain the client reads. */
  readonly appId: string;
  readonly productName: string;
}

export function buildMobileconfig(options: MobileconfigOptions): string {
  const { appId, productName } = options;
  const payload: Record<string, PlistValue> = {
    PayloadContent: {
      [appId]: { Forced: [{ mcx_preference_settings: exampleValues() as Record<string, PlistValue> }] },
    },
    PayloadDisplayName: `${productName} agent client policy`,
    PayloadIdentifier: `${appId}.policy`,
    PayloadType: 'com.apple.ManagedClient.preferences',
    PayloadUUID: stableUuid(`${appId}.policy`),
    PayloadVersion: 1,
    PayloadEnabled: true,
  };
  const profile: Record<string, PlistValue> = {
    PayloadContent: [payload],
    PayloadDescription: `Managed policy for the ${productName} agent client. An example: keep only the policies you want to enforce and edit their values.`,
    PayloadDisplayName: `${productName} agent client policy`,
    PayloadIdentifier: `${appId}.profile`,
    PayloadOrganization: productName,
    // The client reads the machine's managed preferences, not a user's: install it as a device profile.
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: stableUuid(`${appId}.profile`),
    PayloadVersion: 1,
  };
  return `${build(profile)}\n`;
}
