/**
 * Two-factor sign-in for password accounts (issue 18): the TOTP parameters every authenticator app
 * understands, how long the step between password and code may take, and what a code the agent types is.
 * One place for the rules: the service checks with them, the client words its fields after them.
 */

export const TWO_FACTOR = {
  /** RFC 6238 as authenticator apps expect it (Google Authenticator, Microsoft Authenticator, 1Password). */
  periodSeconds: 30,
  digits: 6,
  algorithm: 'sha1',
  /** Time steps accepted either side of the service's: a phone whose clock is off by up to 30 s still works. */
  skewSteps: 1,
  /** How long the second step may come after the password. */
  challengeTtlMs: 5 * 60_000,
  recoveryCodeCount: 10,
  /** A recovery code's characters, in groups of `recoveryCodeGroup` joined by "-" when shown. */
  recoveryCodeLength: 10,
  recoveryCodeGroup: 5,
} as const;

/**
 * The letters and digits of recovery codes: lower case, without 0/o and 1/l/i, which are misread when
 * copied from paper. 31 characters drawn uniformly: ten of them are 49 bits, and each try is rate-limited.
 */
export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What the agent typed, without the spaces and dashes people add and in lower case. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toLowerCase();
}

/** Whether a typed code is an authenticator's six digits (else it is taken as a recovery code). */
export function isAuthenticatorCode(typed: string): boolean {
  return new RegExp(`^\\d{${TWO_FACTOR.digits}}$`).test(normaliseCode(typed));
}

/** A recovery code as shown: its characters in dash-separated groups ("abcde-fghjk"). */
export function formatRecoveryCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += TWO_FACTOR.recoveryCodeGroup) {
    groups.push(code.slice(i, i + TWO_FACTOR.recoveryCodeGroup));
  }
  return groups.join('-');
}
