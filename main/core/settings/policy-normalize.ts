/**
 * From what a policy source holds (registry values, plist or JSON values: a loose record) to typed
 * policy values, through the definitions. Each source stores types its own way (a boolean is a DWORD in
 * the registry, `<true/>` in a plist), so a value is first coerced to its definition's type, then checked
 * by its schema. A value that fails either is left out with a warning naming the policy, the value and
 * where it came from: a mistake in one policy never stops the others from applying, nor the app starting.
 */
import type { RemoteClientId } from '@shared/ipc/settings';
import { toFieldIssues } from '@shared/schemas/validation';
import {
  POLICY_DEFINITIONS,
  policyDefault,
  type PolicyDefinition,
  type PolicyType,
  type PolicyValues,
} from './policy-definitions';

/** What a reader found, by the name the source used: strings, numbers, booleans, lists, anything. */
export type RawPolicyRecord = Readonly<Record<string, unknown>>;

export interface NormalizedPolicy {
  readonly values: Partial<PolicyValues>;
  readonly warnings: readonly string[];
}

export type Coerced<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A raw value as IT would recognise it in a warning (quoted, shortened). */
export function describeRaw(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) {
    const text = JSON.stringify(raw);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  if (raw instanceof Uint8Array) return 'binary data';
  if (raw instanceof Date) return `the date ${raw.toISOString()}`;
  if (Array.isArray(raw)) return `a list of ${raw.length}`;
  if (raw === null) return 'null';
  return 'an object';
}

const TYPE_NAMES: Record<PolicyType, string> = {
  string: 'text (REG_SZ, <string>)',
  boolean: 'true or false (REG_DWORD 1 or 0, <true/> or <false/>)',
  integer: 'a whole number (REG_DWORD, <integer>)',
  'string-list': 'a list of text (REG_MULTI_SZ, <array> of <string>)',
};

function mismatch(type: PolicyType, raw: unknown): Coerced<never> {
  return { ok: false, reason: `${describeRaw(raw)} is not ${TYPE_NAMES[type]}` };
}

/**
 * Coerces a raw value to a policy type, accepting each source's usual spelling: DWORD 0/1 and the
 * strings "true"/"false"/"1"/"0" for booleans (a REG_SZ where a DWORD was meant is a common slip),
 * decimal strings for integers, and for a list either a real list or one string separated by commas,
 * semicolons or line breaks.
 */
export function coercePolicyValue(type: 'string', raw: unknown): Coerced<string>;
export function coercePolicyValue(type: 'boolean', raw: unknown): Coerced<boolean>;
export function coercePolicyValue(type: 'integer', raw: unknown): Coerced<number>;
export function coercePolicyValue(type: 'string-list', raw: unknown): Coerced<string[]>;
export function coercePolicyValue(
  type: PolicyType,
  raw: unknown,
): Coerced<string | boolean | number | string[]>;
export function coercePolicyValue(
  type: PolicyType,
  raw: unknown,
): Coerced<string | boolean | number | string[]> {
  switch (type) {
    case 'string':
      return typeof raw === 'string' ? { ok: true, value: raw } : mismatch(type, raw);
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 0 || raw === 1) return { ok: true, value: raw === 1 };
      const text = typeof raw === 'string' ? raw.trim().toLowerCase() : null;
      if (text === 'true' || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === '0') return { ok: true, value: false };
      return mismatch(type, raw);
    }
    case 'integer': {
      if (typeof raw === 'number' && Number.isSafeInteger(raw)) return { ok: true, value: raw };
      if (typeof raw === 'string' && /^\s*-?\d{1,15}\s*$/.test(raw)) return { ok: true, value: Number(raw) };
      return mismatch(type, raw);
    }
    case 'string-list': {
      const items = Array.isArray(raw)
        ? (raw as unknown[])
        : typeof raw === 'string'
          ? raw.split(/[,;\r\n]/)
          : null;
      if (!items || !items.every((item) => typeof item === 'string')) return mismatch(type, raw);
      return { ok: true, value: items.map((item) => item.trim()).filter((item) => item !== '') };
    }
  }
}

/** A choice spelled the way the definition spells it ("RustDesk" → "rustdesk"), or null. */
function canonicalChoice(choices: readonly string[], value: string): string | null {
  const wanted = value.trim().toLowerCase();
  return choices.find((choice) => choice.toLowerCase() === wanted) ?? null;
}

const BY_LOWER_NAME = new Map<string, PolicyDefinition>(
  POLICY_DEFINITIONS.map((definition) => [definition.name.toLowerCase(), definition]),
);

/**
 * Typed policy values from a source's raw record. Names match without regard to case (registry value
 * names are case-insensitive, and IT types them by hand); `null` means "not set". `source` names where
 * the record came from, for the warnings.
 */
export function normalizePolicy(raw: RawPolicyRecord, source: string): NormalizedPolicy {
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  const warn = (name: string, detail: string) =>
    warnings.push(`Policy ${name} (${source}) is ignored: ${detail}${detail.endsWith('.') ? '' : '.'}`);

  for (const [key, value] of Object.entries(raw)) {
    const definition = BY_LOWER_NAME.get(key.toLowerCase());
    if (!definition) {
      warnings.push(`Unknown policy ${JSON.stringify(key)} (${source}) is ignored.`);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (definition.name in values) {
      warn(key, `${definition.name} is already set under another spelling`);
      continue;
    }

    const coerced = coercePolicyValue(definition.type, value);
    if (!coerced.ok) {
      warn(definition.name, coerced.reason);
      continue;
    }
    let candidate: unknown = coerced.value;
    const { choices } = definition;
    if (choices && typeof coerced.value === 'string') {
      candidate = canonicalChoice(choices, coerced.value) ?? coerced.value;
    } else if (choices && Array.isArray(coerced.value)) {
      // One mistyped item must not widen the list to "everything": drop it and keep the rest.
      const kept: string[] = [];
      for (const item of coerced.value) {
        const choice = canonicalChoice(choices, item);
        if (choice === null) {
          warnings.push(
            `Policy ${definition.name} (${source}): the item ${describeRaw(item)} is not one of ${choices.join(', ')} and is ignored.`,
          );
        } else if (!kept.includes(choice)) kept.push(choice);
      }
      candidate = kept;
    }

    const checked = definition.schema.safeParse(candidate);
    if (!checked.success) {
      warn(
        definition.name,
        `${describeRaw(value)} is not valid: ${toFieldIssues(checked.error)[0]?.message ?? 'no reason given'}`,
      );
      continue;
    }
    values[definition.name] = checked.data;
  }

  const typed = values as Partial<PolicyValues>;
  // The allowed list is the boundary: a forced client outside it is the mistake, not the list.
  const { RemoteClient: forced, AllowedRemoteClients: allowed } = typed;
  if (forced !== undefined && allowed !== undefined && !allowed.includes(forced)) {
    warn('RemoteClient', `${describeRaw(forced)} is not in AllowedRemoteClients (${allowed.join(', ')})`);
    delete typed.RemoteClient;
  }
  return { values: typed, warnings };
}

/** The clients a policy allows (all of them when unset). */
export function allowedClients(values: Partial<PolicyValues>): readonly RemoteClientId[] {
  return values.AllowedRemoteClients ?? policyDefault('AllowedRemoteClients');
}

/** What one platform source yielded: its raw record (null: the source does not exist), and any trouble. */
export interface RawPolicySource {
  /** Where it was read, for logs and warnings (a registry key, a file path). */
  readonly source: string;
  readonly raw: RawPolicyRecord | null;
  readonly warnings: readonly string[];
}
