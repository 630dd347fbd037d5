/**
 * Policy as a JSON object of the same names: Linux has no managed-preferences system, so IT installs
 * `/etc/sessiondesk/policy.json` (writable only by root) with its configuration tooling. The same reader
 * serves SESSIONDESK_POLICY_FILE, the one file tests and IT can point any platform at.
 */
import { readFile } from 'node:fs/promises';
import { decodeText } from './decode-text';
import { isNotFound, messageOf } from '../errors';
import type { RawPolicyRecord, RawPolicySource } from '../policy-normalize';

export const LINUX_POLICY_FILE = '/etc/sessiondesk/policy.json';

export interface ParsedJsonPolicy {
  /** The top-level object, or null when the text is not a JSON object. */
  readonly values: RawPolicyRecord | null;
  readonly warnings: readonly string[];
}

export function parseJsonPolicy(input: Uint8Array | string): ParsedJsonPolicy {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(input));
  } catch (error) {
    return { values: null, warnings: [`The policy file is not valid JSON: ${messageOf(error)}`] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { values: null, warnings: ['The policy file does not hold a JSON object of policies.'] };
  }
  return { values: value as RawPolicyRecord, warnings: [] };
}

export interface JsonPolicyOptions {
  /** Whether a missing file is worth a warning (it is when someone named the file on purpose). */
  readonly missingIsWarning?: boolean;
}

export async function readJsonPolicy(
  file: string,
  options: JsonPolicyOptions = {},
): Promise<RawPolicySource> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isNotFound(error) && !options.missingIsWarning) return { source: file, raw: null, warnings: [] };
    return {
      source: file,
      raw: null,
      warnings: [`Could not read the policy file ${file}: ${messageOf(error)}`],
    };
  }
  const parsed = parseJsonPolicy(bytes);
  return {
    source: file,
    raw: parsed.values,
    warnings: parsed.warnings.map((warning) => `${warning} (${file})`),
  };
}
