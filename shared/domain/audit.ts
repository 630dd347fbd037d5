/**
 * The audit log's rules (issue 17): how long an organisation keeps it, and what a type filter means.
 */

/** The organisation setting `auditRetentionDays`: entries older than this are pruned daily. */
export const AUDIT_RETENTION = {
  defaultDays: 365,
  minDays: 1,
  maxDays: 3_650,
} as const;

/**
 * A `type` filter: a type as is (`agent.updated`), or a prefix ending in "." (`request.`) standing for
 * every type that starts with it — as the range [prefix, the prefix with its last character's successor),
 * which a database compares in byte order and walks with an index.
 */
export type AuditTypeFilter =
  { readonly type: string } | { readonly typeRange: { readonly from: string; readonly to: string } };

export function auditTypeFilter(type: string): AuditTypeFilter {
  if (!type.endsWith('.')) return { type };
  // "." is followed by "/" in every encoding the databases compare in.
  return { typeRange: { from: type, to: `${type.slice(0, -1)}/` } };
}

/** The days of retention in milliseconds: entries before `now` minus this are pruned. */
export function auditRetentionCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * 24 * 3_600_000;
}

/**
 * The audit entries of two-factor sign-in (issue 18); a refused second step is a `sign_in.failed` with
 * reason `invalid_second_factor`, as a refused password is one with `invalid_credentials`.
 */
export const TWO_FACTOR_AUDIT = {
  enabled: 'two_factor.enabled',
  disabled: 'two_factor.disabled',
  recoveryCodesReplaced: 'two_factor.recovery_codes_replaced',
  recoveryCodeUsed: 'two_factor.recovery_code_used',
  reset: 'two_factor.reset',
} as const;
