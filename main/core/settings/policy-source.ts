/**
 * The organisation's policy as the core receives it, whatever read it: the registry, managed preferences
 * or a JSON file on the desktop (`node/load-policy.ts`), nothing in the web console.
 */
import type { PolicyValues } from './policy-definitions';

export interface LoadedPolicy {
  readonly values: Partial<PolicyValues>;
  /** Where the policy came from (a registry key or a file), or null when there is none. */
  readonly source: string | null;
  readonly warnings: readonly string[];
}

export const NO_POLICY: LoadedPolicy = { values: {}, source: null, warnings: [] };
