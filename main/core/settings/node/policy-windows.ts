/**
 * Windows policy: the values Group Policy (or Intune, or a .reg file) writes under
 * HKLM\SOFTWARE\Policies\Sessiondesk\Agent. Node has no registry API and the core takes no native
 * module, so the reader runs `reg export` into a temporary file and parses that: the export format is
 * stable, documented by regedit, and carries every value type exactly (REG_MULTI_SZ as UTF-16LE hex),
 * unlike `reg query`'s localised, whitespace-aligned output.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, win32 } from 'node:path';
import { decodeText } from './decode-text';
import { runFile, type ExecFile } from './exec';
import type { RawPolicyRecord, RawPolicySource } from '../policy-normalize';

export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Sessiondesk\\Agent';

const HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** `HKLM\Software\…` → `HKEY_LOCAL_MACHINE\SOFTWARE\…` in upper case, to compare keys as Windows does. */
export function canonicalKey(key: string): string {
  const trimmed = key.trim().replace(/\\+$/, '');
  const slash = trimmed.indexOf('\\');
  const hive = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const rest = slash === -1 ? '' : trimmed.slice(slash);
  return `${HIVES[hive.toUpperCase()] ?? hive}${rest}`.toUpperCase();
}

export interface ParsedRegExport {
  readonly values: RawPolicyRecord;
  readonly warnings: readonly string[];
}

const HEADERS = ['Windows Registry Editor Version 5.00', 'REGEDIT4'];

/**
 * The values directly under `key` in a `reg export` file (bytes in any encoding, or text). Values of
 * other keys, subkeys included, do not count. REG_SZ and REG_EXPAND_SZ become strings (unexpanded),
 * REG_DWORD and REG_QWORD numbers, REG_MULTI_SZ a list of strings, anything else bytes; a line this
 * cannot read is skipped with a warning.
 */
export function parseRegExport(input: Uint8Array | string, key: string): ParsedRegExport {
  const lines = decodeText(input).split(/\r\n|\n|\r/);
  const warnings: string[] = [];
  const values: Record<string, unknown> = {};
  const header = lines.findIndex((line) => line.trim() !== '');
  if (header === -1 || !HEADERS.includes(lines[header]!.trim())) {
    return { values, warnings: ['This is not a registry export (its first line is not a regedit header).'] };
  }

  const wanted = canonicalKey(key);
  let inKey = false;
  for (let index = header + 1; index < lines.length; index++) {
    let line = lines[index]!.trim();
    if (line === '' || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      inKey = line.endsWith(']') && canonicalKey(line.slice(1, -1)) === wanted;
      continue;
    }
    // Only hex data wraps (regedit breaks it at about 80 columns with a trailing backslash).
    while (line.endsWith('\\') && /=\s*hex(\([0-9a-f]+\))?:/i.test(line) && index + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++index]!.trim();
    }
    if (!inKey) continue;

    const entry = splitValueLine(line);
    if (!entry) {
      warnings.push(`Line ${index + 1} of the registry export is not a value: ${line.slice(0, 60)}`);
      continue;
    }
    if (entry.name === null) continue; // the key's (default) value: no policy lives there
    const data = parseData(entry.data);
    if (data === DELETED) continue;
    if (data === UNREADABLE) {
      warnings.push(`The registry value ${JSON.stringify(entry.name)} has data this cannot read.`);
      continue;
    }
    values[entry.name] = data;
  }
  return { values, warnings };
}

/** `"Name"=data` → name (unescaped) and data; `@=data` → name null. */
function splitValueLine(line: string): { name: string | null; data: string } | null {
  if (line.startsWith('@=')) return { name: null, data: line.slice(2) };
  const name = readQuoted(line, 0);
  if (!name || line[name.end] !== '=') return null;
  return { name: name.value, data: line.slice(name.end + 1).trim() };
}

/** The string starting with the quote at `start`, regedit-unescaped (\\ and \"), and where it ends. */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  if (text[start] !== '"') return null;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') return { value, end: i + 1 };
    if (char === '\\' && (text[i + 1] === '\\' || text[i + 1] === '"')) {
      value += text[++i];
      continue;
    }
    value += char;
  }
  return null;
}

