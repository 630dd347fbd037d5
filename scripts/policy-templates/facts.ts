/**
 * What every template says about a policy, derived from its definition only: how each OS stores it, the
 * value that applies when it is not set, and a valid example value for the sample profile and JSON file.
 */
import {
  POLICY_DEFINITIONS,
  type PolicyDefinition,
  type PolicyType,
} from '../../main/core/settings/policy-definitions';

export type Definition = (typeof POLICY_DEFINITIONS)[number];

export const REGISTRY_TYPES: Record<PolicyType, string> = {
  string: 'REG_SZ',
  boolean: 'REG_DWORD (1 or 0)',
  integer: 'REG_DWORD',
  'string-list': 'REG_MULTI_SZ',
};

export const PLIST_TYPES: Record<PolicyType, string> = {
  string: '<string>',
  boolean: '<true/> or <false/>',
  integer: '<integer>',
  'string-list': '<array> of <string>',
};

export const JSON_TYPES: Record<PolicyType, string> = {
  string: 'string',
  boolean: 'true or false',
  integer: 'number',
  'string-list': 'array of strings',
};

/** The default in words, as IT reads it in a template or the deployment guide. */
export function describeDefault(definition: PolicyDefinition): string {
  const value: unknown = definition.default;
  if (value === '') return 'empty';
  if (typeof value === 'boolean') return value ? 'true (enabled)' : 'false (disabled)';
  if (Array.isArray(value)) return (value as unknown[]).map(String).join(', ');
  return String(value);
}

/**
 * Example values for the policies whose default is not itself a valid policy value (a blank address
 * is refused when set by policy). Every other example is the default, so a sample deployed unedited
 * changes nothing but locking what it lists.
 */
const EXAMPLES: Readonly<Record<string, unknown>> = {
  ServerUrl: 'https://support.example.com',
  UpdateUrl: 'https://updates.example.com/sessiondesk',
};

/** A value the policy's own schema accepts; throws for a new policy whose default is not one. */
export function exampleValue(definition: PolicyDefinition): unknown {
  const candidate = definition.name in EXAMPLES ? EXAMPLES[definition.name] : definition.default;
  const checked = definition.schema.safeParse(candidate);
  if (!checked.success) {
    throw new Error(
      `Policy ${definition.name} has no valid example value: add one to EXAMPLES in scripts/policy-templates/facts.ts.`,
    );
  }
  return checked.data;
}

/** Every policy with its example, in definition order. */
export function exampleValues(): Record<string, unknown> {
  return Object.fromEntries(
    POLICY_DEFINITIONS.map((definition) => [definition.name, exampleValue(definition)]),
  );
}
