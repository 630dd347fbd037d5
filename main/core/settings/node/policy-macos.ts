/**
 * macOS policy: the managed preferences an MDM configuration profile installs for the app's domain,
 * `/Library/Managed Preferences/<appId>.plist`, written by the system and readable by everyone. The
 * file is a property list, XML or binary. The installed `plist` package parses both in-process; for a
 * binary file it cannot read, `plutil -convert xml1 -o - <file>` (always on macOS) converts it to XML
 * first, so an unusual encoder on the MDM side does not silently drop the organisation's policy.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, parseBinary } from 'plist';
import { decodeText } from './decode-text';
import { isNotFound, messageOf } from '../errors';
import { runFile, type ExecFile } from './exec';
import type { RawPolicyRecord, RawPolicySource } from '../policy-normalize';

export const MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';
export const PLUTIL = '/usr/bin/plutil';

const BINARY_MAGIC = 'bplist00';

/** The managed preferences file for `appId`, which must be a bundle id (no path separators). */
export function macosPolicyPath(appId: string, dir: string = MANAGED_PREFERENCES_DIR): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(appId))
    throw new Error(`${JSON.stringify(appId)} is not a bundle id.`);
  return join(dir, `${appId}.plist`);
}

export function isBinaryPlist(bytes: Uint8Array): boolean {
  return (
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(0, 8).toString('latin1') ===
    BINARY_MAGIC
  );
}

export interface ParsedPlist {
  /** The top-level dictionary, or null when the file does not hold one. */
  readonly values: RawPolicyRecord | null;
  readonly warnings: readonly string[];
}

/** The policy dictionary in a property list (XML as bytes or text, or binary bytes). */
export function parsePlistPolicy(input: Uint8Array | string): ParsedPlist {
  let value: unknown;
  try {
    value = typeof input !== 'string' && isBinaryPlist(input) ? parseBinary(input) : parse(decodeText(input));
  } catch (error) {
    return { values: null, warnings: [`The property list cannot be read: ${messageOf(error)}`] };
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    value instanceof Date ||
    value instanceof Uint8Array
  ) {
    return { values: null, warnings: ['The property list does not hold a dictionary of policies.'] };
  }
  return { values: value as RawPolicyRecord, warnings: [] };
}

export interface MacosPolicyOptions {
  readonly appId: string;
  /** The managed preferences folder (tests point it elsewhere). */
  readonly dir?: string;
  readonly exec?: ExecFile;
  readonly plutil?: string;
}

/** Reads the app's managed preferences; a missing file means no policy. */
export async function readMacosPolicy(options: MacosPolicyOptions): Promise<RawPolicySource> {
  const file = macosPolicyPath(options.appId, options.dir);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isNotFound(error)) return { source: file, raw: null, warnings: [] };
    return { source: file, raw: null, warnings: [`Could not read ${file}: ${messageOf(error)}`] };
  }

  const named = (warnings: readonly string[]) => warnings.map((warning) => `${warning} (${file})`);
  const parsed = parsePlistPolicy(bytes);
  if (parsed.values || !isBinaryPlist(bytes)) {
    return { source: file, raw: parsed.values, warnings: named(parsed.warnings) };
  }

  const plutil = options.plutil ?? PLUTIL;
  const converted = await (options.exec ?? runFile)(plutil, ['-convert', 'xml1', '-o', '-', file]).catch(
    (error: unknown) => new Error(messageOf(error)),
  );
  if (converted instanceof Error || converted.exitCode !== 0) {
    const said =
      converted instanceof Error
        ? converted.message
        : converted.stderr.trim() || `exit status ${converted.exitCode}`;
    return {
      source: file,
      raw: null,
      warnings: [...named(parsed.warnings), `${plutil} could not convert ${file}: ${said}`],
    };
  }
  // The in-process parser's complaint is moot once plutil's XML reads.
  const xml = parsePlistPolicy(decodeText(converted.stdout));
  return {
    source: file,
    raw: xml.values,
    warnings: xml.values ? [] : named([...parsed.warnings, ...xml.warnings]),
  };
}