const DELETED = Symbol('deleted');
const UNREADABLE = Symbol('unreadable');

function parseData(data: string): unknown {
  if (data === '-') return DELETED;
  if (data.startsWith('"')) {
    const quoted = readQuoted(data, 0);
    return quoted && data.slice(quoted.end).trim() === '' ? quoted.value : UNREADABLE;
  }
  const dword = /^dword:([0-9a-f]{1,8})$/i.exec(data);
  if (dword) return parseInt(dword[1]!, 16);

  const hex = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/i.exec(data);
  if (!hex) return UNREADABLE;
  const bytes = hexBytes(hex[2]!);
  if (!bytes) return UNREADABLE;
  switch (parseInt(hex[1] ?? '3', 16)) {
    case 1: // REG_SZ
    case 2: // REG_EXPAND_SZ: left unexpanded; no policy here wants %VARIABLES%
      return utf16(bytes).replace(/\0+$/, '');
    case 4: // REG_DWORD (little-endian)
      return bytes.length === 4 ? bytes.readUInt32LE(0) : UNREADABLE;
    case 5: // REG_DWORD_BIG_ENDIAN
      return bytes.length === 4 ? bytes.readUInt32BE(0) : UNREADABLE;
    case 7: // REG_MULTI_SZ: NUL-separated, ending in two NULs
      return utf16(bytes)
        .split('\0')
        .filter((item) => item !== '');
    case 0xb: // REG_QWORD
      return bytes.length === 8 ? Number(bytes.readBigUInt64LE(0)) : UNREADABLE;
    default: // REG_BINARY, REG_NONE and the rest: bytes, which no policy type accepts
      return new Uint8Array(bytes);
  }
}

function hexBytes(list: string): Buffer | null {
  const compact = list.replace(/\s+/g, '');
  if (compact === '') return Buffer.alloc(0);
  const parts = compact.split(',');
  if (!parts.every((part) => /^[0-9a-f]{2}$/i.test(part))) return null;
  return Buffer.from(parts.map((part) => parseInt(part, 16)));
}

function utf16(bytes: Buffer): string {
  return bytes.subarray(0, bytes.length - (bytes.length % 2)).toString('utf16le');
}

export interface WindowsPolicyOptions {
  readonly key?: string;
  readonly exec?: ExecFile;
  /** Where the temporary export goes (the OS temp folder by default). */
  readonly tmpDir?: string;
  /** reg.exe by full path, so a `reg` earlier on PATH is never the one run. */
  readonly regExe?: string;
  /** %SystemRoot%, to find reg.exe when `regExe` is not given. */
  readonly systemRoot?: string;
}

/**
 * Exports the policy key with `reg export <key> <tmp>\policy.reg /y` and parses it; the temporary
 * folder is removed whatever happens. reg exits 1 when the key does not exist, which means no policy.
 */
export async function readWindowsPolicy(options: WindowsPolicyOptions = {}): Promise<RawPolicySource> {
  const key = options.key ?? WINDOWS_POLICY_KEY;
  const exec = options.exec ?? runFile;
  const regExe = options.regExe ?? win32.join(options.systemRoot ?? 'C:\\Windows', 'System32', 'reg.exe');
  const folder = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'sessiondesk-policy-'));
  const file = join(folder, 'policy.reg');
  try {
    const result = await exec(regExe, ['export', key, file, '/y']).catch(asError);
    if (result instanceof Error) {
      return {
        source: key,
        raw: null,
        warnings: [`Could not run ${regExe} to read ${key}: ${result.message}`],
      };
    }
    if (result.exitCode === 1) return { source: key, raw: null, warnings: [] };
    if (result.exitCode !== 0) {
      const said = result.stderr.trim() || `exit status ${result.exitCode}`;
      return { source: key, raw: null, warnings: [`reg export ${key} failed: ${said}`] };
    }
    const parsed = parseRegExport(await readFile(file), key);
    return {
      source: key,
      raw: parsed.values,
      warnings: parsed.warnings.map((warning) => `${warning} (${key})`),
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
