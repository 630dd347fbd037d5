/** What a typed second-factor code is: an authenticator's six digits, or a recovery code in any case. */
import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  isAuthenticatorCode,
  normaliseCode,
  RECOVERY_CODE_ALPHABET,
  TWO_FACTOR,
} from '@shared/domain/two-factor';

describe('two-factor codes', () => {
  it('reads six digits as an authenticator code, with the spaces or dash people type', () => {
    expect(isAuthenticatorCode('123456')).toBe(true);
    expect(isAuthenticatorCode(' 123 456 ')).toBe(true);
    expect(isAuthenticatorCode('123-456')).toBe(true);
    expect(isAuthenticatorCode('12345')).toBe(false);
    expect(isAuthenticatorCode('1234567')).toBe(false);
    expect(isAuthenticatorCode('abcde-fghjk')).toBe(false);
  });

  it('reads a recovery code in any case, with or without its dash', () => {
    expect(normaliseCode('ABCDE-FGHJK')).toBe('abcdefghjk');
    expect(normaliseCode(' abcde fghjk ')).toBe('abcdefghjk');
  });

  it('shows a recovery code in groups of five', () => {
    expect(formatRecoveryCode('abcdefghjk')).toBe('abcde-fghjk');
    expect(normaliseCode(formatRecoveryCode('abcdefghjk'))).toBe('abcdefghjk');
  });

  it('draws recovery codes from characters that cannot be misread for one another', () => {
    for (const confusable of ['0', 'o', '1', 'l', 'i'])
      expect(RECOVERY_CODE_ALPHABET).not.toContain(confusable);
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(RECOVERY_CODE_ALPHABET.length);
    expect(TWO_FACTOR.recoveryCodeLength % TWO_FACTOR.recoveryCodeGroup).toBe(0);
  });
});
